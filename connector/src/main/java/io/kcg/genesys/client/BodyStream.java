package io.kcg.genesys.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a blocking InputStream, with the two bounds {@code BodyHandlers.ofInputStream()} lacks: a
 * deadline for the whole body (the HttpClient's request timeout stops at the headers, so a server that trickles or
 * stalls the body would otherwise block forever) and a maximum size. Reads are interruptible, and {@link #abort()}
 * (from any thread) ends a read in progress. Closing before the end cancels the exchange, so the connection is
 * dropped rather than reused.
 *
 * <p>What ended the body early is remembered ({@link #ending()}), so the client can tell a body over the limit, a
 * stalled one or an aborted one from a garbled one whatever a reader made of the exception it got.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    /** The body grew past the configured maximum: a permanent condition, not a transient I/O error. */
    static final class TooLargeException extends IOException {
        TooLargeException(long max) {
            super("the response body is larger than the limit of " + max + " bytes");
        }
    }

    /** Why a body ended before its end. */
    enum Ending { TOO_LARGE, TIMED_OUT, ABORTED }

    private static final Object END = new Object();
    private static final Object ABORTED = new Object();

    private final long deadlineNanos;
    private final long maxBytes;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private long received; // written by the HttpClient's threads only
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean finished;
    private boolean closed;
    private volatile Ending ending;

    /**
     * @param deadlineNanos {@link System#nanoTime()} value by which the body must have arrived
     * @param maxBytes      the largest body accepted
     */
    BodyStream(long deadlineNanos, long maxBytes) {
        this.deadlineNanos = deadlineNanos;
        this.maxBytes = maxBytes;
    }

    // --- subscriber side (HttpClient threads) ---

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        for (ByteBuffer b : item) {
            received += b.remaining();
        }
        if (received > maxBytes) {
            queue.add(new TooLargeException(maxBytes));
            subscription.cancel();
        } else {
            queue.add(item);
        }
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    // --- reader side (the calling thread) ---

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Makes {@link #current} a buffer with bytes left; false at the end of the body. */
    private boolean advance() throws IOException {
        if (closed) {
            throw new IOException("the response body stream is closed");
        }
        while (current == null || !current.hasRemaining()) {
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (finished) {
                return false;
            }
            Object item = take();
            if (item == END) {
                finished = true;
                return false;
            }
            if (item == ABORTED) {
                finished = true;
                ending = Ending.ABORTED;
                throw new InterruptedIOException("the request was aborted: the client is closing");
            }
            if (item instanceof TooLargeException) {
                finished = true;
                ending = Ending.TOO_LARGE;
                throw new TooLargeException(maxBytes);
            }
            if (item instanceof Throwable) {
                finished = true;
                Throwable t = (Throwable) item;
                throw t instanceof IOException ? new IOException(t.getMessage(), t)
                        : new IOException("the response body failed: " + t, t);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            buffers = list.iterator();
            subscription.request(1);
        }
        return true;
    }

    private Object take() throws IOException {
        long wait = deadlineNanos - System.nanoTime();
        Object item;
        try {
            item = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while reading the response body");
        }
        if (item == null) {
            cancel();
            ending = Ending.TIMED_OUT;
            throw new HttpTimeoutException("the response body did not arrive within the request timeout");
        }
        return item;
    }

    /** What ended the body early, or null when nothing did (yet). */
    Ending ending() {
        return ending;
    }

    /** Records that the decoded body grew past the limit (the gzip layer counts it). */
    void tooLarge() {
        ending = Ending.TOO_LARGE;
    }

    /** Ends the exchange from any thread: a read in progress, or the next one, fails at once. */
    void abort() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.add(ABORTED);
    }

    private void cancel() {
        finished = true;
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!finished) {
                cancel();
            }
        }
    }
}
