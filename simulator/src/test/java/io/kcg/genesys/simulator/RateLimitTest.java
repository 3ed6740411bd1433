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
            assertEquals("too.many.requests", Http.json(limited).get("code").asText());
            assertEquals("Rate limit exceeded the maximum [3] requests within [60] seconds",
                Http.json(limited).get("message").asText());

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
        assertEquals(0, limiter.admit("t"));
        now.set(TimeUnit.SECONDS.toNanos(10));
        assertEquals(0, limiter.admit("t"));
        now.set(TimeUnit.SECONDS.toNanos(20));
        // Requests at 0 s, 10 s and (rejected) 20 s: two must age out, the one of 10 s does at 70 s.
        assertEquals(50, limiter.admit("t"));
        now.set(TimeUnit.SECONDS.toNanos(69) + 1);
        // 10 s and the rejected 20 s are in the window; the 20 s one ages out at 80 s (rounded up).
        assertEquals(11, limiter.admit("t"));
        now.set(TimeUnit.SECONDS.toNanos(80));
        assertEquals(0, limiter.admit("t"));
        assertEquals(3, stats.snapshot().maxRequestsInAnyRollingMinute());
    }
}
