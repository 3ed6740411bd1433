package io.kcg.genesys.client;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket that keeps a Genesys OAuth client under its per-minute request limit over <em>every</em> rolling
 * 60-second window, which is how Genesys counts.
 *
 * <p>A bucket of capacity {@code C} refilled at {@code r} per second lets through at most {@code C + 60 r} requests
 * in any 60 s window. So for a limit of {@code L} per minute:
 * <ul>
 *   <li>{@code C = clamp(L / 20, 1, 5)}: a short burst (a task's first queries, a few retries) goes out at once;</li>
 *   <li>{@code 60 r = max(L - C - m, L / 2)}, with a safety margin {@code m = max(1, ceil(L / 50))} for requests
 *       that reach the server closer together than they left (network jitter) and for a window that counts both of
 *       its ends.</li>
 * </ul>
 * E.g. 180/min: burst 5, then 171 per minute (at most 176 in any minute); 60/min: burst 3, then 55 per minute (at
 * most 58).
 * The bucket starts with one token, not full, so that a restarted JVM does not add a full burst on top of what the
 * previous one sent in the same minute.
 *
 * <p>Waiters reserve their slot under the lock and sleep outside it, first come first served. A waiter that is
 * interrupted gives up its slot (the bucket stays conservative). Lowering the rate applies to reservations made
 * after the change.
 */
final class RateLimiter {
    /** Waits a number of nanoseconds; tests advance a fake clock instead. */
    interface NanoSleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final double NANOS_PER_MINUTE = 60e9;

    private final LongSupplier nanoClock;
    private final NanoSleeper sleeper;
    private int perMinute;
    private double capacity;
    private double permitsPerNano;
    private double tokens;
    private long last;
    private long waits;

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    RateLimiter(int perMinute, LongSupplier nanoClock, NanoSleeper sleeper) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("requests per minute must be positive: " + perMinute);
        }
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.last = nanoClock.getAsLong();
        configure(perMinute);
        this.tokens = 1;
    }

    /** Blocks until a request may be sent. */
    void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Takes a token (possibly ahead of time) and returns how long to wait before using it. */
    synchronized long reserve() {
        refill();
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        waits++;
        return (long) Math.ceil(-tokens / permitsPerNano);
    }

    /** Applies a lower limit (another config of the same OAuth client asked for less); a higher one is ignored. */
    synchronized void lowerTo(int perMinute) {
        if (perMinute > 0 && perMinute < this.perMinute) {
            refill();
            configure(perMinute);
            tokens = Math.min(tokens, capacity);
        }
    }

    /** How many acquisitions had to wait so far. */
    synchronized long waits() {
        return waits;
    }

    synchronized int perMinute() {
        return perMinute;
    }

    /** The burst capacity for a limit. */
    static int capacityFor(int perMinute) {
        return Math.max(1, Math.min(5, perMinute / 20));
    }

    /** The sustained rate per minute for a limit, burst excluded. */
    static double sustainedPerMinute(int perMinute) {
        int margin = Math.max(1, (perMinute + 49) / 50);
        return Math.max(perMinute - capacityFor(perMinute) - margin, perMinute / 2.0);
    }

    private void configure(int perMinute) {
        this.perMinute = perMinute;
        this.capacity = capacityFor(perMinute);
        this.permitsPerNano = sustainedPerMinute(perMinute) / NANOS_PER_MINUTE;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * permitsPerNano);
            last = now;
        }
    }
}
