package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers take the latency asked for, and every aggregates request lands in the request log, refused ones too. */
class LatencyAndRequestLogTest {

    private static final String QUERY = Queries.interval("2026-03-09T00:00:00Z/2026-03-09T06:00:00Z")
        .granularity("PT30M").groupBy("queueId").allMetrics().json();

    @Test
    void everyAnswerTakesAtLeastTheLowerLatencyAndTheLogHoldsEveryRequest() throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(5).fixedClock(Instant.parse("2026-03-10T00:00:00Z"))
            .latency(Duration.ofMillis(300), Duration.ofMillis(500)).rateLimitPerMinute(3).build().start()) {
            Http http = new Http(sim);
            String token = http.token();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, QUERY);
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, response.statusCode());
                assertTrue(tookMillis >= 300, "answered after " + tookMillis + " ms");
            }
            long refusedStarted = System.nanoTime();
            assertEquals(429, http.post(Http.CONVERSATIONS, token, QUERY).statusCode(), "over the rate limit");
            assertTrue((System.nanoTime() - refusedStarted) / 1_000_000 < 300, "a refusal does not wait");

            List<RequestLogEntry> log = sim.requestLog();
            assertEquals(4, log.size());
            assertEquals(QUERY, log.get(0).body());
            assertEquals("conversations", log.get(0).endpoint());
            for (int i = 1; i < log.size(); i++) {
                assertTrue(log.get(i).arrivedAtMillis() - log.get(i - 1).arrivedAtMillis() >= (i < 3 ? 300 : 0),
                    "requests of one caller arrive one latency apart");
            }
            sim.resetStats();
            assertEquals(List.of(), sim.requestLog());
        }
    }

    @Test
    void theLatencyOptionTakesARangeOrOneValue() {
        GenesysSimulator range = SimulatorOptions.parse(new String[] {"--latency", "1000..3000"}).builder().build();
        assertEquals(Duration.ofSeconds(1), range.latencyMin());
        assertEquals(Duration.ofSeconds(3), range.latencyMax());
        GenesysSimulator one = SimulatorOptions.parse(new String[] {"--latency=PT2S"}).builder().build();
        assertEquals(Duration.ofSeconds(2), one.latencyMin());
        assertEquals(Duration.ofSeconds(2), one.latencyMax());
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--latency=PT3S..PT1S"})
            .builder().build());
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--latency", "x"}));
    }
}
