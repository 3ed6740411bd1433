package io.kcg.genesys.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One call run ahead on a background thread, so that its result is ready when it is asked for. The call is known by
 * a key; asking for another key cancels it and runs the call asked for on the caller's thread. A failure reaches
 * the caller as the call threw it, whichever thread ran it, so a prefetched call fails exactly as an inline one.
 *
 * <p>At most one call runs ahead at a time, on a single daemon thread. {@link #start} and {@link #take} are called
 * from one thread; {@link #close} may be called from any thread, also while the caller waits in {@link #take}.
 *
 * @param <K> what identifies a call (compared with {@code equals})
 * @param <T> what a call returns, opaque here
 */
final class Prefetch<K, T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Prefetch.class);

    private final ExecutorService executor;
    private K key;
    private Future<T> pending;
    private boolean closed;

    /** @param threadName the name of the background thread, for thread dumps and profiles */
    Prefetch(String threadName) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true); // a worker that exits never waits for a request ahead
            return thread;
        });
    }

    /** Starts {@code call} in the background as the call of {@code key}, cancelling one still pending. */
    synchronized void start(K key, Callable<T> call) {
        cancel();
        if (closed) {
            return;
        }
        try {
            this.pending = executor.submit(inCallersLogContext(call));
            this.key = key;
        } catch (RejectedExecutionException e) {
            // close() shut the executor down between the check and the submit: nothing runs ahead
        }
    }

    /**
     * The call, run with the log context (MDC) of the thread that starts it: Connect puts the connector and task
     * there ({@code connector.context}), so a retry warning of the request ahead names its connector as the task's
     * own lines do.
     */
    private static <T> Callable<T> inCallersLogContext(Callable<T> call) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return call.call();
            } finally {
                MDC.clear();
            }
        };
    }

    /**
     * The result of the call of {@code key}: the one run ahead, waiting for it to finish, or, when none was started
     * for this key, {@code call} run now on this thread (a call ahead for another key is cancelled).
     *
     * @throws RuntimeException       what the call threw (an Error too), the same instance on either thread
     * @throws CompletionException    wrapping a checked exception the call threw
     * @throws CancellationException  when {@link #close} cancelled the call this thread was waiting for
     * @throws InterruptedException   when this thread was interrupted while waiting (the call is cancelled)
     */
    T take(K key, Callable<T> call) throws InterruptedException {
        Future<T> ahead = aheadFor(key);
        if (ahead == null) {
            return run(call);
        }
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
            ahead.cancel(true);
            throw e;
        } finally {
            forget(ahead);
        }
    }

    /**
     * The pending call when it is for {@code key}, left pending while the caller waits so that {@link #close} can
     * still cancel it; else null, after cancelling a pending call for another key.
     */
    private synchronized Future<T> aheadFor(K key) {
        if (pending != null && key.equals(this.key)) {
            return pending;
        }
        if (pending != null) {
            log.debug("Dropping the call ahead for {}: {} is asked instead", this.key, key);
            cancel();
        }
        return null;
    }

    private synchronized void forget(Future<T> taken) {
        if (pending == taken) {
            pending = null;
            key = null;
        }
    }

    private T run(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    /** What to throw for a call's failure: a runtime exception as it is, a checked one wrapped; an Error is thrown. */
    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }

    /** Cancels a pending call, interrupting it when it runs: its request is wasted, its result never used. */
    private void cancel() {
        if (pending != null) {
            pending.cancel(true);
            pending = null;
            key = null;
        }
    }

    /** Cancels the pending call and lets the thread end; later calls to {@link #start} do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        cancel();
        executor.shutdownNow();
    }
}
