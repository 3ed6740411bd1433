package io.kcg.genesys.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The simulator's notion of now: what data is visible, which restatement jobs have run, when tokens expire. Either
 * fixed (moves only when told) or following real time; both can be set and advanced, which shifts them by an
 * offset. Thread-safe. Rate limiting deliberately ignores it and uses real time.
 */
public final class SimulatorClock {

    private final Clock source;
    private Duration offset = Duration.ZERO;

    private SimulatorClock(Clock source) {
        this.source = source;
    }

    public static SimulatorClock fixed(Instant instant) {
        return new SimulatorClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    public static SimulatorClock system() {
        return new SimulatorClock(Clock.systemUTC());
    }

    public synchronized Instant now() {
        return source.instant().plus(offset);
    }

    public synchronized void set(Instant instant) {
        offset = Duration.between(source.instant(), instant);
    }

    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }
}
