package io.kcg.genesys.simulator.http;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Genesys' per-token limit: at most N requests in any rolling 60 s. Every request counts, rejected ones too (a
 * client that ignores Retry-After stays blocked), and the most requests any token had in a window goes to the
 * stats even with the limit off, so tests can check a client's own pacing. Runs on real (monotonic) time, never on
 * the simulated clock: a client's sleep is real.
 *
 * <p>Each admission also says what Genesys's {@code inin-ratelimit-*} headers carry: the allowance (the limit, or
 * {@link #UNLIMITED} when the limit is off), the requests counted in the token's window, and the seconds until the
 * oldest of them leaves it.
 */
public final class RateLimiter {

    /** The allowance reported when the limit is off. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** What one request was told: Retry-After seconds when refused (0 when admitted) and the header values. */
    public record Admission(int retryAfterSeconds, int allowed, int count, int resetSeconds) {
        boolean admitted() {
            return retryAfterSeconds == 0;
        }
    }

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LongSupplier nanoTime;
    private final StatsRecorder stats;
    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();
    private volatile int limitPerMinute;

    public RateLimiter(int limitPerMinute, StatsRecorder stats, LongSupplier nanoTime) {
        setLimitPerMinute(limitPerMinute);
        this.stats = stats;
        this.nanoTime = nanoTime;
    }

    public void setLimitPerMinute(int limitPerMinute) {
        if (limitPerMinute < 0) {
            throw new IllegalArgumentException("the rate limit cannot be negative");
        }
        this.limitPerMinute = limitPerMinute;
    }

    public int limitPerMinute() {
        return limitPerMinute;
    }

    /** Records a request of {@code token}: whether it is admitted, and what the rate-limit headers say. */
    public Admission admit(String token) {
        ArrayDeque<Long> window = windows.computeIfAbsent(token, t -> new ArrayDeque<>());
        synchronized (window) {
            long now = nanoTime.getAsLong();
            while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_NANOS) {
                window.pollFirst();
            }
            int limit = limitPerMinute;
            boolean over = limit > 0 && window.size() >= limit;
            window.addLast(now);
            stats.requestsInRollingMinute(window.size());
            int allowed = limit > 0 ? limit : UNLIMITED;
            int reset = seconds(window.peekFirst() + WINDOW_NANOS - now);
            if (!over) {
                return new Admission(0, allowed, window.size(), reset);
            }
            // Admission needs fewer than `limit` requests in the window, so the first size-limit+1 must age out.
            long frees = nth(window, window.size() - limit) + WINDOW_NANOS;
            return new Admission(seconds(frees - now), allowed, window.size(), reset);
        }
    }

    /** What the headers of an answer to a request that was not counted (no valid token) say. */
    public Admission uncounted() {
        int limit = limitPerMinute;
        return new Admission(0, limit > 0 ? limit : UNLIMITED, 0, 60);
    }

    /** Whole seconds, rounded up, at least 1. */
    private static int seconds(long nanos) {
        long seconds = (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
        return (int) Math.max(1, seconds);
    }

    private static long nth(ArrayDeque<Long> window, int index) {
        Iterator<Long> it = window.iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }
}
