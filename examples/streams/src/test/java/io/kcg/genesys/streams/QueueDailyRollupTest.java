package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topology on Kafka Streams' test driver: sums, restatements, tombstones, renames, days in a zone, envelopes. */
class QueueDailyRollupTest {
    private static final String REPORT = "report";
    private static final String QUEUES = "queues";
    private static final String OUT = "daily";

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> report;
    private TestInputTopic<byte[], byte[]> queues;
    private TestOutputTopic<String, String> out;
    private final Map<String, JsonNode> rows = new TreeMap<>();

    private void start(ZoneId zone) {
        Properties props = QueueDailyRollupApp.streamsProperties(new Properties());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(QueueDailyRollup.build(new RollupSettings(REPORT, QUEUES, OUT, zone)), props);
        report = driver.createInputTopic(REPORT, new ByteArraySerializer(), new ByteArraySerializer());
        queues = driver.createInputTopic(QUEUES, new ByteArraySerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private static byte[] bytes(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    private static String envelope(String payload) {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":" + payload + "}";
    }

    private static String key(String queue, String media, String start) {
        return "{\"query_name\":\"queues30m\",\"interval_start\":" + Instant.parse(start).toEpochMilli()
                + ",\"queue_id\":\"" + queue + "\",\"media_type\":\"" + media + "\",\"group_extra\":\"{}\"}";
    }

    /** A wide value of contract v2 with the stats the rollup reads (and one it does not). */
    private static String value(String queue, String media, String start, long offered, long answered,
                                long abandoned, double handleSum, long handleCount, long slNum, long slDen,
                                int revision) {
        long ms = Instant.parse(start).toEpochMilli();
        return "{\"query_name\":\"queues30m\",\"interval_start\":" + ms + ",\"interval_end\":" + (ms + 1_800_000)
                + ",\"granularity\":\"PT30M\",\"queue_id\":\"" + queue + "\",\"media_type\":\"" + media
                + "\",\"group_extra\":\"{}\",\"n_offered_count\":" + offered + ",\"t_answered_count\":" + answered
                + ",\"t_abandon_count\":" + (abandoned == 0 ? "null" : abandoned) + ",\"t_handle_sum\":" + handleSum
                + ",\"t_handle_count\":" + handleCount + ",\"t_talk_sum\":123.0,\"o_service_level_numerator\":"
                + slNum + ",\"o_service_level_denominator\":" + slDen + ",\"metrics_extra\":null,\"revision\":"
                + revision + "}";
    }

    private void name(String queue, String name) {
        queues.pipeInput(bytes("{\"id\":\"" + queue + "\"}"),
                bytes(name == null ? null : "{\"id\":\"" + queue + "\",\"name\":\"" + name + "\",\"division_id\":\"d\"}"));
    }

    private Map<String, JsonNode> rows() {
        for (KeyValue<String, String> record : out.readKeyValuesToList()) {
            if (record.value == null) {
                rows.remove(record.key);
            } else {
                rows.put(record.key, json(record.value));
            }
        }
        return rows;
    }

    private static JsonNode json(String text) {
        try {
            return ConnectJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String row(String day, String queue, String media) {
        ObjectNode key = ConnectJson.MAPPER.createObjectNode().put("day", day).put("queue_id", queue)
                .put("media_type", media);
        return key.toString();
    }

    @Test
    void bucketsOfADaySumPerQueueAndMediaWithTheQueuesName() {
        start(ZoneId.of("UTC"));
        name("q1", "Billing");
        report.pipeInput(bytes(key("q1", "voice", "2026-03-09T10:00:00Z")),
                bytes(value("q1", "voice", "2026-03-09T10:00:00Z", 10, 9, 1, 1800.0, 9, 7, 10, 0)));
        report.pipeInput(bytes(envelope(key("q1", "voice", "2026-03-09T10:30:00Z"))),
                bytes(envelope(value("q1", "voice", "2026-03-09T10:30:00Z", 5, 5, 0, 1200.0, 5, 5, 5, 0))));
        report.pipeInput(bytes(key("q1", "chat", "2026-03-09T10:00:00Z")),
                bytes(value("q1", "chat", "2026-03-09T10:00:00Z", 3, 3, 0, 300.0, 3, 3, 3, 0)));
        report.pipeInput(bytes(key("q1", "voice", "2026-03-10T00:00:00Z")),
                bytes(value("q1", "voice", "2026-03-10T00:00:00Z", 1, 1, 0, 100.0, 1, 1, 1, 0)));
        Map<String, JsonNode> rows = rows();
        assertEquals(3, rows.size(), rows.toString());
        JsonNode voice = rows.get(row("2026-03-09", "q1", "voice"));
        assertEquals("Billing", voice.get("queue_name").asText());
        assertEquals(15, voice.get("offered").asLong());
        assertEquals(14, voice.get("answered").asLong());
        assertEquals(1, voice.get("abandoned").asLong());
        assertEquals(1.0 / 15, voice.get("abandon_rate").asDouble(), 1e-12);
        assertEquals(3000.0 / 14, voice.get("aht_ms").asDouble(), 1e-9);
        assertEquals(12.0 / 15, voice.get("service_level").asDouble(), 1e-12);
        assertEquals(2, voice.get("buckets").asLong());
        assertEquals(0, voice.get("restated_buckets").asLong());
        assertEquals("UTC", voice.get("time_zone").asText());
    }

    @Test
    void aRestatedBucketReplacesItsContributionWhateverTheEnvelope() {
        start(ZoneId.of("UTC"));
        String k = key("q1", "voice", "2026-03-09T10:00:00Z");
        report.pipeInput(bytes(k), bytes(value("q1", "voice", "2026-03-09T10:00:00Z", 10, 9, 1, 1800.0, 9, 7, 10, 0)));
        report.pipeInput(bytes(key("q1", "voice", "2026-03-09T11:00:00Z")),
                bytes(value("q1", "voice", "2026-03-09T11:00:00Z", 2, 2, 0, 200.0, 2, 2, 2, 0)));
        report.pipeInput(bytes(envelope(k)),
                bytes(envelope(value("q1", "voice", "2026-03-09T10:00:00Z", 10, 9, 1, 2700.0, 9, 7, 10, 1))));
        JsonNode voice = rows().get(row("2026-03-09", "q1", "voice"));
        assertEquals(12, voice.get("offered").asLong(), "replaced, not added twice");
        assertEquals(2900, voice.get("handle_sum_ms").asLong());
        assertEquals(2, voice.get("buckets").asLong());
        assertEquals(1, voice.get("restated_buckets").asLong());
    }

    @Test
    void aTombstoneTakesTheBucketOutAndTheLastOneTheRow() {
        start(ZoneId.of("UTC"));
        String a = key("q1", "voice", "2026-03-09T10:00:00Z");
        String b = key("q1", "voice", "2026-03-09T10:30:00Z");
        report.pipeInput(bytes(a), bytes(value("q1", "voice", "2026-03-09T10:00:00Z", 10, 9, 1, 1800.0, 9, 7, 10, 0)));
        report.pipeInput(bytes(b), bytes(value("q1", "voice", "2026-03-09T10:30:00Z", 4, 4, 0, 400.0, 4, 4, 4, 0)));
        report.pipeInput(bytes(a), (byte[]) null);
        JsonNode voice = rows().get(row("2026-03-09", "q1", "voice"));
        assertEquals(4, voice.get("offered").asLong());
        assertEquals(1, voice.get("buckets").asLong());
        report.pipeInput(bytes(envelope(b)), (byte[]) null);
        assertFalse(rows().containsKey(row("2026-03-09", "q1", "voice")), "the row is tombstoned");
    }

    @Test
    void aRenameUpdatesEveryRowOfTheQueueAndADeletedQueueLeavesNoName() {
        start(ZoneId.of("UTC"));
        name("q1", "Billing");
        report.pipeInput(bytes(key("q1", "voice", "2026-03-09T10:00:00Z")),
                bytes(value("q1", "voice", "2026-03-09T10:00:00Z", 1, 1, 0, 100.0, 1, 1, 1, 0)));
        report.pipeInput(bytes(key("q1", "email", "2026-03-10T10:00:00Z")),
                bytes(value("q1", "email", "2026-03-10T10:00:00Z", 1, 1, 0, 100.0, 1, 1, 1, 0)));
        assertEquals("Billing", rows().get(row("2026-03-10", "q1", "email")).get("queue_name").asText());
        name("q1", "Billing & Payments");
        Map<String, JsonNode> rows = rows();
        assertEquals("Billing & Payments", rows.get(row("2026-03-09", "q1", "voice")).get("queue_name").asText());
        assertEquals("Billing & Payments", rows.get(row("2026-03-10", "q1", "email")).get("queue_name").asText());
        name("q1", null);
        assertTrue(rows().get(row("2026-03-09", "q1", "voice")).get("queue_name").isNull());
    }

    @Test
    void theDayIsTheDayInTheConfiguredZone() {
        start(ZoneId.of("America/New_York"));
        report.pipeInput(bytes(key("q1", "voice", "2026-03-10T03:30:00Z")),
                bytes(value("q1", "voice", "2026-03-10T03:30:00Z", 1, 1, 0, 100.0, 1, 1, 1, 0)));
        report.pipeInput(bytes(key("q1", "voice", "2026-03-10T04:00:00Z")),
                bytes(value("q1", "voice", "2026-03-10T04:00:00Z", 2, 2, 0, 100.0, 1, 1, 1, 0)));
        Map<String, JsonNode> rows = rows();
        assertEquals(1, rows.get(row("2026-03-09", "q1", "voice")).get("offered").asLong(), rows.toString());
        assertEquals(2, rows.get(row("2026-03-10", "q1", "voice")).get("offered").asLong());
        assertEquals("America/New_York", rows.get(row("2026-03-10", "q1", "voice")).get("time_zone").asText());
    }

    @Test
    void aRecordThatIsNotAQueueReportRecordIsSkipped() {
        start(ZoneId.of("UTC"));
        report.pipeInput(bytes("{\"query_name\":\"x\"}"), bytes("not json"));
        report.pipeInput(bytes("{\"query_name\":\"x\"}"), bytes("{\"query_name\":\"x\",\"interval_start\":1}"));
        report.pipeInput(bytes(key("q1", "voice", "2026-03-09T10:00:00Z")),
                bytes(value("q1", "voice", "2026-03-09T10:00:00Z", 1, 1, 0, 100.0, 1, 1, 1, 0)));
        assertEquals(1, rows().size(), "the app goes on");
    }
}
