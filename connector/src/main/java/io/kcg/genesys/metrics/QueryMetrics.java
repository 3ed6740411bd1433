package io.kcg.genesys.metrics;

import io.kcg.genesys.client.CallListener;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The metrics of one query of a task, registered through Connect's {@code pluginMetrics()} (KIP-877, Kafka 4.1+):
 * the worker publishes them as {@code kafka.connect:type=plugins,connector=<name>,task=<n>,query=<query>} with one
 * attribute per metric (docs/monitoring.md lists them), and removes them when the task stops.
 *
 * <p>The counts are kept whether or not the worker can publish them, so the task calls the same methods on any
 * worker. On a worker older than Kafka 4.1 the connector runs without published metrics and says so once.
 *
 * <p>Thread-safe: the request counts come from the thread that runs the request (the task's or the fetch-ahead
 * thread), the rest from the task's thread, and the worker's metrics reporters read them from theirs.
 */
public final class QueryMetrics implements CallListener {
    public static final String QUERY_TAG = "query";

    public static final String WATERMARK = "watermark-ms";
    public static final String WATERMARK_LAG = "watermark-lag-ms";
    public static final String WINDOWS_FETCHED = "windows-fetched-total";
    public static final String RECORDS_EMITTED = "records-emitted-total";
    public static final String REQUESTS = "requests-total";
    public static final String THROTTLED = "throttled-total";
    public static final String RETRIES = "retries-total";
    public static final String RETRY_AFTER_WAIT = "retry-after-wait-seconds-total";
    public static final String RESTATEMENT_PASSES = "restatement-passes-total";
    public static final String RECORDS_REEMITTED = "records-reemitted-total";
    public static final String TOMBSTONES = "tombstones-total";
    public static final String RESTATEMENT_HORIZON = "restatement-horizon-ms";
    public static final String RESTATEMENT_LOOKBACK = "restatement-lookback-ms";

    private static final Logger log = LoggerFactory.getLogger(QueryMetrics.class);
    private static final AtomicBoolean TOLD_UNAVAILABLE = new AtomicBoolean();

    private final LongAdder windowsFetched = new LongAdder();
    private final LongAdder recordsEmitted = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final DoubleAdder retryAfterSeconds = new DoubleAdder();
    private final LongAdder restatementPasses = new LongAdder();
    private final LongAdder recordsReemitted = new LongAdder();
    private final LongAdder tombstones = new LongAdder();
    private volatile long watermark = -1;
    private volatile long watermarkLag = -1;
    private volatile long restatementHorizon = -1;
    private final long restatementLookback;

    private QueryMetrics(Duration restatementLookback) {
        this.restatementLookback = restatementLookback.toMillis();
    }

    /**
     * The metrics of {@code query}, published through the worker's plugin metrics when it has them.
     *
     * @param restatementLookback the configured lookback, published next to the horizon actually covered
     */
    public static QueryMetrics register(SourceTaskContext context, String query, Duration restatementLookback) {
        QueryMetrics metrics = new QueryMetrics(restatementLookback);
        PluginMetrics plugin = pluginMetrics(context);
        if (plugin != null) {
            metrics.publish(plugin, query);
        }
        return metrics;
    }

    /** The worker's plugin metrics, or null on a worker without them (told once per JVM). */
    private static PluginMetrics pluginMetrics(SourceTaskContext context) {
        PluginMetrics plugin = null;
        String why = "it returned none";
        try {
            plugin = context == null ? null : context.pluginMetrics();
        } catch (NoSuchMethodError | AbstractMethodError | UnsupportedOperationException e) {
            why = "it is older than Kafka 4.1 (" + e.getClass().getSimpleName() + ")";
        }
        if (plugin == null && TOLD_UNAVAILABLE.compareAndSet(false, true)) {
            log.warn("This Connect worker gives connectors no plugin metrics ({}): the Genesys connector runs without "
                    + "its per-query metrics (lag, requests, 429s); Connect's own task metrics still work", why);
        }
        return plugin;
    }

    private void publish(PluginMetrics plugin, String query) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put(QUERY_TAG, query);
        gauge(plugin, tags, WATERMARK, "The query's watermark (epoch ms): every bucket before it was emitted; -1 "
                + "before the first poll", () -> watermark);
        gauge(plugin, tags, WATERMARK_LAG, "How far the watermark is behind the end of the newest settled bucket "
                + "(ms): about one bucket when caught up, more during a backfill or when fetching falls behind",
                () -> watermarkLag);
        gauge(plugin, tags, WINDOWS_FETCHED, "Windows fetched and emitted, forward and restatement", windowsFetched::sum);
        gauge(plugin, tags, RECORDS_EMITTED, "Records handed to Connect for the query's topic, re-emissions and "
                + "tombstones included (heartbeats not)", recordsEmitted::sum);
        gauge(plugin, tags, REQUESTS, "Aggregates requests sent to Genesys, retries included", requests::sum);
        gauge(plugin, tags, THROTTLED, "Requests Genesys answered with 429 (too many requests)", throttled::sum);
        gauge(plugin, tags, RETRIES, "Requests retried after a transient failure (429, 5xx, 408, timeout, cut body)",
                retries::sum);
        gauge(plugin, tags, RETRY_AFTER_WAIT, "Seconds spent waiting because Genesys asked to (Retry-After)",
                retryAfterSeconds::sum);
        gauge(plugin, tags, RESTATEMENT_PASSES, "Restatement passes completed over the lookback",
                restatementPasses::sum);
        gauge(plugin, tags, RECORDS_REEMITTED, "Records emitted again with a higher revision because Genesys "
                + "restated their bucket", recordsReemitted::sum);
        gauge(plugin, tags, TOMBSTONES, "Tombstones emitted for groups Genesys no longer reports", tombstones::sum);
        gauge(plugin, tags, RESTATEMENT_HORIZON, "How far back from the watermark the restatement memory covers (ms); "
                + "shorter than restatement-lookback-ms after a (re)start or a truncation; -1 when restatement is off",
                () -> restatementHorizon);
        gauge(plugin, tags, RESTATEMENT_LOOKBACK, "The configured restatement.lookback (ms); 0 when off",
                () -> restatementLookback);
    }

    private static void gauge(PluginMetrics plugin, LinkedHashMap<String, String> tags, String name,
                              String description, Supplier<? extends Number> value) {
        MetricName metricName = plugin.metricName(name, description, tags);
        plugin.addMetric(metricName, (Gauge<Number>) (config, now) -> value.get());
    }

    @Override
    public void requestSent() {
        requests.increment();
    }

    @Override
    public void throttled() {
        throttled.increment();
    }

    @Override
    public void retrying(Duration wait, boolean retryAfter) {
        retries.increment();
        if (retryAfter) {
            retryAfterWaited(wait);
        }
    }

    /** A wait Genesys asked for, inside the client or between polls (a Retry-After too long for one poll). */
    public void retryAfterWaited(Duration wait) {
        retryAfterSeconds.add(wait.toMillis() / 1000.0);
    }

    /** A window's records were handed to Connect: {@code emitted} for the topic, of which some re-emitted. */
    public void windowEmitted(long emitted, long reemitted, long tombstoned) {
        windowsFetched.increment();
        recordsEmitted.add(emitted);
        recordsReemitted.add(reemitted);
        tombstones.add(tombstoned);
    }

    public void restatementPassDone() {
        restatementPasses.increment();
    }

    /**
     * Where the query stands: its watermark, the end of its newest settled bucket at this moment, and the oldest
     * bucket its restatement memory covers (null when restatement is off).
     */
    public void position(Instant watermark, Instant newestSettledEnd, Instant restatementTrackedFrom) {
        this.watermark = watermark.toEpochMilli();
        this.watermarkLag = Math.max(0, newestSettledEnd.toEpochMilli() - watermark.toEpochMilli());
        this.restatementHorizon = restatementTrackedFrom == null ? -1
                : Math.max(0, watermark.toEpochMilli() - restatementTrackedFrom.toEpochMilli());
    }

    long requests() {
        return requests.sum();
    }

    long throttledCount() {
        return throttled.sum();
    }

    long retries() {
        return retries.sum();
    }

    double retryAfterSeconds() {
        return retryAfterSeconds.sum();
    }

    long watermarkLag() {
        return watermarkLag;
    }
}
