package io.kcg.genesys.source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Prefetch} on its own: which thread runs a call, what a caller gets, and what cancels a call. */
class PrefetchTest {
    static final String THREAD = "prefetch-test";
    final Prefetch<String, String> prefetch = new Prefetch<>(THREAD);
    /** Holds the calls that must still be running when the test acts; released at the end. */
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        prefetch.close();
        assertTrue(waitForNoThread(), "the background thread ends once closed");
    }

    @Test
    void theCallOfTheKeyAskedForRunsAheadOnTheBackgroundThread() throws Exception {
        prefetch.start("w2", () -> Thread.currentThread().getName());
        assertEquals(THREAD, prefetch.take("w2", () -> "inline"));
        assertEquals("inline", prefetch.take("w2", () -> "inline"), "a result is taken once");
    }

    @Test
    void askingForAnotherKeyCancelsTheCallAheadAndRunsTheOneAskedForHere() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        prefetch.start("w2", () -> {
            started.countDown();
            try {
                release.await();
                return "w2";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals("main-thread", prefetch.take("w3", () -> "main-thread"));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the call ahead was interrupted");
    }

    @Test
    void aFailureAheadIsThrownAsTheCallThrewIt() throws Exception {
        IllegalStateException failure = new IllegalStateException("refused");
        prefetch.start("w2", () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> prefetch.take("w2", () -> "inline")));

        IllegalStateException inline = new IllegalStateException("refused here");
        assertSame(inline, assertThrows(IllegalStateException.class, () -> prefetch.take("w3", () -> {
            throw inline;
        })), "inline, the same");

        IOException checked = new IOException("checked");
        prefetch.start("w4", () -> {
            throw checked;
        });
        assertSame(checked, assertThrows(CompletionException.class, () -> prefetch.take("w4", () -> "inline"))
                .getCause());
    }

    @Test
    void closeCancelsTheCallACallerWaitsForAndNothingStartsAfterwards() throws Exception {
        AtomicBoolean ranAfterClose = new AtomicBoolean();
        prefetch.start("w2", () -> {
            release.await();
            return "w2";
        });
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return prefetch.take("w2", () -> "inline");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "the caller waits for the call ahead");

        prefetch.close();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, failure.getCause());
        assertTrue(waitForNoThread(), "the background thread ends");

        prefetch.start("w3", () -> {
            ranAfterClose.set(true);
            return "w3";
        });
        assertEquals("inline", prefetch.take("w3", () -> "inline"));
        assertFalse(ranAfterClose.get());
    }

    private static boolean waitForNoThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(THREAD))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
