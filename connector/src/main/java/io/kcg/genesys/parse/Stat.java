package io.kcg.genesys.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * The statistics Genesys can put in a {@code stats} object ({@code StatisticalSummary}). Every one is optional.
 * Integral stats are carried as {@code long}, the others as {@code double}.
 */
public enum Stat {
    MAX("max", false),
    MIN("min", false),
    COUNT("count", true),
    COUNT_NEGATIVE("countNegative", true),
    COUNT_POSITIVE("countPositive", true),
    SUM("sum", false),
    CURRENT("current", false),
    RATIO("ratio", false),
    NUMERATOR("numerator", false),
    DENOMINATOR("denominator", false),
    TARGET("target", false),
    P95("p95", true),
    P99("p99", true),
    CALCULATED_METRIC_VALUE("calculatedMetricValue", true);

    private static final Map<String, Stat> BY_JSON_NAME = new HashMap<>();
    static {
        for (Stat stat : values()) {
            BY_JSON_NAME.put(stat.jsonName, stat);
        }
    }

    private final String jsonName;
    private final boolean integral;

    Stat(String jsonName, boolean integral) {
        this.jsonName = jsonName;
        this.integral = integral;
    }

    /** The field name in Genesys's JSON and in our record fields ({@code <metric>_<jsonName>}). */
    public String jsonName() {
        return jsonName;
    }

    /** True for counts and percentiles, which Genesys documents as int64. */
    public boolean integral() {
        return integral;
    }

    /** The stat for a JSON field name, or null for a name Genesys added after this code was written. */
    public static Stat byJsonName(String name) {
        return BY_JSON_NAME.get(name);
    }
}
