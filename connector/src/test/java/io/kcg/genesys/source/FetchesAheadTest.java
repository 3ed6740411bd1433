package io.kcg.genesys.source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FetchesAhead} on its own: several calls in flight, results taken in the caller's order, cancellation. */
class FetchesAheadTest {
    static final String THREAD = "fetches-ahead-test";
    final FetchesAhead<String, String> ahead = new FetchesAhead<>(THREAD, 3);
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        ahead.close();
        assertTrue(waitForNoThread(), "the background threads end once closed");
    }

    @Test
    void upToDepthCallsRunAtOnceAndTheirResultsAreTakenInTheCallersOrder() throws Exception {
        AtomicInteger running = new AtomicInteger();
        CountDownLatch allRunning = new CountDownLatch(3);
        for (String key : List.of("w1", "w2", "w3")) {
            assertTrue(ahead.start(key, () -> {
                running.incrementAndGet();
                allRunning.countDown();
                release.await();
                return key + " on " + Thread.currentThread().getName().startsWith(THREAD);
            }));
        }
        assertFalse(ahead.start("w4", () -> "w4"), "no room beyond the depth");
        assertFalse(ahead.hasRoom());
        assertTrue(allRunning.await(5, TimeUnit.SECONDS), "three requests in flight at once");
        assertEquals(3, running.get());
        assertTrue(ahead.start("w2", () -> "again"), "a key already pending is not started twice");

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> take("w1"));
        Thread.sleep(100);
        assertFalse(first.isDone(), "the caller waits for the call of its key");
        release.countDown();
        assertEquals("w1 on true", first.get(5, TimeUnit.SECONDS));
        assertEquals("w2 on true", take("w2"));
        assertTrue(ahead.start("w4", () -> "w4 ahead"), "room again");
        assertEquals("w3 on true", take("w3"));
        assertEquals("w4 ahead", take("w4"));
        assertEquals("inline", ahead.take("w4", () -> "inline"), "a result is taken once");
    }

    @Test
    void aKeyNotStartedRunsHereAndLeavesTheOthersInFlight() throws Exception {
        ahead.start("w2", () -> "w2 ahead");
        assertEquals("inline", ahead.take("w1", () -> "inline"));
        assertEquals("w2 ahead", take("w2"));
    }

    @Test
    void callsNoLongerPlannedAreCancelled() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ahead.start("w1", () -> "w1");
        ahead.start("lookback", () -> {
            started.countDown();
            try {
                release.await();
                return "lookback";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        ahead.retainOnly(List.of("w1", "w2"));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the call not planned any more was interrupted");
        assertEquals(1, ahead.pendingCount());
        assertEquals("w1", take("w1"));
    }

    @Test
    void aFailureAheadIsThrownAsTheCallThrewIt() {
        IllegalStateException failure = new IllegalStateException("refused");
        ahead.start("w1", () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> ahead.take("w1", () -> "inline")));
    }

    @Test
    void closeCancelsTheCallACallerWaitsForAndNothingStartsAfterwards() throws Exception {
        ahead.start("w1", () -> {
            release.await();
            return "w1";
        });
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> take("w1"));
        Thread.sleep(200);
        ahead.close();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, failure.getCause());
        assertFalse(ahead.start("w2", () -> "w2"));
        assertEquals("inline", ahead.take("w2", () -> "inline"));
    }

    private String take(String key) {
        try {
            return ahead.take(key, () -> "inline");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitForNoThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(THREAD))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
