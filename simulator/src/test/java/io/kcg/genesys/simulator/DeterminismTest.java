package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest {

    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final String DAY = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z")
        .granularity("PT30M").groupBy("queueId", "userId", "direction", "wrapUpCode").allMetrics().json();

    private static GenesysSimulator simulator(long seed) {
        return GenesysSimulator.builder().seed(seed).queues(3).agentsPerQueue(8).fixedClock(NOW).build();
    }

    @Test
    void sameSeedGivesTheSameOrganisationAndTheSameAnswers() {
        GenesysSimulator a = simulator(7);
        GenesysSimulator b = simulator(7);
        assertEquals(a.queueIds(), b.queueIds());
        assertEquals(a.userIds(), b.userIds());
        String answer = a.groundTruth("conversations", DAY);
        assertFalse(Rows.parse(answer).isEmpty());
        assertEquals(answer, b.groundTruth("conversations", DAY));
        String users = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").granularity("PT1H")
            .groupBy("userId").metrics("tAgentRoutingStatus").json();
        assertEquals(a.groundTruth("users", users), b.groundTruth("users", users));
    }

    @Test
    void differentSeedsGiveDifferentOrganisationsAndData() {
        GenesysSimulator a = simulator(7);
        GenesysSimulator b = simulator(8);
        assertNotEquals(a.queueIds(), b.queueIds());
        assertNotEquals(a.userIds(), b.userIds());
        String total = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").allMetrics().json();
        assertNotEquals(a.groundTruth("conversations", total), b.groundTruth("conversations", total));
    }

    @Test
    void httpAnswersExactlyWhatGroundTruthSays() throws Exception {
        try (GenesysSimulator sim = simulator(7).start()) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), DAY);
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(sim.groundTruth("conversations", DAY), response.body());
        }
    }
}
