package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;

import java.util.ArrayList;
import java.util.List;

/**
 * A KPI computed from the stats of one bucket and group, the way contact-center reports define it. It exists in a
 * schema only when the query asks for its inputs, and its value is null when an input is absent or a count is 0.
 * Its inputs are fixed stats of unqualified metrics, so a mapper finds their fields once, not per record.
 */
public enum DerivedKpi {
    AVG_HANDLE_MS("avg_handle_ms", "Average handle time in ms: tHandle sum / tHandle count.", timer("tHandle")),
    AVG_TALK_MS("avg_talk_ms", "Average talk time in ms: tTalk sum / tTalk count.", timer("tTalk")),
    AVG_HOLD_MS("avg_hold_ms", "Average hold time in ms: tHeld sum / tHeld count.", timer("tHeld")),
    AVG_ACW_MS("avg_acw_ms", "Average after-call work in ms: tAcw sum / tAcw count.", timer("tAcw")),
    AVG_ANSWER_MS("avg_answer_ms", "Average speed of answer in ms: tAnswered sum / tAnswered count.", timer("tAnswered")),
    AVG_ABANDON_MS("avg_abandon_ms", "Average time to abandon in ms: tAbandon sum / tAbandon count.", timer("tAbandon")),
    ABANDON_RATE("abandon_rate", "Abandoned share of offered: tAbandon count / nOffered count.",
            List.of(new Input("tAbandon", Stat.COUNT), new Input("nOffered", Stat.COUNT))),
    SERVICE_LEVEL("service_level", "Service level: oServiceLevel numerator / denominator (answered within target "
            + "over answered and abandoned), or its ratio when those are absent.",
            List.of(new Input("oServiceLevel", Stat.NUMERATOR), new Input("oServiceLevel", Stat.DENOMINATOR),
                    new Input("oServiceLevel", Stat.RATIO)));

    /** One input of a KPI: a stat of an unqualified metric. */
    public record Input(String metric, Stat stat) {
    }

    private final String fieldName;
    private final String doc;
    private final List<Input> inputs;

    DerivedKpi(String fieldName, String doc, List<Input> inputs) {
        this.fieldName = fieldName;
        this.doc = doc;
        this.inputs = inputs;
    }

    private static List<Input> timer(String metric) {
        return List.of(new Input(metric, Stat.SUM), new Input(metric, Stat.COUNT));
    }

    public String fieldName() {
        return fieldName;
    }

    public String doc() {
        return doc;
    }

    /** The stats {@link #compute} takes, in its order. */
    public List<Input> inputs() {
        return inputs;
    }

    /** Whether a query with these metrics can compute this KPI. */
    public boolean applies(List<String> metrics) {
        List<String> needed = new ArrayList<>();
        for (Input input : inputs) {
            needed.add(input.metric());
        }
        return metrics.containsAll(needed);
    }

    /**
     * The KPI for one bucket and group from the values of its {@link #inputs()} (in that order, null when absent), or
     * null when an input it needs is absent or a denominator is 0.
     */
    public Double compute(Number... values) {
        switch (this) {
            case ABANDON_RATE: // an absent tAbandon count: none abandoned; an absent nOffered count: unknown
                return ratio(values[0] == null ? 0.0 : values[0].doubleValue(), asDouble(values[1]));
            case SERVICE_LEVEL:
                if (values[0] == null || values[1] == null) {
                    return asDouble(values[2]);
                }
                return ratio(values[0].doubleValue(), values[1].doubleValue());
            default: // a timer's average: sum / count
                return ratio(asDouble(values[0]), asDouble(values[1]));
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
