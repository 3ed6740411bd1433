package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;

import java.util.List;

/**
 * A KPI computed from the stats of one bucket and group, the way contact-center reports define it. It exists in a
 * schema only when the query asks for its inputs, and its value is null when an input is absent or a count is 0.
 */
public enum DerivedKpi {
    AVG_HANDLE_MS("avg_handle_ms", "Average handle time in ms: tHandle sum / tHandle count.", List.of("tHandle")),
    AVG_TALK_MS("avg_talk_ms", "Average talk time in ms: tTalk sum / tTalk count.", List.of("tTalk")),
    AVG_HOLD_MS("avg_hold_ms", "Average hold time in ms: tHeld sum / tHeld count.", List.of("tHeld")),
    AVG_ACW_MS("avg_acw_ms", "Average after-call work in ms: tAcw sum / tAcw count.", List.of("tAcw")),
    AVG_ANSWER_MS("avg_answer_ms", "Average speed of answer in ms: tAnswered sum / tAnswered count.", List.of("tAnswered")),
    AVG_ABANDON_MS("avg_abandon_ms", "Average time to abandon in ms: tAbandon sum / tAbandon count.", List.of("tAbandon")),
    ABANDON_RATE("abandon_rate", "Abandoned share of offered: tAbandon count / nOffered count.", List.of("tAbandon", "nOffered")),
    SERVICE_LEVEL("service_level", "Service level: oServiceLevel numerator / denominator (answered within target "
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

    /** Where a KPI reads its inputs: the value of a stat of an (unqualified) metric, or null when absent. */
    @FunctionalInterface
    public interface Inputs {
        Number stat(String metric, Stat stat);
    }

    /** The KPI for one bucket and group, or null when an input is absent or a denominator is 0. */
    public Double compute(Inputs in) {
        switch (this) {
            case ABANDON_RATE: {
                Number abandoned = in.stat("tAbandon", Stat.COUNT); // absent: none abandoned
                Number offered = in.stat("nOffered", Stat.COUNT);   // absent: unknown
                return ratio(abandoned == null ? 0.0 : abandoned.doubleValue(), asDouble(offered));
            }
            case SERVICE_LEVEL: {
                Number numerator = in.stat("oServiceLevel", Stat.NUMERATOR);
                Number denominator = in.stat("oServiceLevel", Stat.DENOMINATOR);
                if (numerator == null || denominator == null) {
                    return asDouble(in.stat("oServiceLevel", Stat.RATIO));
                }
                return ratio(numerator.doubleValue(), denominator.doubleValue());
            }
            default: {
                String timer = inputs.get(0);
                return ratio(asDouble(in.stat(timer, Stat.SUM)), asDouble(in.stat(timer, Stat.COUNT)));
            }
        }
    }

    private static Double asDouble(Number n) {
        return n == null ? null : n.doubleValue();
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0.0) {
            return null;
        }
        return numerator / denominator;
    }
}
