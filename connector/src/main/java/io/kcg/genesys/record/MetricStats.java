package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which stats a metric's wide fields carry, by Genesys's naming convention: counts ({@code n*}) have a count,
 * timers ({@code t*}) count, sum, min and max, and the observations Genesys documents have theirs. Any other name,
 * including names Genesys adds later, gets every stat, so nothing it sends can be lost.
 */
public final class MetricStats {
    private static final Set<Stat> COUNT_ONLY = EnumSet.of(Stat.COUNT);
    private static final Set<Stat> TIMER = EnumSet.of(Stat.COUNT, Stat.SUM, Stat.MIN, Stat.MAX);
    private static final Set<Stat> SERVICE_LEVEL = EnumSet.of(Stat.RATIO, Stat.NUMERATOR, Stat.DENOMINATOR, Stat.TARGET);
    private static final Set<Stat> CURRENT = EnumSet.of(Stat.CURRENT);
    private static final Set<Stat> ALL = EnumSet.allOf(Stat.class);

    private MetricStats() {
    }

    public static Set<Stat> statsOf(String metric) {
        switch (metric) {
            case "oServiceLevel":
            case "oCallbackServiceLevel":
                return SERVICE_LEVEL;
            case "oServiceTarget":
                return CURRENT;
            case "oMessageTurn":
                return TIMER;
            default:
                break;
        }
        if (metric.length() > 1 && Character.isUpperCase(metric.charAt(1))) {
            if (metric.charAt(0) == 'n') {
                return COUNT_ONLY;
            }
            if (metric.charAt(0) == 't') {
                return TIMER;
            }
        }
        return ALL;
    }
}
