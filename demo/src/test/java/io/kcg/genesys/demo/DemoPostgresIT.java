package io.kcg.genesys.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

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

    /**
     * A demo run whose log lines are kept: slf4j-simple takes its target once per JVM, from the first logger (in a
     * test JVM often before the demo names its demo.log), so the lines go to System.err or to an earlier run's
     * demo.log. Both are read.
     */
    static Logged demoAndLogs(String... args) throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        DemoIT.Run run;
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            run = DemoIT.demo(Map.of(), args);
        } finally {
            System.setErr(original);
        }
        StringBuilder logs = new StringBuilder(captured.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(RepoFiles.root().resolve("demo/target/demo-it"))) {
            for (Path log : files.filter(f -> f.getFileName().toString().equals("demo.log")).toList()) {
                logs.append(Files.readString(log));
            }
        }
        return new Logged(run, logs.toString());
    }

    /** A demo run and every log line written meanwhile. */
    record Logged(DemoIT.Run run, String logs) {
        String printed() {
            return run.out() + run.err();
        }
    }

    /** Writes to two streams. */
    static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
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
        Logged logged = demoAndLogs(DemoIT.withPorts(workDir, "--days", "3", "--postgres", url(PASSWORD)));
        DemoIT.Run run = logged.run();

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
        assertTrue(logged.logs().contains("io.debezium.connector.jdbc"), "the sink's log lines were captured");
        assertFalse(logged.printed().contains(PASSWORD), "the password is never printed");
        assertFalse(logged.logs().contains(PASSWORD), "nor logged");
    }

    @Test
    void aRefusedPasswordEndsTheDemoBeforeAnythingStartsAndIsNotEchoed() throws Exception {
        RepoFiles.built("demo/target/connect-plugins/debezium-connector-jdbc");
        String wrong = "not-the-password-55";
        Logged logged = demoAndLogs(DemoIT.withPorts("demo/target/demo-it/postgres-refused", "--postgres",
                url(wrong)));
        DemoIT.Run run = logged.run();
        assertEquals(DemoException.ENVIRONMENT, run.code(), run.err());
        assertTrue(run.err().contains("cannot connect to PostgreSQL at postgresql://demo@127.0.0.1:"
                + postgres.getPort() + "/genesys"), run.err());
        assertFalse(logged.printed().contains(wrong), "the password is never printed");
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertFalse(logged.logs().contains(wrong), "nor logged");
    }
}
