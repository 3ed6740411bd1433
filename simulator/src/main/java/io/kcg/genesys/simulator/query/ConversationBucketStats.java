package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.simulator.model.ModelConstants;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What one group holds in one bucket: count, sum, min and max per metric, the service-level tallies, the query's
 * views, and (with extended stats) every timer observation for the percentiles.
 */
final class ConversationBucketStats {

    private static final int METRICS = ConversationMetric.values().length;

    private final long[] count = new long[METRICS];
    private final long[] sum = new long[METRICS];
    private final long[] min = new long[METRICS];
    private final long[] max = new long[METRICS];
    private final List<AggregateQuery.View> views;
    private final ConversationMetric[] viewTargets;
    private final long[] viewCount;
    private final long[] viewSum;
    private final long[] viewMin;
    private final long[] viewMax;
    /** Every observation of each timer, when percentiles are written; null otherwise. */
    private final long[][] values;
    private long serviceLevelNumerator;
    private long serviceLevelDenominator;
    private boolean hasData;

    /**
     * @param views       the query's views (their targets are matched against the modelled metrics)
     * @param percentiles whether timer stats carry p95 and p99 (the observations are kept for them)
     */
    ConversationBucketStats(List<AggregateQuery.View> views, boolean percentiles) {
        this.views = views;
        this.viewTargets = new ConversationMetric[views.size()];
        for (int i = 0; i < viewTargets.length; i++) {
            viewTargets[i] = ConversationMetric.byName(views.get(i).target());
        }
        this.viewCount = new long[views.size()];
        this.viewSum = new long[views.size()];
        this.viewMin = new long[views.size()];
        this.viewMax = new long[views.size()];
        this.values = percentiles ? new long[METRICS][] : null;
    }

    void add(ConversationMetric metric, long value) {
        int m = metric.ordinal();
        if (count[m] == 0 || value < min[m]) {
            min[m] = value;
        }
        if (count[m] == 0 || value > max[m]) {
            max[m] = value;
        }
        if (values != null && metric.kind() == ConversationMetric.Kind.TIMER) {
            long[] kept = values[m] == null ? new long[4] : values[m];
            if (count[m] == kept.length) {
                kept = Arrays.copyOf(kept, kept.length * 2);
            }
            kept[(int) count[m]] = value;
            values[m] = kept;
        }
        count[m]++;
        sum[m] += value;
        hasData = true;
        for (int v = 0; v < viewTargets.length; v++) {
            if (viewTargets[v] == metric && views.get(v).contains(value)) {
                if (viewCount[v] == 0 || value < viewMin[v]) {
                    viewMin[v] = value;
                }
                if (viewCount[v] == 0 || value > viewMax[v]) {
                    viewMax[v] = value;
                }
                viewCount[v]++;
                viewSum[v] += value;
            }
        }
    }

    /** An answer (within target or not) or an abandon, counted in the bucket where it happened. */
    void addServiceLevel(boolean answeredWithinTarget) {
        serviceLevelDenominator++;
        if (answeredWithinTarget) {
            serviceLevelNumerator++;
        }
        hasData = true;
    }

    /** Whether any of the requested metrics or the views has something to say in this bucket. */
    boolean hasAny(List<ConversationMetric> requested) {
        for (ConversationMetric metric : requested) {
            if (present(metric)) {
                return true;
            }
        }
        for (long n : viewCount) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    long count(ConversationMetric metric) {
        return count[metric.ordinal()];
    }

    long sum(ConversationMetric metric) {
        return sum[metric.ordinal()];
    }

    long min(ConversationMetric metric) {
        return min[metric.ordinal()];
    }

    long max(ConversationMetric metric) {
        return max[metric.ordinal()];
    }

    /**
     * Writes the metrics array entries, in the requested order, omitting metrics without data.
     *
     * @param withoutMin tells, per timer, whether this bucket's stats leave out {@code min} (as real ones now and
     *                   then do); null = never
     */
    void writeMetrics(JsonGenerator json, List<ConversationMetric> requested, MinOmission withoutMin)
        throws IOException {
        for (ConversationMetric metric : requested) {
            if (!present(metric)) {
                continue;
            }
            json.writeStartObject();
            json.writeStringField("metric", metric.wireName());
            json.writeObjectFieldStart("stats");
            int m = metric.ordinal();
            switch (metric.kind()) {
                case COUNT -> json.writeNumberField("count", count[m]);
                case TIMER -> {
                    json.writeNumberField("max", max[m]);
                    if (withoutMin == null || !withoutMin.omit(metric)) {
                        json.writeNumberField("min", min[m]);
                    }
                    json.writeNumberField("count", count[m]);
                    json.writeNumberField("sum", sum[m]);
                    if (values != null) {
                        long[] sorted = Arrays.copyOf(values[m], (int) count[m]);
                        Arrays.sort(sorted);
                        json.writeNumberField("p95", nearestRank(sorted, 95));
                        json.writeNumberField("p99", nearestRank(sorted, 99));
                    }
                }
                case SERVICE_LEVEL -> {
                    json.writeNumberField("ratio", (double) serviceLevelNumerator / serviceLevelDenominator);
                    json.writeNumberField("numerator", serviceLevelNumerator);
                    json.writeNumberField("denominator", serviceLevelDenominator);
                    json.writeNumberField("target", ModelConstants.SERVICE_LEVEL_TARGET);
                }
                case SERVICE_TARGET -> json.writeNumberField("current", ModelConstants.SERVICE_LEVEL_TARGET);
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** Writes {@code "views":[{name, stats}]} for the views with observations in this bucket, if any. */
    void writeViews(JsonGenerator json) throws IOException {
        boolean started = false;
        for (int v = 0; v < viewCount.length; v++) {
            if (viewCount[v] == 0) {
                continue;
            }
            if (!started) {
                json.writeArrayFieldStart("views");
                started = true;
            }
            json.writeStartObject();
            json.writeStringField("name", views.get(v).name());
            json.writeObjectFieldStart("stats");
            json.writeNumberField("max", viewMax[v]);
            json.writeNumberField("min", viewMin[v]);
            json.writeNumberField("count", viewCount[v]);
            json.writeNumberField("sum", viewSum[v]);
            json.writeEndObject();
            json.writeEndObject();
        }
        if (started) {
            json.writeEndArray();
        }
    }

    /** Which timers of one bucket leave out {@code min}. */
    @FunctionalInterface
    interface MinOmission {
        boolean omit(ConversationMetric metric);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p % of them at or below. */
    private static long nearestRank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private boolean present(ConversationMetric metric) {
        return switch (metric.kind()) {
            case COUNT, TIMER -> count[metric.ordinal()] > 0;
            case SERVICE_LEVEL -> serviceLevelDenominator > 0;
            case SERVICE_TARGET -> hasData;
        };
    }
}
