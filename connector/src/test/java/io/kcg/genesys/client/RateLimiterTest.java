package io.kcg.genesys.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when the limiter sleeps or the test says so. */
    private static final class FakeTime {
        long now = 1_000 * SECOND;
        final List<Long> sleeps = new ArrayList<>();

        RateLimiter limiter(int perMinute) {
            return new RateLimiter(perMinute, () -> now);
        }

        void acquire(RateLimiter limiter) throws InterruptedException {
            limiter.acquire(nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }
    }

    /** The most grants in any closed window [t, t + 60 s]. */
    private static int maxInAnyMinute(List<Long> grants) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < grants.size(); to++) {
            while (grants.get(to) - grants.get(from) > 60 * SECOND) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 60, 180, 300, 1000})
    void neverMoreThanTheLimitInAnyRollingMinute(int perMinute) {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(perMinute);
        Random random = new Random(perMinute);
        List<Long> grants = new ArrayList<>();
        int n = Math.max(30, perMinute * 5);
        for (int i = 0; i < n; i++) {
            if (i < n / 2 && random.nextInt(10) == 0) {
                time.now += random.nextInt(90) * SECOND; // idle spells let a burst build up
            }
            assertDoesNotThrowInterrupted(time, limiter);
            grants.add(time.now);
        }
        int max = maxInAnyMinute(grants);
        assertTrue(max <= perMinute, max + " requests in one minute with a limit of " + perMinute);
        // the second half asks without pause: it should get close to the limit
        assertTrue(max >= perMinute * 0.9 || perMinute < 10, "the limiter should not be far too strict: " + max);
    }

    @Test
    void aShortBurstGoesOutAtOnceThenRequestsArePaced() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(180);
        time.now += 60 * SECOND; // idle: the bucket fills to its capacity
        for (int i = 0; i < RateLimiter.capacityFor(180); i++) {
            time.acquire(limiter);
        }
        assertEquals(List.of(), time.sleeps, "the burst does not wait");
        time.acquire(limiter);
        assertEquals(1, time.sleeps.size());
        double expected = 60.0 * SECOND / RateLimiter.sustainedPerMinute(180);
        assertEquals(expected, time.sleeps.get(0), expected * 0.01);
        assertEquals(5, RateLimiter.capacityFor(180));
        assertEquals(3, RateLimiter.capacityFor(60));
        assertEquals(171.0, RateLimiter.sustainedPerMinute(180));
        assertEquals(55.0, RateLimiter.sustainedPerMinute(60));
    }

    @Test
    void theLowestRequestedLimitWins() {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(300);
        limiter.lowerTo(600);
        assertEquals(300, limiter.perMinute());
        limiter.lowerTo(60);
        assertEquals(60, limiter.perMinute());
        limiter.lowerTo(120);
        assertEquals(60, limiter.perMinute());
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            assertDoesNotThrowInterrupted(time, limiter);
            grants.add(time.now);
        }
        assertTrue(maxInAnyMinute(grants) <= 60, String.valueOf(maxInAnyMinute(grants)));
    }

    @Test
    void genesysAllowanceLowersThePaceButNeverRaisesItAboveTheConfiguredLimit() {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(300);
        limiter.observe(new RateLimitHeaders(60, 1, 59));
        assertEquals(60, limiter.perMinute());
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            assertDoesNotThrowInterrupted(time, limiter);
            grants.add(time.now);
        }
        assertTrue(maxInAnyMinute(grants) <= 60, String.valueOf(maxInAnyMinute(grants)));
        limiter.observe(new RateLimitHeaders(1000, 1, 59));
        assertEquals(300, limiter.perMinute(), "more allowed: the configured limit again, not the allowance");
        limiter.observe(new RateLimitHeaders(0, 0, 0));
        assertEquals(300, limiter.perMinute(), "no headers: no change");
        limiter.lowerTo(120);
        limiter.observe(new RateLimitHeaders(200, 1, 59));
        assertEquals(120, limiter.perMinute());
    }

    @Test
    void aUsedUpAllowanceHoldsEveryRequestUntilTheResetWithoutABurstAfterIt() {
        FakeTime time = new FakeTime();
        RateLimiter limiter = time.limiter(300);
        time.now += 60 * SECOND; // a full bucket
        limiter.observe(new RateLimitHeaders(300, 300, 10));
        long paused = time.now;
        assertDoesNotThrowInterrupted(time, limiter);
        assertTrue(time.now - paused >= 10 * SECOND, "held until the reset: " + (time.now - paused));
        long afterReset = time.now;
        assertDoesNotThrowInterrupted(time, limiter);
        assertTrue(time.now - afterReset >= 60 * SECOND / 300 - SECOND / 100, "paced, not a burst");

        limiter.observe(new RateLimitHeaders(300, 301, 99_999_999));
        long absurd = time.now;
        assertDoesNotThrowInterrupted(time, limiter);
        assertTrue(time.now - absurd <= RateLimiter.LONGEST_RESET.toNanos() + SECOND, "an absurd reset is cut");
        limiter.observe(new RateLimitHeaders(300, 12, 10));
        long free = time.now;
        assertDoesNotThrowInterrupted(time, limiter);
        assertTrue(time.now - free < SECOND, "allowance left: no hold");
    }

    @Test
    void waitingIsInterruptible() {
        RateLimiter limiter = new RateLimiter(1); // one token, then one per two minutes
        assertDoesNotThrowInterrupted(new FakeTime(), limiter);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> limiter.acquire(nanos -> TimeUnit.NANOSECONDS.sleep(nanos)));
        assertTrue(!Thread.currentThread().isInterrupted(), "the flag was consumed by the exception");
    }

    private static void assertDoesNotThrowInterrupted(FakeTime time, RateLimiter limiter) {
        try {
            time.acquire(limiter);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
