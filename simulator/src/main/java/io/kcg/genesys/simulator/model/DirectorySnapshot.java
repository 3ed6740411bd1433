package io.kcg.genesys.simulator.model;

import java.util.List;
import java.util.Map;

/**
 * The org's directory as the listings show it at one instant: what GET /api/v2/routing/queues, /api/v2/users,
 * /api/v2/routing/wrapupcodes and /api/v2/authorization/divisions answer then, in listing order.
 */
public record DirectorySnapshot(List<Queue> queues, List<User> users, List<WrapUpCode> wrapUpCodes,
                                List<Division> divisions) {

    /** A service level target of one media type: a share answered within a time. */
    public record ServiceLevel(double percentage, long durationMs) {
    }

    /** A queue; serviceLevels by the aggregates' media type (voice is Genesys's mediaSettings.call). */
    public record Queue(String id, String name, String divisionId, String divisionName,
                        Map<MediaType, ServiceLevel> serviceLevels) {
    }

    /** A user; state is active, inactive or deleted; managerId is null for a user without a manager. */
    public record User(String id, String name, String email, String state, String department, String title,
                       String managerId, String divisionId, String divisionName) {
    }

    public record WrapUpCode(String id, String name, String divisionId, String divisionName) {
    }

    public record Division(String id, String name, String description, boolean homeDivision) {
    }

    public Queue queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst().orElse(null);
    }

    public User user(String id) {
        return users.stream().filter(u -> u.id().equals(id)).findFirst().orElse(null);
    }
}
