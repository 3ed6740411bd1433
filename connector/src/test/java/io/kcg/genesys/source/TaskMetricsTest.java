package io.kcg.genesys.source;

import io.kcg.genesys.metrics.QueryMetrics;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task's metrics, in Kafka's own plugin metrics registry, agree with what the task emitted: across a backfill
 * and a day and a half of live following with a nightly restatement (re-emissions, tombstones, passes).
 */
class TaskMetricsTest {
    private final GenesysSimulator sim = GenesysSimulator.builder().seed(31L).queues(3).agentsPerQueue(4)
            .fixedClock(GenesysAggregatesSourceTaskTest.NOW).build();
    private final Metrics registry = new Metrics();
    private TaskDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        registry.close();
    }

    private double metric(String name) {
        for (Map.Entry<MetricName, KafkaMetric> entry : registry.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && "agents".equals(entry.getKey().tags().get("query"))) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }

    @Test
    void theMetricsCountWhatTheTaskEmitted() throws Exception {
        driver = new TaskDriver(sim, GenesysAggregatesSourceTaskTest.props());
        driver.pluginMetrics = new PluginMetricsImpl(registry, Map.of("connector", "unit", "task", "0"));
        driver.start().drain();
        Instant now = GenesysAggregatesSourceTaskTest.NOW;
        for (int step = 1; step <= 6; step++) { // a day and a half in steps of six hours, across a nightly job
            now = now.plus(Duration.ofHours(6));
            sim.clock().set(now);
            driver.drain();
        }
        driver.poll(); // nothing due: the poll publishes where the query stands

        long records = 0;
        long reEmitted = 0;
        long tombstones = 0;
        for (SourceRecord record : driver.emitted) {
            if (record.topic().equals(GenesysAggregatesSourceTaskTest.TOPIC)) {
                records++;
                if (record.value() == null) {
                    tombstones++;
                } else if (((Struct) record.value()).getInt32("revision") > 0) {
                    reEmitted++;
                }
            }
        }
        assertTrue(reEmitted > 0, "the nightly job restated some groups");
        assertEquals(records, (long) metric(QueryMetrics.RECORDS_EMITTED));
        assertEquals(reEmitted, (long) metric(QueryMetrics.RECORDS_REEMITTED));
        assertEquals(tombstones, (long) metric(QueryMetrics.TOMBSTONES));
        assertTrue(metric(QueryMetrics.RESTATEMENT_PASSES) >= 2, "recent and nightly passes ran");
        assertTrue(metric(QueryMetrics.WINDOWS_FETCHED) > 4, "windows");
        assertEquals(GenesysAggregatesSourceTaskTest.settledEnd(now).toEpochMilli(),
                (long) metric(QueryMetrics.WATERMARK));
        assertEquals(0, (long) metric(QueryMetrics.WATERMARK_LAG), "caught up");
        assertEquals(Duration.between(GenesysAggregatesSourceTaskTest.START, now).toMillis(),
                (long) metric(QueryMetrics.RESTATEMENT_COVERED), "the memory covers every bucket since the start");
        assertEquals(Duration.ofDays(14).toMillis(), (long) metric(QueryMetrics.RESTATEMENT_HORIZON));
    }
}
