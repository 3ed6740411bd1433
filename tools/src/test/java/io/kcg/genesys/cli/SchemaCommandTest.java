package io.kcg.genesys.cli;

import io.kcg.genesys.avro.SchemaCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code genesys-aggregates schema}, run in-process: the schemas it prints are those of {@code schemas/}. */
class SchemaCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GenesysAggregatesCli.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The printed schemas by their heading ("# key: …" / "# value: …") prefixed with the section's heading. */
    private Map<String, String> blocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        String section = null;
        String heading = null;
        StringBuilder json = new StringBuilder();
        for (String line : (out() + "# end").split("\n")) {
            if (line.startsWith("# ")) {
                if (heading != null) {
                    blocks.put(section + " | " + heading, json.toString());
                    json.setLength(0);
                    heading = null;
                }
                if (line.startsWith("# key") || line.startsWith("# value")) {
                    heading = line.substring(2);
                } else {
                    section = line.substring(2);
                }
            } else {
                json.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static String file(String path) throws IOException {
        return Files.readString(SchemaCatalog.schemasDir().resolve(path), StandardCharsets.UTF_8);
    }

    @Test
    void printsKeyAndValueOfEveryQueryAndTheHeartbeatsWithTheirSubjects() throws IOException {
        Path config = SchemaCatalog.repoRoot().resolve("config/queue-report-30m.json");
        assertEquals(0, run("schema", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));
        Map<String, String> blocks = blocks();
        assertEquals(Map.of(
                "query queues30m, topic genesys.queues30m | key: subject genesys.queues30m-key (TopicNameStrategy) "
                        + "or io.kcg.genesys.wide.Queues30mKey (RecordNameStrategy)",
                file("queue-report-30m/queues30m/key.avsc"),
                "query queues30m, topic genesys.queues30m | value: subject genesys.queues30m-value (TopicNameStrategy) "
                        + "or io.kcg.genesys.wide.Queues30m (RecordNameStrategy)",
                file("queue-report-30m/queues30m/value.avsc"),
                "heartbeats, topic genesys.heartbeats | key: subject genesys.heartbeats-key (TopicNameStrategy) "
                        + "or io.kcg.genesys.HeartbeatKey (RecordNameStrategy)",
                file("heartbeat/key.avsc"),
                "heartbeats, topic genesys.heartbeats | value: subject genesys.heartbeats-value (TopicNameStrategy) "
                        + "or io.kcg.genesys.Heartbeat (RecordNameStrategy)",
                file("heartbeat/value.avsc")), blocks);
    }

    @Test
    void longFormatAndOneQueryOfSeveral(@TempDir Path dir) throws IOException {
        // query b is the example queue report's query, whose long-format schemas schemas/long/ holds
        String queueReport = ConnectorConfigFile.read(SchemaCatalog.repoRoot().resolve("config/queue-report-30m.json"))
                .get("query.queues30m.body");
        Path config = dir.resolve("two.properties");
        Files.writeString(config, String.join("\n",
                "genesys.api.url=http://127.0.0.1:8089", "genesys.client.id=id", "genesys.client.secret=secret",
                "queries=a,b", "output.format=long",
                "query.a.body={\"metrics\":[\"nOffered\"]}", "query.b.body=" + queueReport,
                "query.b.topic=t.b", ""));
        assertEquals(0, run("schema", "--config", config.toString(), "--query", "b"));
        Map<String, String> blocks = blocks();
        assertEquals(2, blocks.size(), blocks.keySet().toString());
        assertEquals(file("long/queue-report-30m/queues30m/key.avsc"), blocks.get("query b, topic t.b | key: subject "
                + "t.b-key (TopicNameStrategy) or io.kcg.genesys.MetricRowKey (RecordNameStrategy)"));
        assertEquals(file("long/queue-report-30m/queues30m/value.avsc"), blocks.get("query b, topic t.b | value: subject t.b-value "
                + "(TopicNameStrategy) or io.kcg.genesys.MetricRow (RecordNameStrategy)"));
    }

    @Test
    void usageErrorsAndBadConfigsSayWhatIsWrong(@TempDir Path dir) throws IOException {
        assertEquals(2, run("schema"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing --config"));

        Path config = SchemaCatalog.repoRoot().resolve("config/agent-report-30m.json");
        err.reset();
        assertEquals(2, run("schema", "--config", config.toString(), "--query", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--query nope: the config has queries [agents30m]"),
                err.toString(StandardCharsets.UTF_8));

        Path clash = dir.resolve("clash.json");
        Files.writeString(clash, "{\"genesys.api.url\":\"http://127.0.0.1:8089\",\"genesys.client.id\":\"id\","
                + "\"genesys.client.secret\":\"s3cr3t\",\"queries\":\"q\",\"query.q.body\":\"{\\\"metrics\\\":"
                + "[\\\"tHandle\\\"],\\\"views\\\":[{\\\"name\\\":\\\"tHandle\\\"}]}\"}");
        err.reset();
        assertEquals(1, run("schema", "--config", clash.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("view 'tHandle': a view's name must not be a metric's"), message);
        assertTrue(!message.contains("s3cr3t"), "no secret in the message");
    }
}
