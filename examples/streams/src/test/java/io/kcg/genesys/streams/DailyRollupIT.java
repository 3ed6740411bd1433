package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import io.kcg.genesys.source.GenesysDirectorySourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
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
 * The stream processor on a real broker, fed by the connectors themselves: on a real worker, the aggregates
 * connector backfills the 30-minute queue report (contract v2 wide records, as the plugin writes them) from the
 * simulator, and the directory source lists its queues. The rollup the application writes must equal what the
 * simulator answers for whole days in the zone. Then simulated time moves on: the simulator's nightly jobs restate
 * the days and a queue is renamed; the connector's restatement lookback writes the changed buckets again with
 * revision + 1 and the vanished ones as tombstones, the directory source writes the new name, and the rollup must
 * equal the new truth over every whole day, with the new name.
 */
class DailyRollupIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-09");
    private static final int DAYS = 2;
    private static final String QUERY = "queues30m";
    private static final String REPORT = "genesys.queues30m";
    private static final String QUEUES = "genesys.directory.queues";
    private static final String OUTPUT = "genesys.queues.daily";
    private static final String METRICS = "[\"nOffered\",\"tAnswered\",\"tAbandon\",\"tHandle\",\"oServiceLevel\"]";
    /** Longer than the simulator's latest metric posting: a settled bucket no longer moves before the nightly job. */
    private static final Duration SETTLE = Duration.ofHours(3);
    /** How far back the connector's recent pass reaches from its now: the move must keep the first day inside it. */
    private static final String LOOKBACK = "P7D";
    /** Generous for a loaded 2-core machine; a passing run takes a few seconds per phase. */
    private static final long TIMEOUT_MS = 120_000;

    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;
    static KafkaStreams streams;

    @BeforeAll
    static void startAll() {
        // 03:00 in the zone after the last day: with the settle delay, the connector's watermark is the day's end.
        Instant now = FIRST_DAY.plusDays(DAYS).atStartOfDay(ZONE).toInstant().plus(SETTLE);
        // A seed whose directory renames a queue 3 days after the backfill (seed 9 waited 40 days, beyond any lookback).
        sim = GenesysSimulator.builder().seed(2).queues(3).agentsPerQueue(4).fixedClock(now)
                .directoryChanges(true).build().start();
        SimulatorClock.use(sim);
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
        if (connect != null) {
            connect.stop();
        }
        sim.close();
    }

    @Test
    void theRollupOfTheConnectorsRecordsEqualsTheDailyTruthThroughARestatementAndARename() throws Exception {
        long started = System.nanoTime();
        // A Kafka Streams application needs its input topics before it starts (as in production, where the
        // connectors' topics are created ahead, the directory's compacted).
        connect.kafka().createTopic(REPORT, 1);
        connect.kafka().createTopic(QUEUES, 1, 1, Map.of("cleanup.policy", "compact"));
        connect.kafka().createTopic(OUTPUT, 1);
        connect.configureConnector("report", reportConnector());
        connect.configureConnector("directory", directoryConnector());
        streams = new KafkaStreams(QueueDailyRollup.build(new RollupSettings(REPORT, QUEUES, OUTPUT, ZONE)),
                streamsProperties());
        streams.start();
        Instant firstEnd = FIRST_DAY.plusDays(DAYS).atStartOfDay(ZONE).toInstant();
        awaitWatermark(firstEnd);
        Map<String, JsonNode> expected = expectedRows(firstEnd);
        awaitOutput(expected, firstEnd);
        ReportTopic backfilled = ReportTopic.read();
        assertTrue(backfilled.records > 0 && backfilled.restated == 0 && backfilled.tombstones == 0,
                backfilled.toString());
        System.out.printf("DailyRollupIT: %s; %d rows equal the daily truth %d ms after the start%n", backfilled,
                expected.size(), (System.nanoTime() - started) / 1_000_000);

        // Move on by whole days (03:00 in the zone again) until a queue has another name: meanwhile the nightly jobs
        // restated the first days, which the connector's lookback still covers.
        Instant first = sim.clock().now();
        DirectorySnapshot before = sim.directory().at(first);
        Instant later = first.plus(Duration.ofDays(3));
        while (sameNames(before, sim.directory().at(later))) {
            later = later.plus(Duration.ofDays(1));
        }
        // The recent pass reaches back from the new now; a move past its reach leaves the first days unfollowed, as
        // designed (docs/restatement.md), and the truth of those days out of the connector's sight.
        Instant reach = later.minus(Duration.parse(LOOKBACK));
        assertTrue(!reach.isAfter(FIRST_DAY.atStartOfDay(ZONE).toInstant()), "the rename comes at " + later
                + ", the recent pass would reach back only to " + reach + ": choose a seed that renames sooner");
        long moved = System.nanoTime();
        sim.clock().set(later);
        Instant watermark = later.minus(SETTLE);
        awaitWatermark(watermark);
        // The whole days up to the watermark (after a change to summer time it is an hour into the next day).
        Instant end = LocalDate.ofInstant(watermark, ZONE).atStartOfDay(ZONE).toInstant();
        Map<String, JsonNode> restated = expectedRows(end);
        Map<String, JsonNode> firstDaysNow = new TreeMap<>(restated);
        firstDaysNow.keySet().retainAll(expected.keySet());
        assertNotEquals(expected, firstDaysNow, "the restatement and the rename changed the first days' rows");
        awaitOutput(restated, end);
        ReportTopic second = ReportTopic.read();
        assertTrue(second.restated > 0, "restated buckets written again with revision + 1: " + second);
        assertTrue(second.tombstones > 0, "deleted buckets written as tombstones: " + second);
        System.out.printf("DailyRollupIT: after %d days more and a rename, %s; %d rows equal the new truth %d ms "
                + "later (%d ms in all)%n", Duration.between(first, later).toDays(), second, restated.size(),
                (System.nanoTime() - moved) / 1_000_000, (System.nanoTime() - started) / 1_000_000);
    }

    private static boolean sameNames(DirectorySnapshot a, DirectorySnapshot b) {
        for (String id : sim.queueIds()) {
            if (!a.queue(id).name().equals(b.queue(id).name())) {
                return false;
            }
        }
        return true;
    }

    /** The queue report as a user configures it: 30-minute buckets by queue, backfilled from the first day. */
    private static Map<String, String> reportConnector() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("queries", QUERY);
        props.put("query." + QUERY + ".body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":"
                + METRICS + "}");
        props.put("query." + QUERY + ".topic", REPORT);
        props.put("query." + QUERY + ".start", FIRST_DAY.atStartOfDay(ZONE).toInstant().toString());
        props.put("window.max", "P1D");
        props.put("window.settle.delay", "PT3H");
        props.put("poll.interval", "PT1S");
        // The recent pass reaches back to the first day after the move (once per simulated hour); no nightly pass,
        // so that what the connector fetches again does not depend on when the clock crossed 04:00.
        props.put("restatement.horizon", "P14D");
        props.put("restatement.recent.lookback", LOOKBACK);
        props.put("restatement.recent.interval", "PT1H");
        props.put("restatement.nightly.time", "none");
        props.put("heartbeat.topic", "genesys.heartbeats");
        props.put("internal.testing.clock.class", SimulatorClock.class.getName());
        // No schema envelope here, one on the directory topic: the application reads both forms.
        props.put("key.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "false");
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
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

    /** Waits until the report connector's committed watermark is {@code end}. */
    private static void awaitWatermark(Instant end) throws InterruptedException {
        AtomicReference<Instant> seen = new AtomicReference<>();
        TestUtils.waitForCondition(() -> {
            for (ConnectorOffset offset : connect.connectorOffsets("report").offsets()) {
                // the query's own partition; its bucket partitions (restatement memories) carry no watermark
                if (QUERY.equals(offset.partition().get("query")) && !offset.partition().containsKey("bucket")) {
                    seen.set(Instant.ofEpochMilli(((Number) offset.offset().get("watermark")).longValue()));
                }
            }
            return end.equals(seen.get());
        }, TIMEOUT_MS, () -> "the report's watermark is " + seen.get() + ", expected " + end);
    }

    /** What the connector wrote to the report topic: records, re-emissions (revision above 0) and tombstones. */
    private record ReportTopic(int records, int restated, int tombstones) {
        static ReportTopic read() throws Exception {
            int records = 0;
            int restated = 0;
            int tombstones = 0;
            for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(10_000, REPORT)) {
                records++;
                if (record.value() == null) {
                    tombstones++;
                } else if (ConnectJson.MAPPER.readTree(record.value()).get("revision").asInt() > 0) {
                    restated++;
                }
            }
            return new ReportTopic(records, restated, tombstones);
        }

        @Override
        public String toString() {
            return "the connector wrote " + records + " report records (" + restated + " re-emitted with a higher "
                    + "revision, " + tombstones + " tombstones)";
        }
    }

    /** The rows the simulator's whole-day answer in the zone gives, with the queues' names at its now. */
    private static Map<String, JsonNode> expectedRows(Instant end) throws IOException {
        ZonedDateTime from = FIRST_DAY.atStartOfDay(ZONE);
        String body = "{\"interval\":\"" + from.toOffsetDateTime() + "/" + end.atZone(ZONE).toOffsetDateTime()
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
    private static void awaitOutput(Map<String, JsonNode> expected, Instant end) throws InterruptedException {
        AtomicReference<Map<String, JsonNode>> seen = new AtomicReference<>();
        TestUtils.waitForCondition(() -> {
            seen.set(outputRows(LocalDate.ofInstant(end, ZONE)));
            return seen.get().equals(expected);
        }, TIMEOUT_MS, () -> "the rollup differs from the simulator's daily truth:" + differences(expected, seen.get()));
    }

    /** The output topic's latest row per key, of the days before {@code endDay}. */
    private static Map<String, JsonNode> outputRows(LocalDate endDay) throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(10_000, OUTPUT)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (!LocalDate.parse(ConnectJson.MAPPER.readTree(key).get("day").asText()).isBefore(endDay)) {
                continue;
            }
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
