package io.kcg.genesys.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultTest {

    private static final String QUERY = Queries.interval("2026-03-09T00:00:00Z/2026-03-09T06:00:00Z")
        .granularity("PT30M").groupBy("queueId").allMetrics().json();

    private static GenesysSimulator simulator(FaultPlan plan) {
        return GenesysSimulator.builder().seed(13).fixedClock(Instant.parse("2026-03-10T00:00:00Z"))
            .faults(plan).build().start();
    }

    @Test
    void aTruncatedAnswerIsA200WhoseBodyIsAPrefixOfTheJsonAndNotJson() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().withTruncated(1.0))) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(200, response.statusCode());
            String full = sim.groundTruth("conversations", QUERY);
            assertTrue(!response.body().isEmpty() && response.body().length() < full.length());
            assertTrue(full.startsWith(response.body()));
            assertThrows(JsonProcessingException.class, () -> Rows.JSON.readTree(response.body()));
            assertEquals(1, sim.stats().truncated());
            assertEquals(1, sim.stats().ok200(), "only the token answer was a complete 200");
        }
    }

    @Test
    void anUnavailableAnswerIs503WithErrorBody() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().with503(1.0))) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(503, response.statusCode());
            assertEquals("service.unavailable", Http.json(response).get("code").asText());
            assertEquals(1, sim.stats().sent503());
        }
    }

    @Test
    void anInjected429CarriesTheConfiguredRetryAfter() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().with429(1.0, 2))) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(429, response.statusCode());
            assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("too.many.requests.retry.after", Http.json(response).get("code").asText());
            assertEquals("Rate limit exceeded the maximum. Retry the request in [2] seconds",
                Http.json(response).get("message").asText());
            assertEquals(0, sim.stats().rateLimited(), "not the rate limit's doing");
            RawHttp.Answer raw = RawHttp.post(sim, Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals("HTTP/1.1 429 Too Many Requests", raw.statusLine());
            assertTrue(raw.names().contains("Retry-After"), "spelled as Genesys does: " + raw.names());
        }
    }

    @Test
    void injected500502And504LookAsGenesysAndItsGatewaySendThem() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().with500(1.0))) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(500, response.statusCode());
            assertEquals("internal.server.error", Http.json(response).get("code").asText());
            sim.setFaults(FaultPlan.none().with502(1.0));
            response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(502, response.statusCode());
            assertTrue(response.body().contains("<h1>502 Bad Gateway</h1>"), response.body());
            assertEquals("text/html", response.headers().firstValue("Content-Type").orElseThrow());
            sim.setFaults(FaultPlan.none().with504(1.0));
            response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(504, response.statusCode());
            assertEquals("request.timeout", Http.json(response).get("code").asText());
            assertEquals(504, Http.json(response).get("status").asInt());
            SimulatorStats stats = sim.stats();
            assertEquals(List.of(1L, 1L, 1L), List.of(stats.sent500(), stats.sent502(), stats.sent504()));
        }
    }

    @Test
    void anAnswerOverTheSizeLimitIsResponseEntityTooLarge() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none())) {
            Http http = new Http(sim);
            String token = http.token();
            int size = sim.groundTruth("conversations", QUERY).length();
            sim.setMaxResponseBytes(size);
            assertEquals(200, http.post(Http.CONVERSATIONS, token, QUERY).statusCode(), "at the limit: served");
            sim.setMaxResponseBytes(size - 1);
            HttpResponse<String> refused = http.post(Http.CONVERSATIONS, token, QUERY);
            assertEquals(400, refused.statusCode());
            assertEquals("response.entity.too.large", Http.json(refused).get("code").asText());
            assertTrue(Http.json(refused).get("message").asText().contains(size + " bytes"), refused.body());
            String half = Queries.interval("2026-03-09T00:00:00Z/2026-03-09T03:00:00Z").granularity("PT30M")
                .groupBy("queueId").allMetrics().json();
            assertEquals(200, http.post(Http.CONVERSATIONS, token, half).statusCode(), "a shorter interval fits");
            assertEquals(1, sim.stats().tooLarge());
        }
    }

    @Test
    void aDroppedConnectionGivesNoResponseAtAll() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().withDropped(1.0))) {
            Http http = new Http(sim);
            String token = http.token();
            assertThrows(IOException.class, () -> http.post(Http.CONVERSATIONS, token, QUERY));
            assertEquals(1, sim.stats().dropped());
        }
    }

    @Test
    void aSlowAnswerIsStillAFullAnswer() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().withSlow(1.0, Duration.ofMillis(20)))) {
            Http http = new Http(sim);
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), QUERY);
            assertEquals(200, response.statusCode());
            assertEquals(sim.groundTruth("conversations", QUERY), response.body());
            assertEquals(1, sim.stats().slowed());
        }
    }

    @Test
    void faultsOnlyHitAggregatesRequests() throws Exception {
        try (GenesysSimulator sim = simulator(FaultPlan.none().with503(1.0))) {
            Http http = new Http(sim);
            String token = http.token();
            assertEquals(200, http.get("/api/v2/routing/queues", token).statusCode());
            assertEquals(503, http.post(Http.CONVERSATIONS, token, QUERY).statusCode());
            sim.setFaults(FaultPlan.none());
            assertEquals(200, http.post(Http.CONVERSATIONS, token, QUERY).statusCode());
        }
    }

    @Test
    void theSameSeedInjectsTheSameFaultsInTheSameOrder() throws Exception {
        FaultPlan plan = FaultPlan.none().with503(0.3).with429(0.2, 1);
        List<Integer> first = statuses(plan);
        assertEquals(first, statuses(plan));
        assertTrue(first.contains(200) && first.contains(503) && first.contains(429), first.toString());
    }

    private static List<Integer> statuses(FaultPlan plan) throws Exception {
        try (GenesysSimulator sim = simulator(plan)) {
            Http http = new Http(sim);
            String token = http.token();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(http.post(Http.CONVERSATIONS, token, QUERY).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void planSharesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.none().with503(1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.none().with503(0.6).withTruncated(0.6));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.none().with500(0.5).with504(0.6));
    }

    @Test
    void newFaultsWithZeroSharesLeaveTheSeededSequenceAsItWas() throws Exception {
        FaultPlan plan = FaultPlan.none().with503(0.3).with429(0.2, 1);
        assertEquals(statuses(plan), statuses(plan.with500(0).with502(0).with504(0)));
        List<Integer> all = statuses(FaultPlan.none().with500(0.25).with502(0.25).with504(0.25));
        assertTrue(all.contains(500) && all.contains(502) && all.contains(504) && all.contains(200), all.toString());
    }
}
