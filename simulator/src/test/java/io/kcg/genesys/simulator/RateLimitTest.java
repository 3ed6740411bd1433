package io.kcg.genesys.simulator;

import io.kcg.genesys.simulator.http.RateLimiter;
import io.kcg.genesys.simulator.http.StatsRecorder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

    @Test
    void overTheLimitATokenGets429WithRetryAfterAndTheGenesysBody() throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().rateLimitPerMinute(3).build().start()) {
            Http http = new Http(sim);
            String token = http.token();
            String query = Queries.interval("2026-03-09T00:00:00Z/2026-03-09T01:00:00Z").metrics("nOffered").json();
            assertEquals(200, http.post(Http.CONVERSATIONS, token, query).statusCode());
            assertEquals(200, http.get("/api/v2/routing/queues", token).statusCode());
            assertEquals(200, http.get("/api/v2/users", token).statusCode());

            HttpResponse<String> limited = http.post(Http.CONVERSATIONS, token, query);
            assertEquals(429, limited.statusCode());
            int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals("too.many.requests.retry.after", Http.json(limited).get("code").asText());
            assertEquals("Rate limit exceeded the maximum. Retry the request in [" + retryAfter + "] seconds",
                Http.json(limited).get("message").asText());
            assertEquals(429, Http.json(limited).get("status").asInt());
            assertEquals("3", limited.headers().firstValue("inin-ratelimit-allowed").orElseThrow());
            assertEquals("4", limited.headers().firstValue("inin-ratelimit-count").orElseThrow());

            assertEquals(200, http.get("/api/v2/users", http.token()).statusCode(), "each token has its own budget");
            SimulatorStats stats = sim.stats();
            assertEquals(1, stats.rateLimited());
            assertEquals(1, stats.sent429());
            assertEquals(4, stats.maxRequestsInAnyRollingMinute(), "the rejected request counts too");

            sim.setRateLimitPerMinute(0);
            assertEquals(200, http.get("/api/v2/users", token).statusCode());
            sim.resetStats();
            assertEquals(0, sim.stats().maxRequestsInAnyRollingMinute());
        }
    }

    @Test
    void retryAfterIsTheTimeUntilASlotFrees() {
        AtomicLong now = new AtomicLong();
        StatsRecorder stats = new StatsRecorder();
        RateLimiter limiter = new RateLimiter(2, stats, now::get);
        assertEquals(new RateLimiter.Admission(0, 2, 1, 60), limiter.admit("t"));
        now.set(TimeUnit.SECONDS.toNanos(10));
        assertEquals(new RateLimiter.Admission(0, 2, 2, 50), limiter.admit("t"), "the 0 s request leaves at 60 s");
        now.set(TimeUnit.SECONDS.toNanos(20));
        // Requests at 0 s, 10 s and (rejected) 20 s: two must age out, the one of 10 s does at 70 s.
        assertEquals(50, limiter.admit("t").retryAfterSeconds());
        now.set(TimeUnit.SECONDS.toNanos(69) + 1);
        // 10 s and the rejected 20 s are in the window; the 20 s one ages out at 80 s (rounded up).
        RateLimiter.Admission late = limiter.admit("t");
        assertEquals(11, late.retryAfterSeconds());
        assertEquals(3, late.count());
        now.set(TimeUnit.SECONDS.toNanos(80));
        assertEquals(0, limiter.admit("t").retryAfterSeconds());
        assertEquals(3, stats.snapshot().maxRequestsInAnyRollingMinute());
    }

    @Test
    void everyApiAnswerCarriesTheRateLimitHeadersAsGenesysSpellsThem() throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().rateLimitPerMinute(100).build().start()) {
            Http http = new Http(sim);
            String token = http.token();
            String query = Queries.interval("2026-03-09T00:00:00Z/2026-03-09T01:00:00Z").metrics("nOffered").json();
            http.post(Http.CONVERSATIONS, token, query);
            http.get("/api/v2/routing/queues", token);
            RawHttp.Answer ok = RawHttp.post(sim, Http.CONVERSATIONS, token, query);
            assertEquals("HTTP/1.1 200 OK", ok.statusLine());
            assertEquals("3", ok.header("inin-ratelimit-count"));
            assertEquals("100", ok.header("inin-ratelimit-allowed"));
            int reset = Integer.parseInt(ok.header("inin-ratelimit-reset"));
            assertTrue(reset >= 1 && reset <= 60, "reset " + reset);
            assertTrue(ok.names().containsAll(java.util.List.of("inin-ratelimit-count", "inin-ratelimit-allowed",
                "inin-ratelimit-reset", "ININ-Correlation-Id")), "spelled as Genesys does: " + ok.names());

            RawHttp.Answer refused = RawHttp.post(sim, Http.CONVERSATIONS, "not-a-token", query);
            assertEquals(401, refused.status());
            assertEquals("0", refused.header("inin-ratelimit-count"), "a request without a valid token is not counted");
            sim.setRateLimitPerMinute(0);
            assertEquals(String.valueOf(Integer.MAX_VALUE),
                RawHttp.post(sim, Http.CONVERSATIONS, token, query).header("inin-ratelimit-allowed"), "no limit");
        }
    }
}
