package io.kcg.genesys.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Up to {@code depth} calls run ahead at once on background threads, each known by a key, so that their results are
 * ready when they are asked for. With Genesys answering in seconds, one request at a time cannot use a quota of
 * hundreds a minute; several windows in flight can, while the caller still takes the results one at a time, in the
 * order it chooses (window order), so records are emitted and offsets committed as if fetched one by one.
 *
 * <p>{@link #take} returns the result of the call of a key, waiting for it, or runs the call on the caller's thread
 * when none was started for that key; the other calls stay in flight. {@link #retainOnly} cancels the calls the
 * caller no longer plans to take. A failure reaches the caller as the call threw it, whichever thread ran it.
 *
 * <p>{@link #start}, {@link #take} and {@link #retainOnly} are called from one thread; {@link #close} may be called
 * from any thread, also while the caller waits in {@link #take}.
 *
 * @param <K> what identifies a call (compared with {@code equals})
 * @param <T> what a call returns, opaque here
 */
final class FetchesAhead<K, T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FetchesAhead.class);

    private final int depth;
    private final ThreadPoolExecutor executor;
    /** The calls in flight or done and not yet taken, in the order they were started. */
    private final Map<K, Future<T>> pending = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param threadName the name of the background threads (numbered), for thread dumps and profiles
     * @param depth      how many calls may run ahead at once, at least 1
     */
    FetchesAhead(String threadName, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("at least one call ahead: " + depth);
        }
        this.depth = depth;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(depth, depth, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, threadName + "-" + number.incrementAndGet());
                    thread.setDaemon(true); // a worker that exits never waits for a request ahead
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts {@code call} in the background as the call of {@code key}, unless one for that key is already pending
     * or {@code depth} calls are. Returns whether a call for {@code key} is now pending.
     */
    synchronized boolean start(K key, Callable<T> call) {
        if (pending.containsKey(key)) {
            return true;
        }
        if (closed || pending.size() >= depth) {
            return false;
        }
        try {
            pending.put(key, executor.submit(inCallersLogContext(call)));
            return true;
        } catch (RejectedExecutionException e) {
            return false; // close() shut the executor down between the check and the submit
        }
    }

    /**
     * The call, run with the log context (MDC) of the thread that starts it: Connect puts the connector and task
     * there ({@code connector.context}), so a retry warning of a request ahead names its connector as the task's own
     * lines do.
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

    /** Whether another call may start now. */
    synchronized boolean hasRoom() {
        return !closed && pending.size() < depth;
    }

    /** How many calls are pending (running, or done and not yet taken). */
    synchronized int pendingCount() {
        return pending.size();
    }

    /** Cancels every pending call whose key is not in {@code planned}: its result would never be taken. */
    synchronized void retainOnly(Collection<K> planned) {
        Iterator<Map.Entry<K, Future<T>>> calls = pending.entrySet().iterator();
        while (calls.hasNext()) {
            Map.Entry<K, Future<T>> call = calls.next();
            if (!planned.contains(call.getKey())) {
                log.debug("Dropping the call ahead for {}: no longer planned", call.getKey());
                call.getValue().cancel(true);
                calls.remove();
            }
        }
    }

    /**
     * The result of the call of {@code key}: the one run ahead, waiting for it to finish, or, when none was started
     * for this key, {@code call} run now on this thread.
     *
     * @throws RuntimeException       what the call threw (an Error too), the same instance on either thread
     * @throws CompletionException    wrapping a checked exception the call threw
     * @throws CancellationException  when {@link #close} cancelled the call this thread was waiting for
     * @throws InterruptedException   when this thread was interrupted while waiting (the call is cancelled)
     */
    T take(K key, Callable<T> call) throws InterruptedException {
        Future<T> ahead = pendingFor(key);
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
            forget(key, ahead);
        }
    }

    /** The pending call of {@code key}, left pending while the caller waits so that {@link #close} can cancel it. */
    private synchronized Future<T> pendingFor(K key) {
        return pending.get(key);
    }

    private synchronized void forget(K key, Future<T> taken) {
        if (pending.get(key) == taken) {
            pending.remove(key);
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

    /** Cancels every pending call and lets the threads end; later calls to {@link #start} do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        pending.values().forEach(call -> call.cancel(true));
        pending.clear();
        executor.shutdownNow();
    }
}
