package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector on a real broker and Connect worker (EmbeddedConnectCluster), against the simulator over HTTP:
 * backfill, stop and resume, live follow, offset reset and rewind, a bad query, a storm of 429s.
 */
class ConnectorIT {
    static final Instant NOW = ConnectHarness.NOW;
    static final Instant START = ConnectHarness.START;
    static final Instant SETTLED_END = ConnectHarness.SETTLED_END;

    static ConnectHarness harness;
    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() {
        harness = ConnectHarness.start("genesys-it",
                GenesysSimulator.builder().seed(7L).queues(3).agentsPerQueue(4).fixedClock(NOW).port(0).build().start(),
                Map.of(), new Properties());
        sim = harness.sim;
        connect = harness.connect;
    }

    @AfterAll
    static void stopAll() {
        if (harness != null) {
            harness.close();
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

    static Map<String, JsonNode> expected(Map<String, String> props, Instant end) {
        Map<String, JsonNode> all = new LinkedHashMap<>(ExpectedRecords.of(sim, props, "queues", START, end));
        all.putAll(ExpectedRecords.of(sim, props, "agents", START, end));
        return all;
    }

    @Test
    void backfillsThreeDaysOfTwoQueriesOnceWithTheirNumbers() throws Exception {
        Map<String, String> props = harness.connectorProps("backfill");
        Map<String, JsonNode> expected = expected(props, SETTLED_END);
        assertTrue(expected.size() > 500, "a meaningful amount of data: " + expected.size());

        connect.configureConnector("backfill", props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("backfill", 2, "tasks did not start");
        ConnectHarness.assertExactlyOnce(expected, harness.consume(expected.size(), "backfill.queues", "backfill.agents"));
        harness.waitForWatermark("backfill", "queues", SETTLED_END);
        harness.waitForWatermark("backfill", "agents", SETTLED_END);
    }

    @Test
    void stoppedInTheMiddleOfABackfillItResumesWithNoGapAndNoDuplicate() throws Exception {
        Map<String, String> props = harness.connectorProps("resume");
        Map<String, JsonNode> expected = expected(props, SETTLED_END);
        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofMillis(400)));

        connect.configureConnector("resume", props);
        connect.kafka().consume(expected.size() / 4, ConnectHarness.TIMEOUT_MS, "resume.queues", "resume.agents");
        connect.stopConnector("resume");
        connect.assertions().assertConnectorIsStopped("resume", "connector did not stop");
        Instant stoppedAt = harness.watermark("resume", "queues");
        assertTrue(stoppedAt.isAfter(START) && stoppedAt.isBefore(SETTLED_END), "stopped mid-backfill at " + stoppedAt);

        sim.setFaults(FaultPlan.none());
        connect.resumeConnector("resume");
        ConnectHarness.assertExactlyOnce(expected, harness.consume(expected.size(), "resume.queues", "resume.agents"));
    }

    @Test
    void liveBucketsArriveAfterTheSettleDelayAndNotBefore() throws Exception {
        Map<String, String> props = harness.connectorProps("live");
        props.put("queries", "queues");
        Map<String, JsonNode> backfilled = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        connect.configureConnector("live", props);
        harness.consume(backfilled.size(), "live.queues");
        harness.waitForWatermark("live", "queues", SETTLED_END);

        // 03:29: the 00:00-00:30 bucket settles at 03:30, so nothing new may arrive yet.
        sim.clock().set(NOW.plus(Duration.ofMinutes(29)));
        Thread.sleep(3_000);
        assertEquals(backfilled.size(), connect.kafka().consumeAll(10_000, "live.queues").count());
        assertEquals(SETTLED_END, harness.watermark("live", "queues"));

        sim.clock().set(NOW.plus(Duration.ofMinutes(30)));
        Instant next = SETTLED_END.plus(Duration.ofMinutes(30));
        harness.waitForWatermark("live", "queues", next);
        Map<String, JsonNode> all = ExpectedRecords.of(sim, props, "queues", START, next);
        assertTrue(all.size() > backfilled.size(), "the new bucket has data");
        ConnectHarness.assertExactlyOnce(all, harness.consume(all.size(), "live.queues"));
    }

    @Test
    void resetAndRewindThroughTheRestApiBackfillAgain() throws Exception {
        Map<String, String> props = harness.connectorProps("rewind");
        props.put("queries", "queues");
        Map<String, JsonNode> expected = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        connect.configureConnector("rewind", props);
        harness.consume(expected.size(), "rewind.queues");
        harness.waitForWatermark("rewind", "queues", SETTLED_END);

        // Rewind to the last day: that day comes again.
        Instant lastDay = Instant.parse("2026-03-11T00:00:00Z");
        connect.stopConnector("rewind");
        connect.assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        connect.alterSourceConnectorOffset("rewind", Map.of("query", "queues"), Map.of("watermark", lastDay.toEpochMilli()));
        assertEquals(lastDay, harness.watermark("rewind", "queues"));
        connect.resumeConnector("rewind");
        int lastDayCount = ExpectedRecords.of(sim, props, "queues", lastDay, SETTLED_END).size();
        assertEquals(expected.size() + lastDayCount, harness.consume(expected.size() + lastDayCount, "rewind.queues").size());
        harness.waitForWatermark("rewind", "queues", SETTLED_END);

        // Reset: everything comes again from the configured start.
        connect.stopConnector("rewind");
        connect.assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        connect.resetConnectorOffsets("rewind");
        connect.resumeConnector("rewind");
        int total = 2 * expected.size() + lastDayCount;
        assertEquals(total, harness.consume(total, "rewind.queues").size());
    }

    @Test
    void aBadQueryFailsTheTaskWithGenesysMessageAndContextId() throws Exception {
        Map<String, String> props = harness.connectorProps("bad");
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
    void refusedCredentialsFailTheTaskOnceTheAuthenticationBudgetIsSpentWithAClearMessage() throws Exception {
        Map<String, String> props = harness.connectorProps("refused");
        props.put("queries", "queues");
        props.put("genesys.client.secret", "not-the-secret-123");
        props.put("genesys.auth.retry.timeout.ms", "4000");
        sim.resetStats();
        connect.configureConnector("refused", props);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("refused", 1, "the task should fail");
        String trace = connect.connectorStatus("refused").tasks().get(0).trace();
        assertTrue(trace.contains("Genesys refused authentication") && trace.contains("invalid_client")
                && trace.contains("over 4 s"), trace);
        assertTrue(sim.stats().tokenRequests() >= 3, "retried with back-off: " + sim.stats().tokenRequests());
        assertTrue(!trace.contains("not-the-secret-123"), "no secret in the trace");
    }

    @Test
    void aRetryAfterBeyondTheCapPausesTheTaskWithoutFailingIt() throws Exception {
        Map<String, String> props = harness.connectorProps("daily");
        props.put("queries", "queues");
        props.put("genesys.retry.after.max.seconds", "1");
        sim.resetStats();
        sim.setFaults(FaultPlan.none().with429(1.0, 600)); // a daily limit: come back in ten minutes
        connect.configureConnector("daily", props);
        TestUtils.waitForCondition(() -> sim.stats().sent429() >= 1, ConnectHarness.TIMEOUT_MS, "no request was made");
        Thread.sleep(3_000); // without the pause the worker would poll, and ask, again at once
        assertEquals(1, sim.stats().aggregateRequests(), "one request, then quiet until Retry-After has passed");
        assertEquals("RUNNING", connect.connectorStatus("daily").tasks().get(0).state());
        assertEquals(null, harness.watermark("daily", "queues"), "nothing emitted, no offset moved");
    }

    @Test
    void aStormOf429sSlowsItDownButFailsNothing() throws Exception {
        Map<String, String> props = harness.connectorProps("storm");
        props.put("queries", "queues");
        Map<String, JsonNode> expected = ExpectedRecords.of(sim, props, "queues", START, SETTLED_END);
        sim.resetStats();
        sim.setFaults(FaultPlan.none().with429(0.5, 1));
        connect.configureConnector("storm", props);
        ConnectHarness.assertExactlyOnce(expected, harness.consume(expected.size(), "storm.queues"));
        assertTrue(sim.stats().sent429() > 0, "the simulator did send 429s");
        ConnectorStateInfo status = connect.connectorStatus("storm");
        assertEquals("RUNNING", status.tasks().get(0).state());
    }

}
