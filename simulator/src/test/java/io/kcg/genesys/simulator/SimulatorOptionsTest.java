package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorOptionsTest {

    @Test
    void flagsConfigureTheSimulator() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(new String[] {"--port", "0", "--seed", "99", "--queues=2",
            "--agents-per-queue", "4", "--client-id", "cid", "--client-secret", "sec", "--token-lifetime", "PT2H",
            "--rate-limit", "120", "--fault-503", "0.1", "--fault-429", "0.05", "--fault-429-retry-after", "3",
            "--fault-truncated", "0.02", "--fault-dropped", "0.01", "--fault-slow", "0.05",
            "--fault-slow-delay", "300", "--restatement-horizon", "P21D"});
        try (GenesysSimulator sim = options.builder().build().start()) {
            assertEquals(99, sim.seed());
            assertEquals(2, sim.queueIds().size());
            assertEquals(8, sim.userIds().size());
            assertEquals("cid", sim.clientId());
            assertEquals(120, sim.rateLimitPerMinute());
            assertEquals(Duration.ofDays(21), sim.restatementHorizon());
            FaultPlan faults = sim.faults();
            assertEquals(0.1, faults.unavailableShare());
            assertEquals(0.05, faults.tooManyRequestsShare());
            assertEquals(3, faults.retryAfterSeconds());
            assertEquals(0.02, faults.truncatedShare());
            assertEquals(0.01, faults.droppedShare());
            assertEquals(Duration.ofMillis(300), faults.slowDelay());
            Http http = new Http(sim);
            assertEquals(7200, Http.json(http.token("cid", "sec", "grant_type=client_credentials"))
                .get("expires_in").asLong());
        }
    }

    @Test
    void tokenLifetimeAcceptsSeconds() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(new String[] {"--port", "0", "--token-lifetime", "90"});
        try (GenesysSimulator sim = options.builder().build().start()) {
            Http http = new Http(sim);
            assertEquals(90, Http.json(http.token("demo-client", "demo-secret", "grant_type=client_credentials"))
                .get("expires_in").asLong());
        }
    }

    @Test
    void theRestatementHorizonAcceptsDaysAndDefaultsToFourteen() {
        assertEquals(Duration.ofDays(30), SimulatorOptions.parse(new String[] {"--restatement-horizon", "30"}).builder()
            .build().restatementHorizon());
        assertEquals(Duration.ofDays(14), SimulatorOptions.parse(new String[0]).builder().build().restatementHorizon());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> SimulatorOptions.parse(new String[] {"--restatement-horizon", "PT1H"})).getMessage().contains("48"));
    }

    @Test
    void badFlagsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> SimulatorOptions.parse(new String[] {"--nope", "1"})).getMessage().contains("--nope"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> SimulatorOptions.parse(new String[] {"--port", "x"})).getMessage().contains("--port"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--seed"}));
        assertTrue(SimulatorOptions.parse(new String[] {"--help"}).help());
    }
}
