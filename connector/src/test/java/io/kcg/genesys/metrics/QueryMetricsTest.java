package io.kcg.genesys.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The metrics as a worker's plugin metrics hold them (Kafka's own implementation), and without them. */
class QueryMetricsTest {
    private static final Instant WATERMARK = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void everyMetricIsPublishedUnderTheQueryTagWithItsValue() {
        try (Metrics registry = new Metrics()) {
            PluginMetricsImpl plugin = new PluginMetricsImpl(registry, Map.of("connector", "genesys", "task", "0"));
            QueryMetrics metrics = QueryMetrics.register(context(plugin), "queues30m", Duration.ofDays(4));
            metrics.requestSent();
            metrics.requestSent();
            metrics.requestSent();
            metrics.throttled();
            metrics.retrying(Duration.ofSeconds(3), true);
            metrics.retrying(Duration.ofMillis(250), false);
            metrics.progress(new QueryMetrics.Progress(WATERMARK.toEpochMilli(), Duration.ofMinutes(90).toMillis(), 2,
                    120, 7, 2, 1, Duration.ofDays(1).toMillis(), 3, 4096));

            assertEquals(WATERMARK.toEpochMilli(), value(registry, QueryMetrics.WATERMARK));
            assertEquals(90 * 60_000.0, value(registry, QueryMetrics.WATERMARK_LAG));
            assertEquals(3.0, value(registry, QueryMetrics.REQUESTS));
            assertEquals(1.0, value(registry, QueryMetrics.THROTTLED));
            assertEquals(2.0, value(registry, QueryMetrics.RETRIES));
            assertEquals(3.0, value(registry, QueryMetrics.RETRY_AFTER_WAIT));
            assertEquals(2.0, value(registry, QueryMetrics.WINDOWS_FETCHED));
            assertEquals(120.0, value(registry, QueryMetrics.RECORDS_EMITTED));
            assertEquals(7.0, value(registry, QueryMetrics.RECORDS_REEMITTED));
            assertEquals(2.0, value(registry, QueryMetrics.TOMBSTONES));
            assertEquals(1.0, value(registry, QueryMetrics.RESTATEMENT_PASSES));
            assertEquals(Duration.ofDays(1).toMillis(), value(registry, QueryMetrics.RESTATEMENT_COVERED));
            assertEquals(Duration.ofDays(4).toMillis(), value(registry, QueryMetrics.RESTATEMENT_HORIZON));
            assertEquals(3.0, value(registry, QueryMetrics.RESTATEMENT_GIVEN_UP));
            assertEquals(4096.0, value(registry, QueryMetrics.RESTATEMENT_MEMORY));
        }
    }

    /** A name the registry already holds (a task of the query not yet cleaned up) costs the metrics, not the task. */
    @Test
    void aRegistryThatRefusesTheMetricsLeavesTheQueryRunning() {
        try (Metrics registry = new Metrics()) {
            PluginMetricsImpl plugin = new PluginMetricsImpl(registry, Map.of("connector", "genesys", "task", "0"));
            QueryMetrics.register(context(plugin), "queues30m", Duration.ZERO);
            QueryMetrics again = QueryMetrics.register(context(plugin), "queues30m", Duration.ZERO);
            again.requestSent();
            assertEquals(1, again.requests());
        }
    }

    /** A worker older than Kafka 4.1 has no pluginMetrics(): the task counts anyway and publishes nothing. */
    @Test
    void aWorkerWithoutPluginMetricsLeavesTheCountsWorking() {
        SourceTaskContext old = new Context(null) {
            @Override
            public PluginMetrics pluginMetrics() {
                throw new NoSuchMethodError("pluginMetrics");
            }
        };
        QueryMetrics metrics = QueryMetrics.register(old, "q", Duration.ZERO);
        metrics.requestSent();
        metrics.throttled();
        assertEquals(1, metrics.requests());
        assertEquals(1, metrics.throttledCount());
    }

    private static double value(Metrics registry, String name) {
        for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> e : registry.metrics().entrySet()) {
            MetricName metric = e.getKey();
            if (metric.name().equals(name) && metric.group().equals("plugins")
                    && "queues30m".equals(metric.tags().get(QueryMetrics.QUERY_TAG))
                    && "genesys".equals(metric.tags().get("connector"))) {
                assertNotNull(metric.description());
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name + " in " + registry.metrics().keySet());
    }

    private static SourceTaskContext context(PluginMetrics plugin) {
        return new Context(plugin);
    }

    private static class Context implements SourceTaskContext {
        private final PluginMetrics plugin;

        Context(PluginMetrics plugin) {
            this.plugin = plugin;
        }

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return null;
        }

        @Override
        public TransactionContext transactionContext() {
            return null;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return plugin;
        }
    }
}
