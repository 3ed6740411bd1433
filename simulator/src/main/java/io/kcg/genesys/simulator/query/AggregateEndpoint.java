package io.kcg.genesys.simulator.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The aggregates endpoints the simulator answers, with what each accepts. The conversation lists are Genesys'
 * full enumerations (API.md sections 1.1 to 1.3): a dimension or metric the model does not produce is accepted and
 * simply has no data, as a real organisation without that kind of traffic answers.
 */
public enum AggregateEndpoint {
    CONVERSATIONS("conversations", ConversationLists.GROUP_BY, ConversationLists.FILTER_DIMENSIONS,
        ConversationLists.METRICS, "ConversationAggregationDimension", "ConversationAggregationMetric"),
    USERS("users", List.of("userId"), List.of("userId"),
        List.of("tAgentRoutingStatus", "tOrganizationPresence", "tSystemPresence"),
        "UserAggregationDimension", "UserAggregationMetric");

    private final String pathName;
    private final Vocabulary groupBy;
    private final Vocabulary filterDimensions;
    private final Vocabulary metrics;

    AggregateEndpoint(String pathName, List<String> groupBy, List<String> filterDimensions, List<String> metrics,
                      String dimensionType, String metricType) {
        this.pathName = pathName;
        this.groupBy = new Vocabulary(dimensionType, groupBy);
        this.filterDimensions = new Vocabulary(dimensionType, filterDimensions);
        this.metrics = new Vocabulary(metricType, metrics);
    }

    /**
     * The endpoint named in /api/v2/analytics/{name}/aggregates/query (also groundTruth's argument), or null when
     * the simulator does not answer it.
     */
    public static AggregateEndpoint byPathName(String name) {
        for (AggregateEndpoint endpoint : values()) {
            if (endpoint.pathName.equals(name.toLowerCase(Locale.ROOT))) {
                return endpoint;
            }
        }
        return null;
    }

    Vocabulary groupBy() {
        return groupBy;
    }

    Vocabulary filterDimensions() {
        return filterDimensions;
    }

    Vocabulary metrics() {
        return metrics;
    }

    /** Genesys' conversation aggregates enumerations, .NET SDK 270.0.0. */
    private static final class ConversationLists {
        static final List<String> GROUP_BY = List.of(
            "activeRouting", "activeSkillId", "addressFrom", "addressTo", "agentAssistantId", "agentBullseyeRing",
            "agentOwned", "agentRank", "agentScore", "ani", "assignerId", "authenticated", "conversationId",
            "conversationInitiator", "convertedFrom", "convertedTo", "customerParticipation", "deliveryStatus",
            "destinationAddress", "direction", "disconnectType", "divisionId", "dnis", "edgeId",
            "eligibleAgentCount", "errorCode", "extendedDeliveryStatus", "externalContactId", "externalMediaCount",
            "externalOrganizationId", "externalTag", "firstQueue", "flaggedReason", "flowInType", "flowOutType",
            "groupId", "interactionType", "journeyActionId", "journeyActionMapId", "journeyActionMapVersion",
            "journeyCustomerId", "journeyCustomerIdType", "journeyCustomerSessionId",
            "journeyCustomerSessionIdType", "knowledgeBaseId", "mediaCount", "mediaType", "messageType",
            "originatingDirection", "originatingSocialMediaPublic", "outboundCampaignId", "outboundContactId",
            "outboundContactListId", "participantName", "peerId", "proposedAgentId", "provider", "purpose",
            "queueId", "remote", "removedSkillId", "requestedLanguageId", "requestedRouting",
            "requestedRoutingSkillId", "roomId", "routingPriority", "routingRing", "routingRule",
            "routingRuleType", "scoredAgentId", "selectedAgentId", "selectedAgentRank", "selfServed", "sessionDnis",
            "sessionId", "skillExpressionId", "stationId", "teamId", "usedRouting", "userId", "videoPresent",
            "waitingInteractionCount", "wrapUpCode");
        static final List<String> FILTER_DIMENSIONS = withCanonicalExternalContactId();
        static final List<String> METRICS = List.of(
            "nBlindTransferred", "nBotInteractions", "nCallbackAttempts", "nCallbackOverSla", "nCallbackScheduled",
            "nCfcOffered", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred", "nConversations",
            "nError", "nOffered", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected",
            "nOverSla", "nStateTransitionError", "nTakeover", "nTransferred", "oAudioMessageCount",
            "oCallbackServiceLevel", "oExternalAudioMessageCount", "oExternalMediaCount", "oMediaCount",
            "oMessageCount", "oMessageSegmentCount", "oMessageTurn", "oServiceLevel", "oServiceTarget",
            "oSkillExpressionApplications", "tAbandon", "tAcd", "tActiveCallback", "tActiveCallbackComplete", "tAcw",
            "tAgentResponseTime", "tAgentVideoConnected", "tAlert", "tAnswered", "tAverageAgentResponseTime",
            "tAverageCustomerResponseTime", "tBarging", "tCallbackAbandon", "tCallbackConnect",
            "tCallbackNotReached", "tCallbackVirtualWait", "tCfcAbandon", "tCfcAcd", "tCfcAnswered", "tCfcFlowOut",
            "tCoaching", "tCoachingComplete", "tConnected", "tContacting", "tDialing", "tFirstConnect",
            "tFirstDial", "tFirstEngagement", "tFirstResponse", "tFlowOut", "tHandle", "tHeld", "tHeldComplete",
            "tIvr", "tMonitoring", "tMonitoringComplete", "tNotResponding", "tPark", "tParkComplete",
            "tScreenMonitoring", "tShortAbandon", "tSnippetRecord", "tTalk", "tTalkComplete", "tTransmitting",
            "tUserResponseTime", "tVoicemail", "tWait");

        private static List<String> withCanonicalExternalContactId() {
            List<String> dimensions = new ArrayList<>(GROUP_BY);
            dimensions.add("canonicalExternalContactId");
            return List.copyOf(dimensions);
        }
    }
}
