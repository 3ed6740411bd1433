package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;
import io.kcg.genesys.parse.Stats;

import java.util.List;
import java.util.Map;

/**
 * A KPI computed from the stats of one bucket and group, the way contact-center reports define it. It exists in a
 * schema only when the query asks for its inputs, and its value is null when an input is absent or a count is 0.
 */
public enum DerivedKpi {
    AVG_HANDLE_MS("avgHandleMs", "Average handle time in ms: tHandle sum / tHandle count.", List.of("tHandle")),
    AVG_TALK_MS("avgTalkMs", "Average talk time in ms: tTalk sum / tTalk count.", List.of("tTalk")),
    AVG_HOLD_MS("avgHoldMs", "Average hold time in ms: tHeld sum / tHeld count.", List.of("tHeld")),
    AVG_ACW_MS("avgAcwMs", "Average after-call work in ms: tAcw sum / tAcw count.", List.of("tAcw")),
    AVG_ANSWER_MS("avgAnswerMs", "Average speed of answer in ms: tAnswered sum / tAnswered count.", List.of("tAnswered")),
    AVG_ABANDON_MS("avgAbandonMs", "Average time to abandon in ms: tAbandon sum / tAbandon count.", List.of("tAbandon")),
    ABANDON_RATE("abandonRate", "Abandoned share of offered: tAbandon count / nOffered count.", List.of("tAbandon", "nOffered")),
    SERVICE_LEVEL("serviceLevel", "Service level: oServiceLevel numerator / denominator (answered within target "
            + "over answered and abandoned).", List.of("oServiceLevel"));

    private final String fieldName;
    private final String doc;
    private final List<String> inputs;

    DerivedKpi(String fieldName, String doc, List<String> inputs) {
        this.fieldName = fieldName;
        this.doc = doc;
        this.inputs = inputs;
    }

    public String fieldName() {
        return fieldName;
    }

    public String doc() {
        return doc;
    }

    /** Whether a query with these metrics can compute this KPI. */
    public boolean applies(List<String> metrics) {
        return metrics.containsAll(inputs);
    }

    /** The KPI for one bucket and group, given its stats by metric name (unqualified), or null. */
    public Double compute(Map<String, Stats> statsByMetric) {
        switch (this) {
            case ABANDON_RATE:
                return ratio(count(statsByMetric.get("tAbandon"), true), count(statsByMetric.get("nOffered"), false));
            case SERVICE_LEVEL: {
                Stats sl = statsByMetric.get("oServiceLevel");
                if (sl == null || !sl.has(Stat.NUMERATOR) || !sl.has(Stat.DENOMINATOR)) {
                    return sl != null && sl.has(Stat.RATIO) ? sl.getDouble(Stat.RATIO) : null;
                }
                return ratio(sl.getDouble(Stat.NUMERATOR), sl.getDouble(Stat.DENOMINATOR));
            }
            default: {
                Stats timer = statsByMetric.get(inputs.get(0));
                if (timer == null || !timer.has(Stat.SUM) || !timer.has(Stat.COUNT)) {
                    return null;
                }
                return ratio(timer.getDouble(Stat.SUM), (double) timer.getLong(Stat.COUNT));
            }
        }
    }

    /** A count for the rate: an absent abandon timer means none abandoned, an absent offered count means unknown. */
    private static Double count(Stats stats, boolean absentMeansZero) {
        if (stats == null || !stats.has(Stat.COUNT)) {
            return absentMeansZero ? 0.0 : null;
        }
        return (double) stats.getLong(Stat.COUNT);
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0.0) {
            return null;
        }
        return numerator / denominator;
    }
}
