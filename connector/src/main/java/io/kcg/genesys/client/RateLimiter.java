package io.kcg.genesys.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the requests of one Genesys OAuth client in this JVM: a token bucket that keeps them under a per-minute
 * limit over <em>every</em> rolling 60-second window, which is how Genesys counts, and that follows what Genesys
 * says about the client's allowance.
 *
 * <h2>The interface</h2>
 * <ul>
 *   <li>{@link #acquire(NanoSleeper)} before each request; it waits (through the caller's sleeper, which a closing
 *       client can cut short) until the request may go.</li>
 *   <li>{@link #observe(RateLimitHeaders)} after each answer: {@code inin-ratelimit-allowed} lowers the pace to what
 *       Genesys allows (never above the configured limit, and back up to it when Genesys allows more again); an
 *       allowance used up ({@code count >= allowed}) holds every request until {@code inin-ratelimit-reset}.</li>
 *   <li>{@link #lowerTo(int)}: another config of the same OAuth client asked for less.</li>
 * </ul>
 *
 * <h2>The bucket</h2>
 * A bucket of capacity {@code C} refilled at {@code r} per second lets through at most {@code C + 60 r} requests
 * in any 60 s window. So for a limit of {@code L} per minute:
 * <ul>
 *   <li>{@code C = clamp(L / 20, 1, 5)}: a short burst (a task's first queries, a few retries) goes out at once;</li>
 *   <li>{@code 60 r = max(L - C - m, L / 2)}, with a safety margin {@code m = max(1, ceil(L / 50))} for requests
 *       that reach the server closer together than they left (network jitter) and for a window that counts both of
 *       its ends.</li>
 * </ul>
 * E.g. 180/min: burst 5, then 171 per minute (at most 176 in any minute); 60/min: burst 3, then 55 per minute (at
 * most 58). The bucket starts with one token, not full, so that a restarted JVM does not add a full burst on top of
 * what the previous one sent in the same minute.
 *
 * <p>Waiters reserve their slot under the lock and sleep outside it, first come first served. A waiter that is
 * interrupted gives up its slot (the bucket stays conservative). A change of pace applies to reservations made
 * after it; a pause also holds the waiters that reserved before it.
 */
final class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    /** Waits a number of nanoseconds; tests advance a fake clock instead. */
    interface NanoSleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** The longest a used-up allowance holds the requests: Genesys counts per minute. */
    static final Duration LONGEST_RESET = Duration.ofSeconds(60);

    private static final double NANOS_PER_MINUTE = 60e9;

    private final LongSupplier nanoClock;
    private int configured;
    private int allowed;
    private int perMinute;
    private double capacity;
    private double permitsPerNano;
    private double tokens;
    private long last;
    private long pausedUntil;
    private long waits;

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier nanoClock) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("requests per minute must be positive: " + perMinute);
        }
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong();
        this.pausedUntil = last;
        this.configured = perMinute;
        configure(perMinute);
        this.tokens = 1;
    }

    /** Blocks until a request may be sent, waiting through {@code sleeper}. */
    void acquire(NanoSleeper sleeper) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        while (true) {
            long pause = pauseLeft();
            if (pause > 0) {
                sleeper.sleepNanos(pause);
                continue;
            }
            long wait = reserve();
            if (wait > 0) {
                sleeper.sleepNanos(wait);
            }
            if (pauseLeft() <= 0) {
                return;
            }
            // A pause began while this request waited for its slot: it waits for the pause too.
        }
    }

    /** Takes a token (possibly ahead of time) and returns how long to wait before using it. */
    synchronized long reserve() {
        refill();
        tokens -= 1;
        long ahead = Math.max(0, last - nanoClock.getAsLong()); // the bucket refills from the end of a pause
        if (tokens >= 0 && ahead == 0) {
            return 0;
        }
        waits++;
        return ahead + (tokens < 0 ? (long) Math.ceil(-tokens / permitsPerNano) : 0);
    }

    /** Follows Genesys's {@code inin-ratelimit-*} headers of an answer (absent values change nothing). */
    synchronized void observe(RateLimitHeaders headers) {
        if (headers.allowed() > 0 && headers.allowed() != allowed) {
            allowed = headers.allowed();
            int pace = Math.min(configured, allowed);
            if (pace != perMinute) {
                LOG.info("Genesys allows {} requests per minute to this OAuth client (inin-ratelimit-allowed); the "
                        + "connector paces at {} (its limit is {})", allowed, pace, configured);
                refill();
                configure(pace);
                tokens = Math.min(tokens, capacity);
            }
        }
        if (headers.allowed() > 0 && headers.count() >= headers.allowed() && headers.resetSeconds() > 0) {
            Duration reset = Duration.ofSeconds(Math.min(headers.resetSeconds(), LONGEST_RESET.toSeconds()));
            LOG.info("This OAuth client used its whole allowance of {} requests (inin-ratelimit-count {}); holding "
                    + "requests for {} s (inin-ratelimit-reset)", headers.allowed(), headers.count(), reset.toSeconds());
            pauseUntil(nanoClock.getAsLong() + reset.toNanos());
        }
    }

    private void pauseUntil(long until) {
        if (until - pausedUntil > 0) {
            pausedUntil = until;
            refill();
            tokens = Math.min(tokens, 0); // no burst right after the pause either: the bucket refills from its end
            last = until;
        }
    }

    private synchronized long pauseLeft() {
        return pausedUntil - nanoClock.getAsLong();
    }

    /** Applies a lower limit (another config of the same OAuth client asked for less); a higher one is ignored. */
    synchronized void lowerTo(int perMinute) {
        if (perMinute > 0 && perMinute < configured) {
            configured = perMinute;
            int pace = allowed > 0 ? Math.min(configured, allowed) : configured;
            refill();
            configure(pace);
            tokens = Math.min(tokens, capacity);
        }
    }

    /** How many acquisitions had to wait for a slot so far. */
    synchronized long waits() {
        return waits;
    }

    /** The pace now: the configured limit, or less when Genesys allows less. */
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
