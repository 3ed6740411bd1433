package io.kcg.genesys.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The connector's testing.clock.class in the benchmarks: a fixed "now", so that a backfill ends where the benchmark
 * says instead of at today's date. The worker runs in the benchmark's JVM, hence a static.
 */
public final class BenchClock implements Supplier<Clock> {
    private static volatile Instant now = Instant.EPOCH;

    static void set(Instant instant) {
        now = instant;
    }

    @Override
    public Clock get() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
