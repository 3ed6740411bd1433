package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.simulator.model.ModelConstants;

import java.io.IOException;
import java.util.List;

/** What one group holds in one bucket: count, sum, min and max per metric, and the service-level tallies. */
final class ConversationBucketStats {

    private static final int METRICS = ConversationMetric.values().length;

    private final long[] count = new long[METRICS];
    private final long[] sum = new long[METRICS];
    private final long[] min = new long[METRICS];
    private final long[] max = new long[METRICS];
    private long serviceLevelNumerator;
    private long serviceLevelDenominator;
    private boolean hasData;

    void add(ConversationMetric metric, long value) {
        int m = metric.ordinal();
        if (count[m] == 0 || value < min[m]) {
            min[m] = value;
        }
        if (count[m] == 0 || value > max[m]) {
            max[m] = value;
        }
        count[m]++;
        sum[m] += value;
        hasData = true;
    }

    /** An answer (within target or not) or an abandon, counted in the bucket where it happened. */
    void addServiceLevel(boolean answeredWithinTarget) {
        serviceLevelDenominator++;
        if (answeredWithinTarget) {
            serviceLevelNumerator++;
        }
        hasData = true;
    }

    /** Whether any of the requested metrics has something to say in this bucket. */
    boolean hasAny(List<ConversationMetric> requested) {
        for (ConversationMetric metric : requested) {
            if (present(metric)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the metrics array entries, in the requested order, omitting metrics without data. */
    void writeMetrics(JsonGenerator json, List<ConversationMetric> requested) throws IOException {
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
                    json.writeNumberField("min", min[m]);
                    json.writeNumberField("count", count[m]);
                    json.writeNumberField("sum", sum[m]);
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

    private boolean present(ConversationMetric metric) {
        return switch (metric.kind()) {
            case COUNT, TIMER -> count[metric.ordinal()] > 0;
            case SERVICE_LEVEL -> serviceLevelDenominator > 0;
            case SERVICE_TARGET -> hasData;
        };
    }
}
