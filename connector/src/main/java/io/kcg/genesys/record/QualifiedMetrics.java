package io.kcg.genesys.record;

import java.util.List;
import java.util.Map;

/**
 * The qualified metrics whose qualifiers Genesys documents as a fixed list, which therefore get wide fields of their
 * own ({@code <metric>_<qualifier>_<stat>}, e.g. {@code t_system_presence_on_queue_sum}): the user aggregates'
 * system presences and routing statuses. Every other qualifier is open-ended (an organization's own presences in
 * {@code tOrganizationPresence} are ids it defines) or undocumented, and goes to {@code metrics_extra}, as does a
 * qualifier Genesys adds to these lists later. Adding a qualifier here only adds optional fields.
 */
final class QualifiedMetrics {
    private static final Map<String, List<String>> QUALIFIERS = Map.of(
            "tSystemPresence", List.of("AVAILABLE", "BUSY", "AWAY", "BREAK", "MEAL", "MEETING", "TRAINING", "IDLE",
                    "OFFLINE", "ON_QUEUE"),
            "tAgentRoutingStatus", List.of("OFF_QUEUE", "IDLE", "INTERACTING", "COMMUNICATING", "NOT_RESPONDING"));

    private QualifiedMetrics() {
    }

    /** The documented qualifiers of {@code metric}, in Genesys's order; empty when it has no fixed list. */
    static List<String> qualifiersOf(String metric) {
        return QUALIFIERS.getOrDefault(metric, List.of());
    }
}
