package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.metrics.QueryMetrics;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.SimulatorStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-query metrics as an operator's JMX agent sees them: a real worker publishes them through pluginMetrics()
 * as MBeans of the platform MBeanServer, and after a short backfill against the simulator (slowed, with 429s)
 * their values agree with what the simulator answered and what the topic holds.
 */
class MetricsIT {
    private static final String CONNECTOR = "metrics";
    private static ConnectHarness harness;

    @BeforeAll
    static void startAll() {
        harness = ConnectHarness.start("genesys-metrics-it",
                GenesysSimulator.builder().seed(13L).queues(3).agentsPerQueue(4).fixedClock(ConnectHarness.NOW)
                        .port(0).build().start(),
                Map.of(), new Properties());
    }

    @AfterAll
    static void stopAll() {
        if (harness != null) {
            harness.close();
        }
    }

    private static ObjectName mbean(String query) throws Exception {
        return new ObjectName("kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0,query=" + query);
    }

    private static double metric(String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return ((Number) server.getAttribute(mbean("queues"), name)).doubleValue();
    }

    private static boolean registered() throws Exception {
        try {
            metric(QueryMetrics.REQUESTS);
            return true;
        } catch (InstanceNotFoundException e) {
            return false;
        }
    }

    @Test
    void metricsOverJmxAgreeWithTheSimulatorAndTheTopic() throws Exception {
        Map<String, String> props = harness.connectorProps(CONNECTOR);
        props.put("queries", "queues");
        props.put("tasks.max", "1");
        Map<String, JsonNode> expected = ExpectedRecords.of(harness.sim, props, "queues", ConnectHarness.START,
                ConnectHarness.SETTLED_END);
        // Slow answers, so that the backfill is seen under way, and 429s with a one-second Retry-After.
        harness.sim.setFaults(FaultPlan.none().withSlow(0.8, Duration.ofMillis(300)).with429(0.2, 1));
        harness.sim.resetStats();

        harness.connect.configureConnector(CONNECTOR, props);
        TestUtils.waitForCondition(MetricsIT::registered, ConnectHarness.TIMEOUT_MS, "no MBean " + mbean("queues"));
        TestUtils.waitForCondition(() -> metric(QueryMetrics.WATERMARK) > 0, ConnectHarness.TIMEOUT_MS,
                "the watermark was never published");
        double lagDuringBackfill = metric(QueryMetrics.WATERMARK_LAG);
        assertTrue(lagDuringBackfill > Duration.ofDays(1).toMillis(),
                "three days to backfill, lag " + Duration.ofMillis((long) lagDuringBackfill));

        List<ConsumerRecord<byte[], byte[]>> records = harness.consume(expected.size(), CONNECTOR + ".queues");
        ConnectHarness.assertExactlyOnce(expected, records);
        harness.waitForWatermark(CONNECTOR, "queues", ConnectHarness.SETTLED_END);
        TestUtils.waitForCondition(() -> metric(QueryMetrics.WATERMARK_LAG) <= Duration.ofMinutes(30).toMillis(),
                ConnectHarness.TIMEOUT_MS, "the lag did not fall to a bucket or less");
        harness.sim.setFaults(FaultPlan.none());
        Thread.sleep(1_500); // let a request in flight finish before the simulator's counts are compared

        SimulatorStats sim = harness.sim.stats();
        assertEquals(ConnectHarness.SETTLED_END.toEpochMilli(), (long) metric(QueryMetrics.WATERMARK));
        assertEquals(records.size(), (long) metric(QueryMetrics.RECORDS_EMITTED), "records-emitted-total");
        assertEquals(sim.aggregateRequests(), (long) metric(QueryMetrics.REQUESTS), "requests-total: " + sim);
        assertEquals(sim.sent429(), (long) metric(QueryMetrics.THROTTLED), "throttled-total: " + sim);
        assertTrue(sim.sent429() > 0, "the simulator sent 429s: " + sim);
        assertEquals(sim.sent429(), (long) metric(QueryMetrics.RETRIES), "each 429 retried, nothing else failed");
        assertEquals(sim.sent429(), metric(QueryMetrics.RETRY_AFTER_WAIT), 0.001, "one second per 429");
        // 3 days in windows of 6 h forward (at a fixed clock no restatement pass falls due: TaskMetricsTest counts
        // passes, re-emissions and tombstones while the clock moves).
        assertTrue(metric(QueryMetrics.WINDOWS_FETCHED) >= 12, "windows: " + metric(QueryMetrics.WINDOWS_FETCHED));
        assertEquals(0, (long) metric(QueryMetrics.RECORDS_REEMITTED));
        assertEquals(0, (long) metric(QueryMetrics.TOMBSTONES));
        assertEquals(0, (long) metric(QueryMetrics.RESTATEMENT_GIVEN_UP));
        assertTrue(metric(QueryMetrics.RESTATEMENT_MEMORY) > 0, "the memory of the buckets emitted");
        assertEquals(Duration.ofDays(14).toMillis(), (long) metric(QueryMetrics.RESTATEMENT_HORIZON), "the default");
        // A new query: its memory starts with its first bucket, short of the 14-day horizon.
        assertEquals(Duration.between(ConnectHarness.START, ConnectHarness.NOW).toMillis(),
                (long) metric(QueryMetrics.RESTATEMENT_COVERED), "the memory covers everything since the start");

        harness.connect.deleteConnector(CONNECTOR);
        TestUtils.waitForCondition(() -> !registered(), ConnectHarness.TIMEOUT_MS,
                "the worker removes a stopped task's metrics");
    }
}
