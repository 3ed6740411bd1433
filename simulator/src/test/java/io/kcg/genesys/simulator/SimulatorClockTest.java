package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorClockTest {

    @Test
    void aFixedClockMovesOnlyWhenToldTo() {
        SimulatorClock clock = SimulatorClock.fixed(Instant.parse("2026-03-10T00:00:00Z"));
        assertEquals(Instant.parse("2026-03-10T00:00:00Z"), clock.now());
        clock.advance(Duration.ofHours(3));
        assertEquals(Instant.parse("2026-03-10T03:00:00Z"), clock.now());
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.now());
    }

    @Test
    void aSystemClockFollowsRealTimeFromWhereItIsSet() {
        SimulatorClock clock = SimulatorClock.system();
        Instant before = Instant.now();
        assertTrue(!clock.now().isBefore(before));
        clock.set(Instant.parse("2020-01-01T00:00:00Z"));
        Instant shifted = clock.now();
        assertTrue(!shifted.isBefore(Instant.parse("2020-01-01T00:00:00Z")) && shifted.isBefore(before));
        clock.advance(Duration.ofDays(1));
        assertTrue(!clock.now().isBefore(Instant.parse("2020-01-02T00:00:00Z")));
    }
}
