package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.simulator.model.AgentStatusModel.RoutingStatus;
import io.kcg.genesys.simulator.model.AgentStatusModel.Status;
import io.kcg.genesys.simulator.model.AgentStatusModel.SystemPresence;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Time in each presence and routing status within one bucket; written as metrics with a qualifier. */
final class UserBucketStats {

    private final long[] presenceMs = new long[SystemPresence.values().length];
    private final long[] routingMs = new long[RoutingStatus.values().length];

    void add(Status status, long ms) {
        presenceMs[status.presence().ordinal()] += ms;
        routingMs[status.routing().ordinal()] += ms;
    }

    boolean hasTime() {
        for (long ms : presenceMs) {
            if (ms > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each requested metric once per qualifier with time in it; time-in-status stats carry only sum. The metrics
     * are the modelled ones: tSystemPresence, tOrganizationPresence, tAgentRoutingStatus.
     */
    void writeMetrics(JsonGenerator json, List<String> metrics, Map<String, List<String>> organizationPresences)
        throws IOException {
        for (String metric : metrics) {
            switch (metric) {
                case "tSystemPresence" -> {
                    for (SystemPresence presence : SystemPresence.values()) {
                        write(json, metric, presence.name(), presenceMs[presence.ordinal()]);
                    }
                }
                case "tOrganizationPresence" -> {
                    for (SystemPresence presence : SystemPresence.values()) {
                        write(json, metric, organizationPresences.get(presence.name()).get(0),
                            presenceMs[presence.ordinal()]);
                    }
                }
                case "tAgentRoutingStatus" -> {
                    for (RoutingStatus routing : RoutingStatus.values()) {
                        write(json, metric, routing.name(), routingMs[routing.ordinal()]);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void write(JsonGenerator json, String metric, String qualifier, long ms) throws IOException {
        if (ms == 0) {
            return;
        }
        json.writeStartObject();
        json.writeStringField("metric", metric);
        json.writeStringField("qualifier", qualifier);
        json.writeObjectFieldStart("stats");
        json.writeNumberField("sum", ms);
        json.writeEndObject();
        json.writeEndObject();
    }
}
