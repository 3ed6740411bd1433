package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector on a real broker and Connect worker (EmbeddedConnectCluster), against the simulator over HTTP:
 * backfill, stop and resume, live follow, offset reset and rewind, a bad query, a storm of 429s.
 */
class ConnectorIntegrationTest {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-09T00:00:00Z");
    /** After the settle delay of 3 h (more than the simulator's longest metric lag), the truth no longer moves. */
    static final Instant SETTLED_END = Instant.parse("2026-03-12T00:00:00Z");
    static final long TIMEOUT_MS = 90_000;

    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() {
        sim = GenesysSimulator.builder().seed(7L).queues(3).agentsPerQueue(4).fixedClock(NOW).port(0).build().start();
        SimulatedClock.use(sim);
        connect = new EmbeddedConnectCluster.Builder().name("genesys-it").numWorkers(1)
                .workerProps(WorkerProps.with(Map.of())).build();
        connect.start();
    }

    @AfterAll
    static void stopAll() {
        if (connect != null) {
            connect.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void resetSimulator() {
        sim.clock().set(NOW);
        sim.setFaults(FaultPlan.none());
    }

    @AfterEach
    void deleteConnectors() {
        for (String name : connect.connectors()) {
            connect.deleteConnector(name);
        }
    }

    static Map<String, String> connectorProps(String topicPrefix) {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "2");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", "demo-client");
        props.put("genesys.client.secret", "demo-secret");
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("genesys.retry.max.attempts", "10");
        props.put("queries", "queues,agents");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\","
                + "\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\",\"tHeld\",\"tAcw\",\"tHandle\",\"oServiceLevel\"]}");
        props.put("query.queues.topic", topicPrefix + ".queues");
        props.put("query.queues.start", START.toString());
        props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
                + "\"metrics\":[\"nConnected\",\"tTalk\",\"tHandle\"]}");
        props.put("query.agents.topic", topicPrefix + ".agents");
        props.put("query.agents.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT3H");
        props.put("poll.interval", "PT1S");
        props.put("heartbeat.topic", topicPrefix + ".heartbeats");
        props.put("testing.clock.class", SimulatedClock.class.getName());
        // Connect creates the topics (KIP-158); the embedded broker does not auto-create them.
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    static Map<String, JsonNode> expected(Map<String, String> props, Instant end) {
        Map<String, JsonNode> all = new LinkedHashMap<>(ExpectedRecords.of(sim, props, "queues", START, end));
        all.putAll(ExpectedRecords.of(sim, props, "agents", START, end));
        return all;
    }

    /** Reads until {@code count} records arrived, then drains what else is there, and keys them. */
    static List<ConsumerRecord<byte[], byte[]>> consume(int count, String... topics) throws Exception {
        connect.kafka().consume(count, TIMEOUT_MS, topics);
        ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(10_000, topics);
        List<ConsumerRecord<byte[], byte[]>> list = new java.util.ArrayList<>();
        all.forEach(list::add);
        return list;
    }

    static void assertExactlyOnce(Map<String, JsonNode> expected, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = ExpectedRecords.key(record);
            JsonNode previous = seen.put(key, ExpectedRecords.value(record));
            assertTrue(previous == null, "duplicate record for key " + key);
        }
        assertEquals(expected.keySet(), seen.keySet(), "every (query, bucket, group) of the ground truth, no other");
        for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), seen.get(entry.getKey()), "numbers of " + entry.getKey());
        }
    }

    @Test
    void backfillsThreeDaysOfTwoQueriesOnceWithTheirNumbers() throws Exception {
        Map<String, String> props = connectorProps("backfill");
        Map<String, JsonNode> expected = expected(props, SETTLED_END);
        assertTrue(expected.size() > 500, "a meaningful amount of data: " + expected.size());

        connect.configureConnector("backfill", props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("backfill", 2, "tasks did not start");
        assertExactlyOnce(expected, consume(expected.size(), "backfill.queues", "backfill.agents"));
        waitForWatermark("backfill", "queues", SETTLED_END);
        waitForWatermark("backfill", "agents", SETTLED_END);
    }

    @Test
    void stoppedInTheMiddleOfABackfillItResumesWithNoGapAndNoDuplicate() throws Exception {
        Map<String, String> props = connectorProps("resume");
        Map<String, JsonNode> expected = expected(props, SETTLED_END);
        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofMillis(400)));

        connect.configureConnector("resume", props);
        connect.kafka().consume(expected.size() / 4, TIMEOUT_MS, "resume.queues", "resume.agents");
        connect.stopConnector("resume");
        connect.assertions().assertConnectorIsStopped("resume", "connector did not stop");
        Instant stoppedAt = watermark("resume", "queues");
        assertTrue(stoppedAt.isAfter(START) && stoppedAt.isBefore(SETTLED_END), "stopped mid-backfill at " + stoppedAt);

        sim.setFaults(FaultPlan.none());
        connect.resumeConnector("resume");
        assertExactlyOnce(expected, consume(expected.size(), "resume.queues", "resume.agents"));
    }

    @Test
    void liveBucketsArriveAfterTheSettleDelayAndNotBefore() throws Exception {
        Map<String, String> props = connectorProps("live");
        props.put("queries", "queues");
        Map<String, JsonNode> backfilled = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        connect.configureConnector("live", props);
        consume(backfilled.size(), "live.queues");
        waitForWatermark("live", "queues", SETTLED_END);

        // 03:29: the 00:00-00:30 bucket settles at 03:30, so nothing new may arrive yet.
        sim.clock().set(NOW.plus(Duration.ofMinutes(29)));
        Thread.sleep(3_000);
        assertEquals(backfilled.size(), connect.kafka().consumeAll(10_000, "live.queues").count());
        assertEquals(SETTLED_END, watermark("live", "queues"));

        sim.clock().set(NOW.plus(Duration.ofMinutes(30)));
        Instant next = SETTLED_END.plus(Duration.ofMinutes(30));
        waitForWatermark("live", "queues", next);
        Map<String, JsonNode> all = ExpectedRecords.of(sim, props, "queues", START, next);
        assertTrue(all.size() > backfilled.size(), "the new bucket has data");
        assertExactlyOnce(all, consume(all.size(), "live.queues"));
    }

    @Test
    void resetAndRewindThroughTheRestApiBackfillAgain() throws Exception {
        Map<String, String> props = connectorProps("rewind");
        props.put("queries", "queues");
        Map<String, JsonNode> expected = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        connect.configureConnector("rewind", props);
        consume(expected.size(), "rewind.queues");
        waitForWatermark("rewind", "queues", SETTLED_END);

        // Rewind to the last day: that day comes again.
        Instant lastDay = Instant.parse("2026-03-11T00:00:00Z");
        connect.stopConnector("rewind");
        connect.assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        connect.alterSourceConnectorOffset("rewind", Map.of("query", "queues"), Map.of("watermark", lastDay.toEpochMilli()));
        assertEquals(lastDay, watermark("rewind", "queues"));
        connect.resumeConnector("rewind");
        int lastDayCount = ExpectedRecords.of(sim, props, "queues", lastDay, SETTLED_END).size();
        assertEquals(expected.size() + lastDayCount, consume(expected.size() + lastDayCount, "rewind.queues").size());
        waitForWatermark("rewind", "queues", SETTLED_END);

        // Reset: everything comes again from the configured start.
        connect.stopConnector("rewind");
        connect.assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        connect.resetConnectorOffsets("rewind");
        connect.resumeConnector("rewind");
        int total = 2 * expected.size() + lastDayCount;
        assertEquals(total, consume(total, "rewind.queues").size());
    }

    @Test
    void aBadQueryFailsTheTaskWithGenesysMessageAndContextId() throws Exception {
        Map<String, String> props = connectorProps("bad");
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"metrics\":[\"nNoSuchMetric\"]}");
        connect.configureConnector("bad", props);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("bad", 1, "the task should fail");
        String trace = connect.connectorStatus("bad").tasks().get(0).trace();
        assertTrue(trace.contains("invalid.value"), trace);
        assertTrue(trace.contains("nNoSuchMetric"), trace);
        assertTrue(trace.matches("(?s).*contextId [0-9a-f-]{36}.*"), trace);
        assertTrue(!trace.contains("demo-secret"), "no secret in the trace");
    }

    @Test
    void aStormOf429sSlowsItDownButFailsNothing() throws Exception {
        Map<String, String> props = connectorProps("storm");
        props.put("queries", "queues");
        Map<String, JsonNode> expected = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        sim.resetStats();
        sim.setFaults(FaultPlan.none().with429(0.5, 1));
        connect.configureConnector("storm", props);
        assertExactlyOnce(expected, consume(expected.size(), "storm.queues"));
        assertTrue(sim.stats().sent429() > 0, "the simulator did send 429s");
        ConnectorStateInfo status = connect.connectorStatus("storm");
        assertEquals("RUNNING", status.tasks().get(0).state());
    }

    static Instant watermark(String connector, String query) {
        ConnectorOffsets offsets = connect.connectorOffsets(connector);
        for (ConnectorOffset offset : offsets.offsets()) {
            if (query.equals(offset.partition().get("query"))) {
                return Instant.ofEpochMilli(((Number) offset.offset().get("watermark")).longValue());
            }
        }
        return null;
    }

    static void waitForWatermark(String connector, String query, Instant expected) throws InterruptedException {
        TestUtils.waitForCondition(() -> expected.equals(watermark(connector, query)), TIMEOUT_MS,
                () -> "watermark of " + query + " is " + watermark(connector, query) + ", expected " + expected);
    }
}
