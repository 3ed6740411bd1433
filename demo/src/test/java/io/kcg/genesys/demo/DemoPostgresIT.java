package io.kcg.genesys.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./demo.sh --postgres against a real PostgreSQL (embedded): the records land through Debezium's JDBC sink, loaded
 * from its plugin package, and the printed report, read back from the table, equals the simulator's ground truth
 * for a whole day. The password never reaches the output or the worker's log.
 */
class DemoPostgresIT {
    static final String PASSWORD = "pg-secret-7193";
    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        // Embedded PostgreSQL trusts every local connection by default: here every role but the administrator must
        // give its password (SCRAM), as a real server would ask the demo.
        postgres = EmbeddedPostgres.builder().setDataDirectoryCustomizer(dir -> {
            try {
                Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n", "local all all trust",
                        "host all postgres 127.0.0.1/32 trust", "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256", "host all all ::1/128 scram-sha-256", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE demo LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE genesys OWNER demo");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static String url(String password) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/genesys?user=demo&password=" + password;
    }

    @Test
    void landsTheRecordsInPostgresAndReadsTheReportBackFromTheTable() throws Exception {
        RepoFiles.built("connector/target/plugins/kafka-connect-genesys/lib");
        RepoFiles.built("demo/target/connect-plugins/debezium-connector-jdbc");
        Instant started = Instant.now();
        String workDir = "demo/target/demo-it/postgres";
        DemoIT.Run run = DemoIT.demo(Map.of(), DemoIT.withPorts(workDir, "--days", "3", "--postgres", url(PASSWORD)));

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("-> table genesys_queues30m in postgresql://demo@127.0.0.1:" + postgres.getPort()
                + "/genesys"), run.out());
        Matcher readBack = Pattern.compile("\\((\\d+) buckets of 30 minutes read back from PostgreSQL, table "
                + "genesys_queues30m\\)").matcher(run.out());
        assertTrue(readBack.find(), "the report is read back from the table: " + run.out());

        LocalDate day = started.minusSeconds(3 * 86_400).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        Map<String, long[]> reported = DemoIT.reportedDay(run.out(), day);
        Map<String, long[]> truth = DemoIT.groundTruth(day);
        assertFalse(truth.isEmpty());
        assertEquals(truth.keySet(), reported.keySet(), "queue and media type pairs of " + day);
        truth.forEach((key, expected) -> {
            assertEquals(expected[0], reported.get(key)[0], "offered " + key + " on " + day);
            assertEquals(expected[1], reported.get(key)[1], "answered " + key + " on " + day);
        });

        try (Connection db = postgres.getDatabase("postgres", "genesys").getConnection();
             Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM genesys_queues30m")) {
            assertTrue(rows.next());
            assertEquals(Integer.parseInt(readBack.group(1)), rows.getInt(1), "every bucket of the table is reported");
        }
        String log = Files.readString(RepoFiles.root().resolve(workDir).resolve("demo.log"));
        assertFalse((run.out() + run.err() + log).contains(PASSWORD), "the password is never printed or logged");
    }

    @Test
    void aRefusedPasswordEndsTheDemoBeforeAnythingStartsAndIsNotEchoed() throws Exception {
        RepoFiles.built("demo/target/connect-plugins/debezium-connector-jdbc");
        String wrong = "not-the-password-55";
        DemoIT.Run run = DemoIT.demo(Map.of(), DemoIT.withPorts("demo/target/demo-it/postgres-refused", "--postgres",
                url(wrong)));
        assertEquals(DemoException.ENVIRONMENT, run.code(), run.err());
        assertTrue(run.err().contains("cannot connect to PostgreSQL at postgresql://demo@127.0.0.1:"
                + postgres.getPort() + "/genesys"), run.err());
        assertFalse((run.out() + run.err()).contains(wrong), "the password is never printed");
        assertFalse(run.err().contains("\tat "), "no stack trace");
        Path log = RepoFiles.root().resolve("demo/target/demo-it/postgres-refused/demo.log");
        assertFalse(Files.exists(log) && Files.readString(log).contains(wrong), "nor logged");
    }
}
