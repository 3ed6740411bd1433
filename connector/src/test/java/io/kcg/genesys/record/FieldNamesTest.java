package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field names a warehouse takes unquoted: snake_case, never a reserved word, never two Genesys names on one field. */
class FieldNamesTest {
    // The enums of shared/genesys/API.md: conversation groupBy and filter dimensions (1.1, 1.3), metrics (1.2).
    // CHECKSTYLE.OFF: LineLength
    static final List<String> DIMENSIONS = List.of("activeRouting", "activeSkillId", "addressFrom", "addressTo", "agentAssistantId",
            "agentBullseyeRing", "agentOwned", "agentRank", "agentScore", "ani", "assignerId", "authenticated", "canonicalExternalContactId",
            "conversationId", "conversationInitiator", "convertedFrom", "convertedTo", "customerParticipation", "deliveryStatus",
            "destinationAddress", "direction", "disconnectType", "divisionId", "dnis", "edgeId", "eligibleAgentCount", "errorCode",
            "extendedDeliveryStatus", "externalContactId", "externalMediaCount", "externalOrganizationId", "externalTag", "firstQueue",
            "flaggedReason", "flowInType", "flowOutType", "groupId", "interactionType", "journeyActionId", "journeyActionMapId",
            "journeyActionMapVersion", "journeyCustomerId", "journeyCustomerIdType", "journeyCustomerSessionId",
            "journeyCustomerSessionIdType", "knowledgeBaseId", "mediaCount", "mediaType", "messageType", "originatingDirection",
            "originatingSocialMediaPublic", "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantName",
            "peerId", "proposedAgentId", "provider", "purpose", "queueId", "remote", "removedSkillId", "requestedLanguageId",
            "requestedRouting", "requestedRoutingSkillId", "roomId", "routingPriority", "routingRing", "routingRule", "routingRuleType",
            "scoredAgentId", "selectedAgentId", "selectedAgentRank", "selfServed", "sessionDnis", "sessionId", "skillExpressionId",
            "stationId", "teamId", "usedRouting", "userId", "videoPresent", "waitingInteractionCount", "wrapUpCode");
    static final List<String> METRICS = List.of("nBlindTransferred", "nBotInteractions", "nCallbackAttempts", "nCallbackOverSla",
            "nCallbackScheduled", "nCfcOffered", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred", "nConversations",
            "nError", "nOffered", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected", "nOverSla",
            "nStateTransitionError", "nTakeover", "nTransferred", "oAudioMessageCount", "oCallbackServiceLevel",
            "oExternalAudioMessageCount", "oExternalMediaCount", "oMediaCount", "oMessageCount", "oMessageSegmentCount", "oMessageTurn",
            "oServiceLevel", "oServiceTarget", "oSkillExpressionApplications", "tAbandon", "tAcd", "tActiveCallback",
            "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAgentVideoConnected", "tAlert", "tAnswered",
            "tAverageAgentResponseTime", "tAverageCustomerResponseTime", "tBarging", "tCallbackAbandon", "tCallbackConnect",
            "tCallbackNotReached", "tCallbackVirtualWait", "tCfcAbandon", "tCfcAcd", "tCfcAnswered", "tCfcFlowOut", "tCoaching",
            "tCoachingComplete", "tConnected", "tContacting", "tDialing", "tFirstConnect", "tFirstDial", "tFirstEngagement",
            "tFirstResponse", "tFlowOut", "tHandle", "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete",
            "tNotResponding", "tPark", "tParkComplete", "tScreenMonitoring", "tShortAbandon", "tSnippetRecord", "tTalk", "tTalkComplete",
            "tTransmitting", "tUserResponseTime", "tVoicemail", "tWait");
    // CHECKSTYLE.ON: LineLength
    /** The user aggregates' metrics (API.md, More facts). */
    static final List<String> USER_METRICS = List.of("tSystemPresence", "tOrganizationPresence", "tAgentRoutingStatus");

    @Test
    void genesysNamesBecomeLowerSnakeCase() {
        assertEquals("queue_id", FieldNames.of("queueId"));
        assertEquals("media_type", FieldNames.of("mediaType"));
        assertEquals("wrap_up_code", FieldNames.of("wrapUpCode"));
        assertEquals("n_offered", FieldNames.of("nOffered"));
        assertEquals("t_handle_count_negative", FieldNames.joined("tHandle", "countNegative"));
        assertEquals("t_system_presence_on_queue_sum", FieldNames.joined("tSystemPresence", "ON_QUEUE", "sum"));
        assertEquals("o_service_level_p95", FieldNames.joined("oServiceLevel", "p95"));
        assertEquals("requested_url_id", FieldNames.of("requestedURLId"));
        assertEquals("long_calls_2", FieldNames.of("long-calls 2"));
        assertEquals("_2nd", FieldNames.of("2nd"));
        assertEquals("_ber_5_min", FieldNames.of("Über 5 min"));
        assertEquals("_", FieldNames.of(""));
    }

    @Test
    void aReservedWordIsNeverAFieldName() {
        for (String word : List.of("group", "order", "user", "limit", "interval", "range", "value", "key", "current",
                "select", "table", "values", "window", "rows", "qualify", "offline", "level")) {
            assertTrue(SqlReservedWords.isReserved(word), word);
            assertEquals(word + "_value", FieldNames.of(word));
        }
        assertEquals("group_value", FieldNames.of("Group"));
        assertEquals("current_user_value", FieldNames.of("currentUser"));
        for (String usable : List.of("count", "sum", "min", "max", "ratio", "target", "metric", "qualifier", "revision",
                "granularity", "direction", "purpose", "provider", "remote")) {
            assertFalse(SqlReservedWords.isReserved(usable), usable);
        }
    }

    /**
     * A query of every dimension and every metric the API documents builds (no two names on one field), and no name
     * Genesys documents (dimension, metric with each of its stats, documented qualifier) needs the reserved-word
     * suffix; the one fixed name that does is the long format's stat {@code current}.
     */
    @Test
    void noGenesysDimensionOrMetricMapsToAReservedWordOrCollides() {
        QueryDefinition everything = Bodies.query("everything", "conversations", "{\"granularity\":\"PT30M\",\"groupBy\":"
                + json(DIMENSIONS) + ",\"metrics\":" + json(METRICS) + "}");
        QueryDefinition users = Bodies.query("users", "users", "{\"groupBy\":[\"userId\"],\"metrics\":"
                + json(USER_METRICS) + "}");
        Set<String> names = new HashSet<>();
        for (QueryDefinition query : List.of(everything, users)) {
            WideSchema wide = WideSchema.of(query, true);
            LongSchema longFormat = LongSchema.of(query);
            for (Schema schema : List.of(wide.keySchema(), wide.valueSchema(), longFormat.keySchema(), longFormat.valueSchema(),
                    Heartbeats.KEY_SCHEMA, Heartbeats.VALUE_SCHEMA)) {
                schema.fields().forEach(field -> names.add(field.name()));
            }
        }
        for (String name : names) {
            assertFalse(SqlReservedWords.isReserved(name), name);
            assertTrue(name.matches("[a-z][a-z0-9_]*"), name);
        }

        List<String> plainNames = new ArrayList<>();
        for (String dimension : DIMENSIONS) {
            plainNames.add(FieldNames.snakeCase(dimension));
        }
        List<String> metrics = new ArrayList<>(METRICS);
        metrics.addAll(USER_METRICS);
        for (String metric : metrics) {
            for (String qualifier : QualifiedMetrics.qualifiersOf(metric)) {
                plainNames.add(FieldNames.snakeCase(metric) + "_" + FieldNames.snakeCase(qualifier));
            }
            for (Stat stat : Stat.values()) {
                plainNames.add(FieldNames.snakeCase(metric) + "_" + FieldNames.snakeCase(stat.jsonName()));
            }
        }
        for (String plain : plainNames) {
            assertFalse(SqlReservedWords.isReserved(plain), plain + " would need the suffix");
        }
        for (String dimension : DIMENSIONS) {
            assertTrue(names.contains(FieldNames.snakeCase(dimension)), dimension + " has its plain snake_case field");
        }
        List<String> longStats = new ArrayList<>();
        for (Stat stat : Stat.values()) {
            longStats.add(Fields.statField(stat));
        }
        assertEquals(List.of("max", "min", "count", "count_negative", "count_positive", "sum", "current_value", "ratio",
                "numerator", "denominator", "target", "p95", "p99", "calculated_metric_value"), longStats);
    }

    private static String json(List<String> names) {
        return "[\"" + String.join("\",\"", names) + "\"]";
    }
}
