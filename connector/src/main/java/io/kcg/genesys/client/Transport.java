package io.kcg.genesys.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTP exchange with Genesys over {@code java.net.http}: connect and request timeouts (the request timeout
 * bounds the whole body too, see {@link BodyStream}), gzip, the response size limit (on the wire and after
 * decompression), and TLS failures told apart (an untrusted certificate is permanent, a failed handshake is not).
 * Redirects are not followed. {@link #close()} aborts every exchange in flight, from any thread.
 *
 * <p>Failures worth another attempt are thrown as {@link RetriableFailure}; the transport itself never retries.
 */
final class Transport implements AutoCloseable {
    /** How much of an error or token body is read; the rest is dropped. */
    static final int MAX_SMALL_BODY_BYTES = 64 * 1024;

    private final GenesysClientConfig config;
    private final HttpClient http;
    private final Set<BodyStream> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Transport(GenesysClientConfig config) {
        this.config = config;
        boolean plain = config.apiBase().getScheme().equalsIgnoreCase("http")
                || config.loginBase().getScheme().equalsIgnoreCase("http");
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    /**
     * Sends {@code request} and returns the answer once its headers arrived; its body streams in as it is read.
     *
     * @throws RetriableFailure       connect or request timeout, a dropped connection, a failed TLS handshake
     * @throws GenesysClientException the host's certificate is not trusted (permanent)
     * @throws ClientClosedException  the transport was closed before or during the exchange
     * @throws InterruptedException   the thread was interrupted while waiting (the exchange is cancelled)
     */
    Response send(HttpRequest request) throws InterruptedException {
        if (closed) {
            throw new ClientClosedException("The Genesys client is closed");
        }
        String target = request.uri().getScheme() + "://" + request.uri().getAuthority();
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        BodyStream body = new BodyStream(deadline, config.maxResponseBytes());
        inFlight.add(body);
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request, info -> body);
        waiting.add(future);
        try {
            if (closed) {
                future.cancel(true); // close() ran between the check above and the registration
            }
            HttpResponse<InputStream> response = future.get();
            return new Response(response, body);
        } catch (CancellationException e) {
            inFlight.remove(body);
            throw new ClientClosedException("The request to " + target + " was aborted: the Genesys client is closed");
        } catch (InterruptedException e) {
            future.cancel(true);
            body.abort();
            inFlight.remove(body);
            throw e;
        } catch (ExecutionException e) {
            inFlight.remove(body);
            throw failure(e.getCause(), target);
        } finally {
            waiting.remove(future);
        }
    }

    private RuntimeException failure(Throwable cause, String target) {
        Throwable t = cause;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (closed) {
            return new ClientClosedException("The request to " + target + " was aborted: the Genesys client is closed");
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new RetriableFailure("connecting to " + target + " timed out after "
                    + config.connectTimeout().toMillis() + " ms", 0, null, false, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new RetriableFailure("no response from " + target + " within "
                    + config.requestTimeout().toMillis() + " ms", 0, null, true, t);
        }
        if (t instanceof SSLHandshakeException) {
            if (isCertificateProblem(t)) {
                // Retrying cannot make a certificate trusted; failing at once says what to fix.
                return new GenesysClientException("The TLS certificate of " + target + " is not trusted: "
                        + t.getMessage() + ". Check the region or API URL, or add the certificate authority "
                        + "(of a TLS-inspecting proxy, say) to the Java truststore (javax.net.ssl.trustStore).", t);
            }
            return new RetriableFailure("the TLS handshake with " + target + " failed: " + t, 0, null, false, t);
        }
        if (t instanceof IOException) {
            return new RetriableFailure("the connection to " + target + " failed: " + t, 0, null, false, t);
        }
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("the request to " + target + " failed", t);
    }

    private static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /** Aborts every exchange in flight and refuses new ones; any thread may call it, more than once. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> future : waiting) {
            future.cancel(true);
        }
        for (BodyStream body : inFlight) {
            body.abort();
        }
    }

    /** An answer whose headers arrived; its body is read once, then it is closed. */
    final class Response implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final BodyStream raw;
        private InputStream decoded;

        private Response(HttpResponse<InputStream> response, BodyStream raw) {
            this.response = response;
            this.raw = raw;
        }

        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        /**
         * The body, decompressed, bounded by the size limit and the request deadline.
         *
         * @throws BodyStream.TooLargeException when the declared length is over the limit
         * @throws IOException                  when the gzip header is cut or wrong
         */
        InputStream body() throws IOException {
            if (decoded != null) {
                return decoded;
            }
            String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim();
            if (encoding.equalsIgnoreCase("gzip")) {
                decoded = new Limited(new GZIPInputStream(raw, 64 * 1024), config.maxResponseBytes(), raw);
                return decoded;
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > config.maxResponseBytes()) {
                raw.tooLarge();
                throw new BodyStream.TooLargeException(config.maxResponseBytes());
            }
            decoded = raw;
            return decoded;
        }

        /** At most {@link #MAX_SMALL_BODY_BYTES} of the body: an error or token answer. */
        byte[] readSmall() throws IOException {
            return body().readNBytes(MAX_SMALL_BODY_BYTES);
        }

        /** What ended the body early (over the limit, past the deadline, aborted), or null. */
        BodyStream.Ending ending() {
            return closed && raw.ending() == null ? BodyStream.Ending.ABORTED : raw.ending();
        }

        /** Drops the rest of the body (and the connection, when the body was not read to its end). */
        @Override
        public void close() {
            inFlight.remove(raw);
            raw.close();
        }
    }

    /** Bounds a decompressed body, and tells the raw stream when the bound tripped. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private final BodyStream raw;
        private long count;

        Limited(InputStream in, long max, BodyStream raw) {
            super(in);
            this.max = max;
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw tooLarge();
            }
            return n;
        }

        private IOException tooLarge() {
            raw.tooLarge();
            return new BodyStream.TooLargeException(max);
        }
    }

    /** Turns an interrupted read into the InterruptedException it stands for. */
    static InterruptedException interrupted(InterruptedIOException e) {
        return (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
    }
}
