package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as ./demo.sh runs it (in this JVM, on free ports): a real KRaft broker, a standalone worker that loads the
 * packaged plugin through plugin.path, the simulator; its report must equal what the simulator says happened.
 */
class DemoIT {
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run demo(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = DemoMain.run(RepoFiles.root(), args, env, o, e, false);
        }
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println(run.out());
        System.out.println(run.err());
        return run;
    }

    static String[] withPorts(String workDir, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--work-dir", workDir,
                "--kafka-port", Integer.toString(freePort()), "--controller-port", Integer.toString(freePort()),
                "--connect-port", Integer.toString(freePort()), "--simulator-port", Integer.toString(freePort())));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theConnectorIsNotOnTheDemosClasspathSoTheWorkerMustLoadTheBuiltPackage() {
        RepoFiles.built("connector/target/plugins/kafka-connect-genesys/lib");
        assertThrows(ClassNotFoundException.class, () -> Class.forName(PackagedPlugin.CONNECTOR_CLASS));
    }

    @Test
    void backfillsPrintsAReportThatMatchesTheSimulatorAndWritesTheHtmlPage() throws Exception {
        RepoFiles.built("connector/target/plugins/kafka-connect-genesys/lib");
        Instant started = Instant.now();
        Run run = demo(Map.of(), withPorts("demo/target/demo-it/backfill", "--days", "3"));

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("loaded from plugin.path"), run.out());
        assertTrue(run.out().contains("Done: everything stopped."), run.out());
        assertTrue(Pattern.compile("Metrics over JMX \\(kafka.connect:type=plugins,[^\\n]*\\n  queues30m: lag "
                + "PT[0-9HMS.]+, [1-9][0-9,]* requests, [0-9,]+ answered 429 \\([0-9]+ s waited\\), [0-9,]+ retries, "
                + "[1-9][0-9,]* windows, [1-9][0-9,]* records").matcher(run.out()).find(), "the metrics block: " + run.out());

        // A whole day inside the backfill, compared with what the simulator (same seed, same clock) answers for it.
        LocalDate day = started.minusSeconds(3 * 86_400).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        Map<String, long[]> reported = reportedDay(run.out(), day);
        Map<String, long[]> truth = groundTruth(day);
        assertFalse(truth.isEmpty());
        assertEquals(truth.keySet(), reported.keySet(), "queue and media type pairs of " + day);
        truth.forEach((key, expected) -> {
            assertEquals(expected[0], reported.get(key)[0], "offered " + key + " on " + day);
            assertEquals(expected[1], reported.get(key)[1], "answered " + key + " on " + day);
        });
        // The names come from the directory source's queues topic, which runs beside the aggregates connector.
        assertTrue(run.out().contains("created from config/directory.json"), run.out());
        assertTrue(Pattern.compile("genesys\\.directory\\.queues 3\\b").matcher(run.out()).find()
                && run.out().contains("genesys.directory.users ") && run.out().contains("genesys.directory.divisions "),
                "the directory topics read back: " + run.out());
        for (String queue : List.of("Support", "Sales", "Billing")) {
            assertTrue(run.out().contains(queue + "  queue "), "queue names in the report: " + queue);
        }

        // The Kafka Streams daily rollup ran on the same topics: its printed rows equal the report's for their day.
        assertTrue(run.out().contains("Kafka Streams daily rollup (topic genesys.queues.daily)"), run.out());
        assertTrue(Pattern.compile("The rollup equals the report: offered and answered of [1-9][0-9]* rows")
                .matcher(run.out()).find(), run.out());
        Map<LocalDate, Map<String, long[]>> rollup = rollupBlock(run.out());
        assertEquals(1, rollup.size(), "the rollup block shows one day: " + rollup.keySet());
        LocalDate rollupDay = rollup.keySet().iterator().next();
        Map<String, long[]> sameDay = reportedDay(run.out(), rollupDay);
        assertFalse(rollup.get(rollupDay).isEmpty(), "rollup rows");
        assertTrue(sameDay.keySet().containsAll(rollup.get(rollupDay).keySet()), "rollup rows are report rows of "
                + rollupDay + ": " + rollup.get(rollupDay).keySet());
        rollup.get(rollupDay).forEach((key, counts) -> {
            assertEquals(sameDay.get(key)[0], counts[0], "rollup offered " + key + " on " + rollupDay);
            assertEquals(sameDay.get(key)[1], counts[1], "rollup answered " + key + " on " + rollupDay);
        });

        Path html = RepoFiles.root().resolve("demo/target/demo-it/backfill").resolve(Demo.REPORT_FILE);
        String page = Files.readString(html);
        assertTrue(run.out().contains(html.toUri().toString()), "says where the page is");
        assertTrue(page.contains("<svg") && page.contains("<path"), "inline charts");
        assertEquals(3 * 2, count(page, "<svg"), "offered and service level charts per queue");
        assertFalse(page.contains("<script") || page.contains("src=") || page.contains("<link"), "no network");
        assertTrue(page.contains(day.toString()), "the daily table");
    }

    @Test
    void aTakenPortIsNamedWithTheOptionThatMovesIt() throws IOException {
        RepoFiles.built("connector/target/plugins/kafka-connect-genesys/lib");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] args = withPorts("demo/target/demo-it/port", "--connect-port",
                    Integer.toString(busy.getLocalPort()));
            Run run = demo(Map.of(), args);
            assertEquals(DemoException.ENVIRONMENT, run.code());
            assertTrue(run.err().contains("port " + busy.getLocalPort() + " is taken")
                    && run.err().contains("--connect-port"), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void refusedCredentialsEndTheDemoWithOneClearMessageAndNoSecret() throws IOException {
        RepoFiles.built("connector/target/plugins/kafka-connect-genesys/lib");
        try (GenesysSimulator genesys = GenesysSimulator.builder().port(0).build().start()) {
            Map<String, String> env = new HashMap<>();
            env.put("GENESYS_API_URL", genesys.baseUrl());
            env.put("GENESYS_CLIENT_ID", genesys.clientId());
            env.put("GENESYS_CLIENT_SECRET", "not-the-secret-42");
            Run run = demo(env, withPorts("demo/target/demo-it/credentials"));
            assertEquals(DemoException.GENESYS, run.code());
            assertTrue(run.err().contains("refused the OAuth client credentials (401"), run.err());
            assertTrue(run.err().contains("GENESYS_CLIENT_SECRET"), run.err());
            assertFalse((run.out() + run.err()).contains("not-the-secret-42"), "the secret is never printed");
            assertFalse(run.err().contains("\tat "), "no stack trace");
        }
    }

    /** "queueId|mediaType" -> {offered, answered} from the printed report's lines for {@code day}. */
    static Map<String, long[]> reportedDay(String out, LocalDate day) {
        Map<String, long[]> rows = new HashMap<>();
        Pattern queueLine = Pattern.compile("queue ([0-9a-f-]{36})$");
        Pattern row = Pattern.compile("^  (\\d{4}-\\d{2}-\\d{2}\\*?)?\\s+([a-z]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s");
        String queue = null;
        String rowDay = null;
        for (String line : out.split("\n")) {
            Matcher q = queueLine.matcher(line);
            if (q.find()) {
                queue = q.group(1);
                continue;
            }
            Matcher r = row.matcher(line);
            if (queue != null && r.find()) {
                if (r.group(1) != null) {
                    rowDay = r.group(1).replace("*", "");
                }
                if (day.toString().equals(rowDay)) {
                    rows.put(queue + "|" + r.group(2), new long[] {Long.parseLong(r.group(3).replace(",", "")),
                        Long.parseLong(r.group(4).replace(",", ""))});
                }
            }
        }
        return rows;
    }

    /** day -> "queueId|mediaType" -> {offered, answered} from the printed rollup block (queue names mapped to ids). */
    static Map<LocalDate, Map<String, long[]>> rollupBlock(String out) {
        Map<String, String> queueIds = new HashMap<>();
        Matcher names = Pattern.compile("(?m)^(\\S+)  queue ([0-9a-f-]{36})$").matcher(out);
        while (names.find()) {
            queueIds.put(names.group(1), names.group(2));
        }
        int block = out.indexOf("Kafka Streams daily rollup (topic ");
        assertTrue(block >= 0, "no rollup block: " + out);
        Pattern row = Pattern.compile("^  (\\d{4}-\\d{2}-\\d{2})\\s+(\\S+)\\s+([a-z]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s");
        Map<LocalDate, Map<String, long[]>> rows = new HashMap<>();
        for (String line : out.substring(block).split("\n")) {
            if (line.startsWith("==>")) {
                break;
            }
            Matcher r = row.matcher(line);
            if (r.find()) {
                String queue = queueIds.getOrDefault(r.group(2), r.group(2));
                rows.computeIfAbsent(LocalDate.parse(r.group(1)), d -> new HashMap<>()).put(queue + "|" + r.group(3),
                        new long[] {Long.parseLong(r.group(4).replace(",", "")),
                            Long.parseLong(r.group(5).replace(",", ""))});
            }
        }
        return rows;
    }

    static Map<String, long[]> groundTruth(LocalDate day) throws IOException {
        Map<String, long[]> rows = new HashMap<>();
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(42L).queues(3).port(0).build().start()) {
            String interval = day.atStartOfDay(ZoneOffset.UTC).toInstant() + "/"
                    + day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            String query = "{\"interval\":\"" + interval + "\",\"granularity\":\"P1D\","
                    + "\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"tAnswered\"]}";
            for (JsonNode result : JSON.readTree(sim.groundTruth("conversations", query)).path("results")) {
                String key = result.path("group").path("queueId").asText() + "|"
                        + result.path("group").path("mediaType").asText();
                long[] counts = new long[2];
                for (JsonNode metric : result.path("data").path(0).path("metrics")) {
                    int index = metric.path("metric").asText().equals("nOffered") ? 0 : 1;
                    counts[index] = metric.path("stats").path("count").asLong();
                }
                rows.put(key, counts);
            }
        }
        return rows;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
