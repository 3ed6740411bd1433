package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.model.AgentStatusModel;
import io.kcg.genesys.simulator.model.ConversationGenerator;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.model.Restatement;

/**
 * The aggregates API without HTTP: a query body in, the response body out, as a pure function of the model's seed,
 * the body and the clock time. Both the server and {@code groundTruth} answer through it, so they always agree.
 */
public final class AggregatesService {

    private final ConversationAggregator conversations;
    private final UserAggregator users;

    /**
     * @param extendedStats whether timers carry p95/p99 and now and then lack min, as real payloads do
     */
    public AggregatesService(Directory directory, ConversationGenerator generator, Restatement restatement,
                             AgentStatusModel agentStatus, long seed, boolean extendedStats) {
        this.conversations = new ConversationAggregator(generator, restatement, new ConversationDimensions(directory),
            seed, extendedStats);
        this.users = new UserAggregator(agentStatus);
    }

    /** The response body (JSON), or a GenesysApiException with the status and code the API would answer. */
    public byte[] answer(AggregateEndpoint endpoint, byte[] body, long nowMs) throws GenesysApiException {
        AggregateQuery query = new QueryParser(endpoint).parse(body);
        return switch (endpoint) {
            case CONVERSATIONS -> conversations.answer(query, nowMs);
            case USERS -> users.answer(query, nowMs);
        };
    }
}
