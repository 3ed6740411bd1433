package io.kcg.genesys.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client for Genesys Cloud's analytics aggregates queries ({@code POST /api/v2/analytics/{endpoint}/aggregates/
 * query}) and for plain {@code GET}s of its API (the directory listings, {@link PagedListing}). Both go the same way,
 * with the same retries and errors. It orchestrates: the token ({@link TokenProvider}), the pace ({@link RateLimiter}), the exchange
 * ({@link Transport}), what to do about a failure ({@link RetryPolicy}) and what to tell the caller
 * ({@link ErrorTranslator}). It knows nothing of the body's format: the caller passes a {@link ResponseReader}.
 * Usable from a Connect task and from a CLI alike.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>401 from the API: the token is dropped and renewed once at once. Refused authentication (the token endpoint
 *       refusing the credentials, or a 401 again with a token just issued) is retried with back-off for
 *       {@link GenesysClientConfig#authRetryTimeout()}, then throws {@link GenesysAuthenticationException}.</li>
 *   <li>429, 502, 503, 504, 500, 408, timeouts, dropped connections and bodies the reader finds malformed: retried
 *       ({@link RetryPolicy}) up to {@link GenesysClientConfig#maxRetries()} times, then
 *       {@link GenesysRetriableException}. A {@code Retry-After} above {@link GenesysClientConfig#retryAfterCap()}
 *       throws {@link GenesysRetriableException} at once, carrying the (clamped) wait.</li>
 *   <li>An interval Genesys cannot answer as asked: 400 {@code response.entity.too.large}, a body over
 *       {@link GenesysClientConfig#maxResponseBytes()}, or timeouts (504, no answer within the request timeout) that
 *       outlast the retries: {@link GenesysWindowTooLargeException}.</li>
 *   <li>Other 4xx, 3xx, 501 and 505+: {@link GenesysApiException} with Genesys's code, message and contextId.</li>
 *   <li>An untrusted TLS certificate: {@link GenesysClientException} at once.</li>
 *   <li>{@link #close()} (from any thread): a call in flight or waiting ends at once with
 *       {@link ClientClosedException}; later calls throw it too.</li>
 *   <li>Interrupted: {@link GenesysRetriableException} with the thread's interrupt flag set.</li>
 * </ul>
 * Retries are logged at WARN with the status, the attempt and the wait. Neither the secret nor a token ever appears
 * in a log line, a message or a {@code toString()}.
 *
 * <p>Thread-safe. The token and the rate limiter are shared by every client of the same OAuth client in the JVM;
 * {@link #close()} ends only this instance's calls.
 */
public final class GenesysClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenesysClient.class);

    private static final Pattern ENDPOINT = Pattern.compile("[a-z]+");
    private static final String USER_AGENT = "kafka-connect-genesys";

    private final GenesysClientConfig config;
    private final Transport transport;
    private final Waits waits;
    private final RetryPolicy retry;
    private final ErrorTranslator errors;
    private final TokenProvider tokens;
    private final RateLimiter limiter;

    public GenesysClient(GenesysClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        SharedClientState shared = SharedClientState.of(config);
        this.transport = new Transport(config);
        this.waits = new Waits(config.sleeper());
        this.retry = new RetryPolicy(config);
        this.errors = new ErrorTranslator(config);
        this.tokens = new TokenProvider(config, transport, errors, retry, shared.tokens, waits);
        this.limiter = shared.limiter;
    }

    public GenesysClientConfig config() {
        return config;
    }

    /**
     * Runs one aggregates query and returns what {@code reader} made of the answer's body, read as it streams in.
     * A body the reader finds malformed counts as a failed exchange and is retried like a cut connection; the result
     * of the first body read whole is returned.
     *
     * @param endpoint the analytics family, a lowercase path segment: {@code conversations}, {@code users},
     *                 {@code flows}, ...
     * @param bodyJson the query body, sent as is (the caller has set its {@code interval})
     * @throws IllegalArgumentException         when {@code endpoint} is not {@code [a-z]+}
     * @throws GenesysRetriableException        transient failure that outlasted the retries; try again later
     * @throws GenesysWindowTooLargeException   Genesys cannot answer this interval as asked; ask for less
     * @throws GenesysApiException              permanent: bad query, missing permission, unknown endpoint, refused
     *                                          credentials ({@link GenesysAuthenticationException})
     * @throws GenesysClientException           permanent: an untrusted certificate
     * @throws ClientClosedException            the client was closed before or during the call
     */
    public <T> T queryAggregatesWith(String endpoint, String bodyJson, ResponseReader<T> reader) {
        return queryAggregatesWith(endpoint, bodyJson, reader, CallListener.NONE);
    }

    /**
     * {@link #queryAggregatesWith(String, String, ResponseReader)}, telling {@code listener} about each request,
     * 429 and retry of this call (a task counts them per query).
     */
    public <T> T queryAggregatesWith(String endpoint, String bodyJson, ResponseReader<T> reader,
                                     CallListener listener) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bodyJson, "bodyJson");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(listener, "listener");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("The analytics endpoint must be a lowercase word such as "
                    + "'conversations', 'users' or 'flows': '" + endpoint + "'");
        }
        waits.checkOpen();
        String path = "/api/v2/analytics/" + endpoint + "/aggregates/query";
        return new Call<>(endpoint + " aggregates query", "POST", path, bodyJson.getBytes(StandardCharsets.UTF_8),
                ErrorTranslator.aggregatesPermission(endpoint), reader, listener).run();
    }

    /**
     * {@code GET pathAndQuery} (e.g. {@code /api/v2/routing/queues?pageSize=500&pageNumber=1}) with the same token,
     * rate limit, retries, authentication budget, error translation and {@link #close()} as an aggregates query; the
     * 200 body goes to {@code reader} as it streams in, and a body it finds malformed ({@link MalformedBodyException})
     * is retried like a cut connection.
     *
     * @param what       what the request is, for log lines and messages ("queues listing, page 2")
     * @param permission the Genesys permission a 403 names
     * @throws IllegalArgumentException  when the path does not start with {@code /api/v2/}
     * @throws GenesysRetriableException transient failure that outlasted the retries; try again later
     * @throws GenesysApiException       permanent: a missing permission (named), an unknown path, refused
     *                                   credentials ({@link GenesysAuthenticationException}) once
     *                                   {@link GenesysClientConfig#authRetryTimeout()} has passed
     * @throws ClientClosedException     the client was closed before or during the call
     */
    public <T> T getWith(String pathAndQuery, String what, String permission, ResponseReader<T> reader) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(reader, "reader");
        if (!pathAndQuery.startsWith("/api/v2/")) {
            throw new IllegalArgumentException("A Genesys API path starts with /api/v2/: '" + pathAndQuery + "'");
        }
        waits.checkOpen();
        return new Call<>(what, "GET", pathAndQuery, null, permission, reader, CallListener.NONE).run();
    }

    /**
     * Ends this client's calls: a request in flight is aborted, a retry, Retry-After, back-off or rate-limit wait
     * ends, and each ends with {@link ClientClosedException}; later calls throw it at once. Any thread may call it.
     * The token and rate limiter shared with other clients stay.
     */
    @Override
    public void close() {
        waits.close();
        transport.close();
    }

    @Override
    public String toString() {
        return "GenesysClient{apiBase=" + config.apiBase() + ", clientId=" + config.clientId() + "}";
    }

    /** The outcome of one API exchange that did not throw: what the reader made of the body, or a 401's body. */
    private record Outcome<T>(T result, ErrorBody unauthorized) {
    }

    /** One API call (an aggregates query, or a GET) with its retry state. */
    private final class Call<T> {
        private final String what;
        private final String method;
        private final URI uri;
        /** The body of a POST; null for a GET. */
        private final byte[] body;
        private final String permission;
        private final ResponseReader<T> reader;
        private final CallListener listener;
        private int exchanges;
        private int retries;
        /** Whether every transient failure so far (429s aside) was a timeout. */
        private boolean onlyTimeouts = true;
        private boolean renewedToken;
        private int authRefusals;
        private Instant refusedSince;

        Call(String what, String method, String path, byte[] body, String permission, ResponseReader<T> reader,
             CallListener listener) {
            this.listener = listener;
            this.what = what;
            this.method = method;
            this.uri = URI.create(config.apiBase() + path);
            this.body = body;
            this.permission = permission;
            this.reader = reader;
        }

        T run() {
            while (true) {
                waits.checkOpen();
                try {
                    String token = tokens.token();
                    limiter.acquire(waits::realWait);
                    Outcome<T> outcome = exchange(token);
                    if (outcome.unauthorized() == null) {
                        if (retries > 0 || authRefusals > 0) {
                            LOG.info("Genesys {} succeeded after {} retries and {} refused authentications", what,
                                    retries, authRefusals);
                        }
                        return outcome.result();
                    }
                    tokens.refused(token);
                    if (!renewedToken) {
                        renewedToken = true;
                        LOG.info("Genesys answered 401 to the {}; renewing the OAuth token of client id '{}' once",
                                what, config.clientId());
                    } else {
                        authenticationRefused(errors.refusedToken(outcome.unauthorized(), what));
                    }
                } catch (GenesysAuthenticationException e) {
                    authenticationRefused(e);
                } catch (RetriableFailure f) {
                    failed(f);
                } catch (InterruptedException e) {
                    throw interrupted(e);
                }
            }
        }

        /** Waits before the next attempt, or throws when refusals have lasted the authentication budget. */
        private void authenticationRefused(GenesysAuthenticationException e) {
            Instant now = config.clock().instant();
            if (refusedSince == null) {
                refusedSince = now;
            }
            authRefusals++;
            Duration spent = Duration.between(refusedSince, now);
            Duration budget = config.authRetryTimeout();
            if (spent.compareTo(budget) >= 0) {
                if (authRefusals == 1) {
                    throw e;
                }
                throw new GenesysAuthenticationException(e.getMessage() + " Authentication was refused " + authRefusals
                        + " times over " + spent.toSeconds() + " s (retried for up to " + budget.toSeconds() + " s).",
                        e.status(), e.code(), e.genesysMessage(), e.contextId());
            }
            Duration wait = retry.authBackoff(authRefusals);
            Duration left = budget.minus(spent);
            if (wait.compareTo(left) > 0) {
                wait = left;
            }
            LOG.warn("{} Retrying in {} ms (refused {} times over {} s; the call fails after {} s).", e.getMessage(),
                    wait.toMillis(), authRefusals, spent.toSeconds(), budget.toSeconds());
            pause(wait);
        }

        /** Waits before the next attempt, or throws when the failure is one too many. */
        private void failed(RetriableFailure f) {
            if (f.status() == 429) {
                listener.throttled();
            }
            if (f.status() != 429) {
                onlyTimeouts &= f.timeout();
            }
            Duration cap = retry.retryAfterCap();
            if (f.retryAfter() != null && f.retryAfter().compareTo(cap) > 0) {
                throw new GenesysRetriableException("Genesys asked to wait " + f.retryAfter().toSeconds()
                        + " s (Retry-After) before the next " + what + ", more than the cap of " + cap.toSeconds()
                        + " s; giving up for now (" + f.getMessage() + ")", f.status(), exchanges, f.retryAfter(),
                        f.getCause());
            }
            retries++;
            if (retries > retry.maxRetries()) {
                if (f.timeout() && onlyTimeouts) {
                    throw new GenesysWindowTooLargeException("The Genesys " + what + " timed out " + retries
                            + " times in a row (" + retry.maxRetries() + " retries; last: " + f.getMessage()
                            + "): the interval is too large or too slow for Genesys to answer in one request",
                            f.getCause());
                }
                throw new GenesysRetriableException("The Genesys " + what + " failed " + retries + " times in a row ("
                        + retry.maxRetries() + " retries); last failure: " + f.getMessage(), f.status(), exchanges,
                        f.retryAfter(), f.getCause());
            }
            Duration wait = f.retryAfter() != null ? f.retryAfter() : retry.backoff(retries);
            listener.retrying(wait, f.retryAfter() != null);
            LOG.warn("Genesys {} failed ({}): {}; retry {} of {} in {} ms", what,
                    f.status() == 0 ? "no HTTP status" : "status " + f.status(), ErrorTranslator.printable(f.getMessage()), retries,
                    retry.maxRetries(), wait.toMillis());
            pause(wait);
        }

        private void pause(Duration wait) {
            try {
                waits.retryWait(wait);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        private GenesysRetriableException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GenesysRetriableException("Interrupted during the Genesys " + what, 0, exchanges, null, e);
        }

        private Outcome<T> exchange(String token) throws InterruptedException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("Accept", "application/json")
                    .header("Accept-Encoding", "gzip")
                    .header("User-Agent", USER_AGENT)
                    .header("Authorization", "Bearer " + token);
            HttpRequest request = body == null ? builder.GET().build()
                    : builder.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            exchanges++;
            listener.requestSent();
            try (Transport.Response response = transport.send(request)) {
                limiter.observe(RateLimitHeaders.of(response.headers()));
                int status = response.status();
                if (status >= 200 && status < 300) {
                    return new Outcome<>(read(response), null);
                }
                ErrorBody eb = ErrorTranslator.read(readSmall(response));
                if (status == 401) {
                    return new Outcome<>(null, eb);
                }
                if (RetryPolicy.isRetriable(status)) {
                    Duration retryAfter = retry.retryAfter(response.headers(), config.clock())
                            .orElse(status == 429 ? RetryPolicy.DEFAULT_RETRY_AFTER : null);
                    throw new RetriableFailure("HTTP " + status + eb.codeAndMessage() + eb.contextIdSuffix(), status,
                            retryAfter, status == 504, null);
                }
                throw errors.apiError(status, eb, permission, method, uri,
                        response.headers().firstValue("Location").orElse(null));
            }
        }

        /** The reader's result; a failure of the body is told apart by what ended it, whatever the reader threw. */
        private T read(Transport.Response response) throws InterruptedException {
            try {
                return reader.read(response.body());
            } catch (MalformedBodyException | IOException e) {
                throw bodyFailure(response, e);
            } catch (UncheckedIOException e) {
                throw bodyFailure(response, e.getCause());
            }
        }

        private RuntimeException bodyFailure(Transport.Response response, Throwable e) throws InterruptedException {
            BodyStream.Ending ending = response.ending();
            if (ending == BodyStream.Ending.ABORTED) {
                return new ClientClosedException("The " + what + " was aborted: the Genesys client is closed");
            }
            if (ending == BodyStream.Ending.TOO_LARGE) {
                return errors.bodyTooLarge(what, e);
            }
            if (ending == BodyStream.Ending.TIMED_OUT) {
                return new RetriableFailure("the response body did not arrive within the request timeout of "
                        + config.requestTimeout().toMillis() + " ms", response.status(), null, true, e);
            }
            if (e instanceof InterruptedIOException interrupted) {
                throw Transport.interrupted(interrupted);
            }
            return new RetriableFailure("the " + response.status() + " response body could not be read (cut short "
                    + "or malformed): " + e.getMessage(), response.status(), null, false, e);
        }

        /** An error body, as much of it as arrives; a body that breaks off leaves the status to speak. */
        private byte[] readSmall(Transport.Response response) throws InterruptedException {
            try {
                return response.readSmall();
            } catch (IOException e) {
                if (response.ending() == BodyStream.Ending.ABORTED) {
                    throw new ClientClosedException("The " + what + " was aborted: the Genesys client is closed");
                }
                if (e instanceof InterruptedIOException interrupted) {
                    throw Transport.interrupted(interrupted);
                }
                return new byte[0];
            }
        }
    }
}
