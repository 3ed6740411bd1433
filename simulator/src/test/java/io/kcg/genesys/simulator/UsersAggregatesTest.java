package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersAggregatesTest {

    private static final String DAY = "2026-03-09T00:00:00Z/2026-03-10T00:00:00Z";
    private static final GenesysSimulator SIM = GenesysSimulator.builder().seed(4)
        .fixedClock(Instant.parse("2026-03-10T00:00:00Z")).build();

    @Test
    void timeInStatusAddsUpToEachBucketPerAgentWithAQualifierPerStatus() {
        Rows rows = Rows.parse(SIM.groundTruth("users", Queries.interval(DAY).granularity("PT30M").groupBy("userId")
            .metrics("tAgentRoutingStatus", "tSystemPresence").json()));
        assertEquals(Set.copyOf(SIM.userIds()), rows.groups().stream().map(g -> g.get("userId")).collect(Collectors.toSet()));
        for (String metric : new String[] {"tAgentRoutingStatus", "tSystemPresence"}) {
            Map<String, Long> perAgentBucket = rows.metric(metric).rows().stream().collect(Collectors.groupingBy(
                r -> r.group().get("userId") + r.interval(), Collectors.summingLong(r -> r.stats().get("sum").asLong())));
            assertEquals(SIM.userIds().size() * 48, perAgentBucket.size());
            perAgentBucket.values().forEach(ms -> assertEquals(1_800_000L, ms));
        }
        Set<String> routing = new HashSet<>();
        rows.metric("tAgentRoutingStatus").rows().forEach(r -> routing.add(r.qualifier()));
        assertEquals(Set.of("OFF_QUEUE", "IDLE", "INTERACTING", "NOT_RESPONDING"), routing);
        Set<String> presence = new HashSet<>();
        rows.metric("tSystemPresence").rows().forEach(r -> presence.add(r.qualifier()));
        assertTrue(presence.containsAll(Set.of("ON_QUEUE", "OFFLINE")), presence.toString());
    }

    @Test
    void timeCountsOnlyUpToNow() {
        GenesysSimulator sim = GenesysSimulator.builder().seed(4).fixedClock(Instant.parse("2026-03-09T10:10:00Z"))
            .build();
        Rows rows = Rows.parse(sim.groundTruth("users", Queries.interval("2026-03-09T10:00:00Z/2026-03-09T10:30:00Z")
            .groupBy("userId").metrics("tSystemPresence").json()));
        Map<String, Long> perAgent = rows.rows().stream().collect(Collectors.groupingBy(r -> r.group().get("userId"),
            Collectors.summingLong(r -> r.stats().get("sum").asLong())));
        perAgent.values().forEach(ms -> assertEquals(600_000L, ms));
    }

    @Test
    void organisationPresencesMapToSystemPresencesAndFiltersSelectAnAgent() throws Exception {
        String agent = SIM.userIds().get(3);
        String query = Queries.interval(DAY).groupBy("userId").metrics("tOrganizationPresence")
            .filter("{\"type\":\"or\",\"predicates\":[{\"dimension\":\"userId\",\"value\":\"" + agent + "\"}]}").json();
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(4)
            .fixedClock(Instant.parse("2026-03-10T00:00:00Z")).build().start()) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post("/api/v2/analytics/users/aggregates/query", http.token(), query);
            assertEquals(200, response.statusCode());
            JsonNode body = Http.json(response);
            Set<String> organisationIds = new HashSet<>();
            body.get("systemToOrganizationMappings").forEach(ids -> ids.forEach(id -> organisationIds.add(id.asText())));
            Rows rows = Rows.parse(response.body());
            assertEquals(Set.of(agent), rows.groups().stream().map(g -> g.get("userId")).collect(Collectors.toSet()));
            rows.rows().forEach(r -> assertTrue(organisationIds.contains(r.qualifier()), r.qualifier()));
        }
    }

    @Test
    void usersAcceptOnlyUserDimensionsAndPresenceMetrics() {
        assertEquals("invalid.value", assertThrows(GenesysApiException.class, () -> SIM.groundTruth("users",
            Queries.interval(DAY).groupBy("queueId").metrics("tSystemPresence").json())).code());
        assertEquals("invalid.value", assertThrows(GenesysApiException.class, () -> SIM.groundTruth("users",
            Queries.interval(DAY).metrics("nOffered").json())).code());
    }
}
