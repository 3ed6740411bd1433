package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.source.GenesysDirectorySourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream processor on a real broker: the directory source on a real worker lists the simulator's queues, the
 * queue report (30-minute buckets of the simulator's ground truth, written in contract v2's wide shape) goes into its
 * topic, and the rollup the application writes must equal what the simulator answers for whole days in the zone.
 * Then the simulator's nightly jobs restate the range and a queue is renamed: the changed buckets are written again
 * with revision + 1, the vanished ones as tombstones, and the rollup must equal the new truth, with the new name.
 */
class DailyRollupIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-09");
    private static final int DAYS = 2;
    private static final String REPORT = "genesys.queues30m";
    private static final String QUEUES = "genesys.directory.queues";
    private static final String OUTPUT = "genesys.queues.daily";
    private static final String METRICS = "[\"nOffered\",\"tAnswered\",\"tAbandon\",\"tHandle\",\"oServiceLevel\"]";
    /** Generous for a loaded 2-core machine; a passing run takes a few seconds per phase. */
    private static final long TIMEOUT_MS = 120_000;

    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;
    static KafkaStreams streams;
    /** What the report topic holds per bucket key: the value written last and its revision. */
    private final Map<String, ObjectNode> written = new HashMap<>();
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startAll() {
        Instant settled = FIRST_DAY.plusDays(DAYS).atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(3));
        sim = GenesysSimulator.builder().seed(9).queues(3).agentsPerQueue(4).fixedClock(settled)
                .directoryChanges(true).build().start();
        Properties broker = new Properties();
        // The application runs exactly once (Kafka's transactions) on a single broker.
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "hybrid_warn");
        worker.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("rollup-it").numWorkers(1).brokerProps(broker)
                .workerProps(worker).build();
        connect.start();
    }

    @AfterAll
    static void stopAll() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        connect.stop();
        sim.close();
    }

    @Test
    void theRollupEqualsTheSimulatorsDailyTruthThroughARestatementAndARename() throws Exception {
        connect.kafka().createTopic(REPORT, 1);
        connect.kafka().createTopic(OUTPUT, 1);
        connect.configureConnector("directory", directoryConnector());
        producer = connect.kafka().createProducer(Map.of());
        int written0 = writeReport();
        assertTrue(written0 > 0);

        streams = new KafkaStreams(QueueDailyRollup.build(new RollupSettings(REPORT, QUEUES, OUTPUT, ZONE)),
                streamsProperties());
        long started = System.nanoTime();
        streams.start();
        Map<String, JsonNode> expected = expectedRows();
        awaitOutput(expected);
        System.out.printf("DailyRollupIT: %d buckets, %d rows equal the daily truth %d ms after the start%n",
                written0, expected.size(), (System.nanoTime() - started) / 1_000_000);

        // Move on: the nightly jobs restate the two days, and a queue gets another name.
        DirectorySnapshot before = sim.directory().at(sim.clock().now());
        Instant later = sim.clock().now().plus(Duration.ofDays(3));
        while (sameNames(before, sim.directory().at(later))) {
            later = later.plus(Duration.ofHours(1));
        }
        sim.clock().set(later);
        int[] changes = rewriteReport();
        assertTrue(changes[0] > 0, "restated buckets written again with revision + 1");
        assertTrue(changes[1] > 0, "deleted buckets written as tombstones");
        Map<String, JsonNode> restated = expectedRows();
        assertNotEquals(expected, restated);
        long rewritten = System.nanoTime();
        awaitOutput(restated);
        System.out.printf("DailyRollupIT: %d restated and %d deleted buckets, a rename: the rows equal the new truth "
                + "%d ms later%n", changes[0], changes[1], (System.nanoTime() - rewritten) / 1_000_000);
    }

    private static boolean sameNames(DirectorySnapshot a, DirectorySnapshot b) {
        for (String id : sim.queueIds()) {
            if (!a.queue(id).name().equals(b.queue(id).name())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> directoryConnector() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysDirectorySourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("directory.kinds", "queues");
        props.put("directory.poll.interval", "PT1S");
        // With the schema envelope: the application must read both forms (the report below has none).
        props.put("key.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "true");
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "true");
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        props.put("topic.creation.default.cleanup.policy", "compact");
        return props;
    }

    private static Properties streamsProperties() throws IOException {
        Properties given = new Properties();
        given.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        given.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollup-it");
        given.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rollup-it").toString());
        given.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        return QueueDailyRollupApp.streamsProperties(given);
    }

    /** The 30-minute queue report over the days as the simulator answers it now, by bucket key. */
    private static Map<String, ObjectNode> report() throws IOException {
        ZonedDateTime from = FIRST_DAY.atStartOfDay(ZONE);
        String body = "{\"interval\":\"" + from.toOffsetDateTime() + "/" + from.plusDays(DAYS).toOffsetDateTime()
                + "\",\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":" + METRICS + "}";
        Map<String, ObjectNode> buckets = new TreeMap<>();
        for (JsonNode result : ConnectJson.MAPPER.readTree(sim.groundTruth("conversations", body)).path("results")) {
            String queue = result.get("group").get("queueId").asText();
            String media = result.get("group").get("mediaType").asText();
            for (JsonNode data : result.get("data")) {
                String[] interval = data.get("interval").asText().split("/");
                long start = Instant.parse(interval[0]).toEpochMilli();
                ObjectNode key = ConnectJson.MAPPER.createObjectNode().put("query_name", "queues30m")
                        .put("interval_start", start).put("queue_id", queue).put("media_type", media)
                        .put("group_extra", "{}");
                ObjectNode value = ConnectJson.MAPPER.createObjectNode().put("query_name", "queues30m")
                        .put("interval_start", start).put("interval_end", Instant.parse(interval[1]).toEpochMilli())
                        .put("granularity", "PT30M").put("queue_id", queue).put("media_type", media)
                        .put("group_extra", "{}");
                for (JsonNode metric : data.get("metrics")) {
                    String prefix = metric.get("metric").asText().replaceAll("([A-Z])", "_$1").toLowerCase() + "_";
                    metric.get("stats").properties().forEach(stat -> value.set(prefix + stat.getKey(), stat.getValue()));
                }
                value.put("revision", 0);
                buckets.put(key.toString(), value);
            }
        }
        return buckets;
    }

    private void send(String key, ObjectNode value) throws Exception {
        producer.send(new ProducerRecord<>(REPORT, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8))).get();
    }

    private int writeReport() throws Exception {
        Map<String, ObjectNode> report = report();
        for (Map.Entry<String, ObjectNode> bucket : report.entrySet()) {
            send(bucket.getKey(), bucket.getValue());
            written.put(bucket.getKey(), bucket.getValue());
        }
        return report.size();
    }

    /** Writes what changed as the connector does: revision + 1 for changed buckets, tombstones for vanished ones. */
    private int[] rewriteReport() throws Exception {
        Map<String, ObjectNode> now = report();
        int restated = 0;
        int deleted = 0;
        for (Map.Entry<String, ObjectNode> bucket : now.entrySet()) {
            ObjectNode before = written.get(bucket.getKey());
            ObjectNode value = bucket.getValue();
            if (before != null) {
                value.put("revision", before.get("revision").asInt());
                if (before.equals(value)) {
                    continue;
                }
                value.put("revision", before.get("revision").asInt() + 1);
                restated++;
            }
            send(bucket.getKey(), value);
            written.put(bucket.getKey(), value);
        }
        for (String key : new ArrayList<>(written.keySet())) {
            if (!now.containsKey(key)) {
                send(key, null);
                written.remove(key);
                deleted++;
            }
        }
        return new int[] {restated, deleted};
    }

    /** The rows the simulator's whole-day answer in the zone gives, with the queues' names at its now. */
    private static Map<String, JsonNode> expectedRows() throws IOException {
        ZonedDateTime from = FIRST_DAY.atStartOfDay(ZONE);
        String body = "{\"interval\":\"" + from.toOffsetDateTime() + "/" + from.plusDays(DAYS).toOffsetDateTime()
                + "\",\"granularity\":\"P1D\",\"timeZone\":\"" + ZONE.getId() + "\",\"groupBy\":[\"queueId\"],"
                + "\"metrics\":" + METRICS + "}";
        DirectorySnapshot names = sim.directory().at(sim.clock().now());
        Map<String, JsonNode> rows = new TreeMap<>();
        for (JsonNode result : ConnectJson.MAPPER.readTree(sim.groundTruth("conversations", body)).path("results")) {
            String queue = result.get("group").get("queueId").asText();
            String media = result.get("group").get("mediaType").asText();
            for (JsonNode data : result.get("data")) {
                Instant start = Instant.parse(data.get("interval").asText().split("/")[0]);
                String day = LocalDate.ofInstant(start, ZONE).toString();
                Map<String, JsonNode> stats = new HashMap<>();
                data.get("metrics").forEach(m -> stats.put(m.get("metric").asText(), m.get("stats")));
                ObjectNode row = ConnectJson.MAPPER.createObjectNode().put("queue_name", names.queue(queue).name())
                        .put("offered", stat(stats, "nOffered", "count"))
                        .put("answered", stat(stats, "tAnswered", "count"))
                        .put("abandoned", stat(stats, "tAbandon", "count"))
                        .put("handle_sum_ms", stat(stats, "tHandle", "sum"))
                        .put("handle_count", stat(stats, "tHandle", "count"))
                        .put("service_level_numerator", stat(stats, "oServiceLevel", "numerator"))
                        .put("service_level_denominator", stat(stats, "oServiceLevel", "denominator"));
                rows.put(ConnectJson.MAPPER.createObjectNode().put("day", day).put("queue_id", queue)
                        .put("media_type", media).toString(), normalized(row));
            }
        }
        return rows;
    }

    private static long stat(Map<String, JsonNode> stats, String metric, String stat) {
        JsonNode node = stats.get(metric);
        return node == null || !node.has(stat) ? 0 : Math.round(node.get(stat).asDouble());
    }

    /** Waits until the output topic's latest row per key, in the compared fields, equals {@code expected}. */
    private static void awaitOutput(Map<String, JsonNode> expected) throws InterruptedException {
        AtomicReference<Map<String, JsonNode>> seen = new AtomicReference<>();
        TestUtils.waitForCondition(() -> {
            seen.set(outputRows());
            return seen.get().equals(expected);
        }, TIMEOUT_MS, () -> "the rollup differs from the simulator's daily truth:" + differences(expected, seen.get()));
    }

    private static Map<String, JsonNode> outputRows() throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(10_000, OUTPUT)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                rows.remove(key);
                continue;
            }
            JsonNode value = ConnectJson.MAPPER.readTree(record.value());
            ObjectNode row = ConnectJson.MAPPER.createObjectNode();
            for (String field : List.of("queue_name", "offered", "answered", "abandoned", "handle_sum_ms",
                    "handle_count", "service_level_numerator", "service_level_denominator")) {
                row.set(field, value.get(field));
            }
            rows.put(key, normalized(row));
        }
        return rows;
    }

    /** Through text and back, so that 20 compares equal whether it was written as an int or a long. */
    private static JsonNode normalized(JsonNode node) throws IOException {
        return ConnectJson.MAPPER.readTree(node.toString());
    }

    private static String differences(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        StringBuilder out = new StringBuilder();
        if (actual == null) {
            return " nothing read";
        }
        for (Map.Entry<String, JsonNode> row : expected.entrySet()) {
            if (!row.getValue().equals(actual.get(row.getKey()))) {
                out.append("\n  ").append(row.getKey()).append(": expected ").append(row.getValue()).append(", got ")
                        .append(actual.get(row.getKey()));
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> out.append("\n  extra ").append(k));
        return out.length() > 4000 ? out.substring(0, 4000) + " ..." : out.toString();
    }
}
