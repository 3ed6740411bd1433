package io.kcg.genesys.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The connector's testing.clock.class in the benchmarks: a "now" the benchmark sets, so that a backfill ends where the
 * benchmark says instead of at today's date, and a benchmark that follows a query over days moves it. The task reads
 * it on every call; the worker runs in the benchmark's JVM, hence a static.
 */
public final class BenchClock implements Supplier<Clock> {
    private static volatile Instant now = Instant.EPOCH;

    static void set(Instant instant) {
        now = instant;
    }

    @Override
    public Clock get() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }
}
