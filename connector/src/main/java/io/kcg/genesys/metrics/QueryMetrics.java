package io.kcg.genesys.metrics;

import io.kcg.genesys.client.CallListener;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
    public static final String RESTATEMENT_COVERED = "restatement-covered-ms";
    public static final String RESTATEMENT_HORIZON = "restatement-horizon-ms";
    public static final String RESTATEMENT_GIVEN_UP = "restatement-buckets-given-up";
    public static final String RESTATEMENT_MEMORY = "restatement-memory-chars";

    private static final Logger log = LoggerFactory.getLogger(QueryMetrics.class);
    private static final AtomicBoolean TOLD_UNAVAILABLE = new AtomicBoolean();

    private final LongAdder requests = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final DoubleAdder retryAfterSeconds = new DoubleAdder();
    private final long restatementHorizon;
    /** What the task counts itself, copied on the task's thread each poll. */
    private volatile Progress progress = new Progress(-1, -1, 0, 0, 0, 0, 0, -1, 0, 0);

    /**
     * Where a query stands and what it did since its task started, as the task counts it.
     *
     * @param watermark          epoch ms, every bucket before it emitted
     * @param watermarkLag       ms behind the end of the newest settled bucket, 0 when caught up
     * @param windows            windows fetched and emitted, forward and restatement
     * @param records            records handed to Connect for the query's topic (tombstones included)
     * @param reEmitted          records emitted again with a higher revision
     * @param tombstones         tombstones emitted
     * @param passes             restatement passes completed
     * @param covered            ms back from now that the restatement memory covers; -1 when restatement is off
     * @param bucketsGivenUp     buckets inside the horizon whose memory was given up
     * @param memoryChars        characters of the restatement memories kept
     */
    public record Progress(long watermark, long watermarkLag, long windows, long records, long reEmitted,
                           long tombstones, long passes, long covered, long bucketsGivenUp, long memoryChars) {
    }

    private QueryMetrics(Duration restatementHorizon) {
        this.restatementHorizon = restatementHorizon.toMillis();
    }

    /**
     * The metrics of {@code query}, published through the worker's plugin metrics when it has them.
     *
     * @param restatementHorizon the configured restatement horizon (zero when off), published next to the part of
     *                           it the memory actually covers
     */
    public static QueryMetrics register(SourceTaskContext context, String query, Duration restatementHorizon) {
        QueryMetrics metrics = new QueryMetrics(restatementHorizon);
        PluginMetrics plugin = pluginMetrics(context);
        if (plugin != null) {
            try {
                metrics.publish(plugin, query);
            } catch (RuntimeException e) {
                // Metrics must never stop a task: a registry that refuses them (a name still held by a task of this
                // query that has not been cleaned up, say) leaves the query running without them.
                log.warn("Query {}: its metrics could not be registered with the worker ({}); it runs without them",
                        query, e.toString());
            }
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
                + "before the first poll", () -> progress.watermark());
        gauge(plugin, tags, WATERMARK_LAG, "How far the watermark is behind the end of the newest settled bucket "
                + "(ms): 0 when caught up, a bucket while a newly settled one waits for its fetch, more during a "
                + "backfill or when fetching falls behind", () -> progress.watermarkLag());
        gauge(plugin, tags, WINDOWS_FETCHED, "Windows fetched and emitted, forward and restatement",
                () -> progress.windows());
        gauge(plugin, tags, RECORDS_EMITTED, "Records handed to Connect for the query's topic, re-emissions and "
                + "tombstones included (heartbeats not)", () -> progress.records());
        gauge(plugin, tags, REQUESTS, "Aggregates requests sent to Genesys, retries included", requests::sum);
        gauge(plugin, tags, THROTTLED, "Requests Genesys answered with 429 (too many requests)", throttled::sum);
        gauge(plugin, tags, RETRIES, "Requests retried after a transient failure (429, 5xx, 408, timeout, cut body)",
                retries::sum);
        gauge(plugin, tags, RETRY_AFTER_WAIT, "Seconds spent waiting because Genesys asked to (Retry-After)",
                retryAfterSeconds::sum);
        gauge(plugin, tags, RESTATEMENT_PASSES, "Restatement passes (recent and nightly) completed",
                () -> progress.passes());
        gauge(plugin, tags, RECORDS_REEMITTED, "Records emitted again with a higher revision because Genesys "
                + "restated their bucket", () -> progress.reEmitted());
        gauge(plugin, tags, TOMBSTONES, "Tombstones emitted for groups Genesys no longer reports",
                () -> progress.tombstones());
        gauge(plugin, tags, RESTATEMENT_COVERED, "How far back from now the restatement memory covers (ms): "
                + "restatement-horizon-ms when complete, less after a new start, a rewind or an upgrade; -1 when "
                + "restatement is off", () -> progress.covered());
        gauge(plugin, tags, RESTATEMENT_HORIZON, "The configured restatement.horizon (ms); 0 when off",
                () -> restatementHorizon);
        gauge(plugin, tags, RESTATEMENT_GIVEN_UP, "Buckets inside the horizon whose restatement memory was given up "
                + "(unreadable or too large): their changes are not re-emitted", () -> progress.bucketsGivenUp());
        gauge(plugin, tags, RESTATEMENT_MEMORY, "Characters of the restatement memories the task keeps (about its "
                + "heap, and what it writes to the offsets topic)", () -> progress.memoryChars());
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

    /** What the task counted and where the query stands, called on the task's thread. */
    public void progress(Progress now) {
        this.progress = now;
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
        return progress.watermarkLag();
    }
}
