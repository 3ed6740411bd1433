package io.kcg.genesys.simulator.http;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long an aggregates answer takes, as Genesys's take one to a few seconds: each answer goes out no sooner than a
 * time drawn uniformly from [min, max] after its request arrived (the simulator's own computing counts towards it).
 * Zero by default. Thread-safe; the draws are seeded but, with concurrent requests, not in a fixed order.
 */
public final class Latency {
    private final SplittableRandom random;
    private volatile Duration min = Duration.ZERO;
    private volatile Duration max = Duration.ZERO;

    public Latency(long seed) {
        this.random = new SplittableRandom(seed ^ 0x1a7e4c7L);
    }

    public void set(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("the latency needs 0 <= min <= max: " + min + ", " + max);
        }
        synchronized (this) {
            this.min = min;
            this.max = max;
        }
    }

    public synchronized Duration min() {
        return min;
    }

    public synchronized Duration max() {
        return max;
    }

    /** The latency of the next answer, in milliseconds. */
    synchronized long drawMillis() {
        long low = min.toMillis();
        long high = max.toMillis();
        return high == low ? low : low + random.nextLong(high - low + 1);
    }
}
