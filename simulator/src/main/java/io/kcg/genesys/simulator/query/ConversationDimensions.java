package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.model.Conversation;
import io.kcg.genesys.simulator.model.Directory;

/**
 * The dimension values of a conversation's metrics. Queue-side metrics (nOffered, tWait, tAbandon, nOverSla,
 * oServiceLevel) carry no agent, so userId and wrapUpCode are absent from them; agent-side metrics carry both.
 * Grouping by userId therefore yields groups without userId for the queue-side metrics, as Genesys does.
 */
final class ConversationDimensions {

    private final Directory directory;

    ConversationDimensions(Directory directory) {
        this.directory = directory;
    }

    /** The value, or null when the dimension is absent (or one the model does not produce). */
    String value(String dimension, Conversation conversation, boolean agentSide) {
        return switch (dimension) {
            case "queueId" -> directory.queues().get(conversation.queueIndex()).id();
            case "divisionId" -> directory.division(directory.queues().get(conversation.queueIndex())).id();
            case "mediaType" -> conversation.media().wireName();
            case "direction", "originatingDirection" -> conversation.outbound() ? "outbound" : "inbound";
            case "conversationId" -> conversation.conversationId();
            case "userId" -> agentSide ? directory.agents().get(conversation.agentIndex()).id() : null;
            case "wrapUpCode" -> agentSide ? directory.wrapUpCodes().get(conversation.wrapUpIndex()).id() : null;
            default -> null;
        };
    }
}
