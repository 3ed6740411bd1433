package io.kcg.genesys.simulator.query;

import java.util.HashMap;
import java.util.Map;

/** The conversation metrics the model produces, and which stats each carries on the wire. */
enum ConversationMetric {
    N_OFFERED("nOffered", Kind.COUNT),
    N_CONNECTED("nConnected", Kind.COUNT),
    N_TRANSFERRED("nTransferred", Kind.COUNT),
    N_OVER_SLA("nOverSla", Kind.COUNT),
    T_ANSWERED("tAnswered", Kind.TIMER),
    T_ABANDON("tAbandon", Kind.TIMER),
    T_TALK("tTalk", Kind.TIMER),
    T_HELD("tHeld", Kind.TIMER),
    T_ACW("tAcw", Kind.TIMER),
    T_HANDLE("tHandle", Kind.TIMER),
    T_WAIT("tWait", Kind.TIMER),
    O_SERVICE_LEVEL("oServiceLevel", Kind.SERVICE_LEVEL),
    O_SERVICE_TARGET("oServiceTarget", Kind.SERVICE_TARGET);

    /** n* carry {count}; t* {max, min, count, sum}; oServiceLevel {ratio, numerator, denominator, target}. */
    enum Kind { COUNT, TIMER, SERVICE_LEVEL, SERVICE_TARGET }

    private static final Map<String, ConversationMetric> BY_NAME = new HashMap<>();

    static {
        for (ConversationMetric metric : values()) {
            BY_NAME.put(metric.wireName, metric);
        }
    }

    private final String wireName;
    private final Kind kind;

    ConversationMetric(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    String wireName() {
        return wireName;
    }

    Kind kind() {
        return kind;
    }

    /** The modelled metric of that canonical name, or null for a valid metric the model never produces. */
    static ConversationMetric byName(String canonicalName) {
        return BY_NAME.get(canonicalName);
    }
}
