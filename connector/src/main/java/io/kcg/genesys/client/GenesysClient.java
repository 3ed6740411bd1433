package io.kcg.genesys.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateResponseReader;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.AggregateRowHandler;
import io.kcg.genesys.parse.MalformedResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client for Genesys Cloud's analytics aggregates queries ({@code POST /api/v2/analytics/{endpoint}/aggregates/
 * query}), with OAuth client credentials, a rate limit and retries. Usable from a Connect task and from a CLI alike.
 *
 * <h2>What a call does</h2>
 * <ol>
 *   <li>Gets the OAuth token: {@code POST {loginBase}/oauth/token} with HTTP Basic client id/secret and
 *       {@code grant_type=client_credentials}. The token is cached until shortly before {@code expires_in} and shared
 *       by every client of the same OAuth client with the same secret (login base + client id + secret) in the JVM.</li>
 *   <li>Waits for the rate limiter, also shared per OAuth client (see {@link GenesysClientConfig#requestsPerMinute()};
 *       token requests go to the login host and are not counted).</li>
 *   <li>Posts the query body as given and parses the 200 body with the streaming {@link AggregateResponseParser}.
 *       Rows are handed over only once the whole body parsed: a failed or cut response delivers nothing.</li>
 * </ol>
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>401 from the API: the token is dropped and renewed once, and the request repeated once; another 401 throws
 *       {@link GenesysAuthenticationException}. Refused credentials at the token endpoint (401/403, or 400
 *       {@code invalid_client}) throw {@link GenesysAuthenticationException} too.</li>
 *   <li>429: waits {@code Retry-After} seconds (3 s when absent, as Genesys's SDKs do). A {@code Retry-After} above
 *       {@link GenesysClientConfig#retryAfterCap()} throws {@link GenesysRetriableException} at once.</li>
 *   <li>408, 5xx, connect and request timeouts, dropped connections, and 200 bodies that are cut short or malformed
 *       (transient in practice): exponential back-off with full jitter ({@code Retry-After} when the server sent one).
 *       After {@link GenesysClientConfig#maxRetries()} retries of one call: {@link GenesysRetriableException} with
 *       the last cause.</li>
 *   <li>400, 403, 404 and other 4xx: {@link GenesysApiException} with Genesys's code, message and contextId (and a
 *       hint about the permission for 403, the region for 404). A 3xx is one too (redirects are not followed).</li>
 *   <li>A body over {@link GenesysClientConfig#maxResponseBytes()}: {@link GenesysClientException} (permanent).</li>
 *   <li>A TLS certificate that is not trusted or does not match the host: {@link GenesysClientException}
 *       (permanent: retrying cannot fix it). Other TLS handshake failures are retried like dropped connections.</li>
 *   <li>Interrupted while waiting or reading: {@link GenesysRetriableException} with the thread's interrupt flag set.</li>
 * </ul>
 * Retries are logged at WARN with the status, the attempt and the wait. Neither the secret nor a token ever appears
 * in a log line, a message or a {@code toString()}.
 *
 * <p>Thread-safe. {@link #close()} releases only this instance; the shared token and limiter stay for the JVM.
 */
public final class GenesysClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenesysClient.class);

    private static final Pattern ENDPOINT = Pattern.compile("[a-z]+");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(3);
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final String USER_AGENT = "kafka-connect-genesys";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, String> PERMISSIONS = Map.ofEntries(
            Map.entry("conversations", "analytics:conversationAggregate:view"),
            Map.entry("users", "analytics:userAggregate:view"),
            Map.entry("flows", "analytics:flowAggregate:view"),
            Map.entry("flowexecutions", "analytics:flowExecutionAggregate:view"),
            Map.entry("evaluations", "analytics:evaluationAggregate:view"),
            Map.entry("surveys", "analytics:surveyAggregate:view"),
            Map.entry("transcripts", "analytics:speechAndTextAnalyticsAggregates:view"),
            Map.entry("bots", "analytics:botAggregate:view"),
            Map.entry("journeys", "analytics:journeyAggregate:view"),
            Map.entry("knowledge", "analytics:knowledgeAggregate:view"),
            Map.entry("resolutions", "analytics:resolutionAggregate:view"),
            Map.entry("summaries", "analytics:summaryAggregate:view"),
            Map.entry("actions", "integrations:action:view or bridge:actions:view"),
            Map.entry("agentcopilots", "analytics:agentCopilotAggregate:view"),
            Map.entry("copilots", "analytics:copilotsAggregate:view"),
            Map.entry("agentutilizations", "analytics:agentUtilizationAggregate:view"),
            Map.entry("casemanagement", "analytics:caseManagementAggregate:view"),
            Map.entry("taskmanagement", "analytics:taskManagementAggregate:view"),
            Map.entry("ratelimits", "analytics:rateLimitAggregate:view"));

    private final GenesysClientConfig config;
    private final SharedClientState shared;
    private final HttpClient http;
    private final URI tokenUri;
    private final String basicAuth;
    private final AggregateResponseParser parser = new AggregateResponseParser();
    private volatile boolean closed;

    public GenesysClient(GenesysClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.shared = SharedClientState.of(config);
        boolean plain = config.apiBase().getScheme().equalsIgnoreCase("http")
                || config.loginBase().getScheme().equalsIgnoreCase("http");
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
        this.tokenUri = URI.create(config.loginBase() + "/oauth/token");
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret().value()).getBytes(StandardCharsets.UTF_8));
    }

    public GenesysClientConfig config() {
        return config;
    }

    /**
     * Runs one aggregates query and hands its rows to {@code handler} in document order, all of them after the
     * whole response parsed (nothing when the call fails).
     *
     * @param endpoint the analytics family, a lowercase path segment: {@code conversations}, {@code users},
     *                 {@code flows}, ...
     * @param bodyJson the query body, sent as is (the caller has set its {@code interval})
     * @throws IllegalArgumentException     when {@code endpoint} is not {@code [a-z]+}
     * @throws GenesysRetriableException    transient failure that outlasted the retries; try again later
     * @throws GenesysApiException          permanent: bad query, missing permission, unknown endpoint, refused
     *                                      credentials ({@link GenesysAuthenticationException})
     * @throws GenesysClientException       permanent: the response was larger than the configured maximum
     */
    public void queryAggregates(String endpoint, String bodyJson, AggregateRowHandler handler) {
        Objects.requireNonNull(handler, "handler");
        for (AggregateRow row : queryAggregates(endpoint, bodyJson)) {
            handler.onRow(row);
        }
    }

    /** Like {@link #queryAggregates(String, String, AggregateRowHandler)}, returning the rows. */
    public List<AggregateRow> queryAggregates(String endpoint, String bodyJson) {
        return queryAggregatesWith(endpoint, bodyJson, parser::parseAll);
    }

    /**
     * Like {@link #queryAggregates(String, String, AggregateRowHandler)}, with the body read by {@code reader} as it
     * streams in (records built straight from the stream, say). A body the reader finds malformed counts as a
     * failed exchange and is retried like a cut connection; the result of the first body read whole is returned.
     */
    public <T> T queryAggregatesWith(String endpoint, String bodyJson, AggregateResponseReader<T> reader) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bodyJson, "bodyJson");
        Objects.requireNonNull(reader, "reader");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("The analytics endpoint must be a lowercase word such as "
                    + "'conversations', 'users' or 'flows': '" + endpoint + "'");
        }
        if (closed) {
            throw new IllegalStateException("This GenesysClient is closed");
        }
        String path = "/api/v2/analytics/" + endpoint + "/aggregates/query";
        String permission = PERMISSIONS.getOrDefault(endpoint, "for the " + endpoint + " aggregates");
        return new Call<>(endpoint + " aggregates query", "POST", path, bodyJson.getBytes(StandardCharsets.UTF_8),
                permission, reader).run();
    }

    /**
     * {@code GET pathAndQuery} (e.g. {@code /api/v2/routing/queues?pageSize=500&pageNumber=1}) with the same token,
     * rate limit, retries and error translation as an aggregates query; the 200 body goes to {@code reader} as it
     * streams in, and a body the reader finds malformed is retried like a cut connection.
     *
     * @param what       what the request is, for log lines and messages ("queues listing, page 2")
     * @param permission the Genesys permission a 403 names
     */
    public <T> T getWith(String pathAndQuery, String what, String permission, AggregateResponseReader<T> reader) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(reader, "reader");
        if (!pathAndQuery.startsWith("/api/v2/")) {
            throw new IllegalArgumentException("A Genesys API path starts with /api/v2/: '" + pathAndQuery + "'");
        }
        if (closed) {
            throw new IllegalStateException("This GenesysClient is closed");
        }
        return new Call<>(what, "GET", pathAndQuery, null, permission, reader).run();
    }

    /** Marks this client closed. The token and rate limiter shared with other clients stay. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "GenesysClient{apiBase=" + config.apiBase() + ", clientId=" + config.clientId() + "}";
    }

    /** A failure worth retrying; internal to one call. */
    private static final class Transient extends RuntimeException {
        final int status;
        final Duration retryAfter;

        Transient(String what, int status, Duration retryAfter, Throwable cause) {
            super(what, cause, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    /** The outcome of one API exchange that did not throw: what the reader made of the body, or a 401. */
    private record Outcome<T>(T result, ErrorBody unauthorized) {
    }

    /** One API call (an aggregates query, or a GET of a listing page) with its retry state. */
    private final class Call<T> {
        private final String method;
        private final String path;
        private final URI uri;
        private final byte[] body;
        private final String permission;
        private final AggregateResponseReader<T> reader;
        private final String what;
        private int exchanges;

        /** @param body the request body of a POST, null for a GET */
        Call(String what, String method, String path, byte[] body, String permission,
             AggregateResponseReader<T> reader) {
            this.what = what;
            this.method = method;
            this.path = path;
            this.uri = URI.create(config.apiBase() + path);
            this.body = body;
            this.permission = permission;
            this.reader = reader;
        }

        T run() {
            int retries = 0;
            boolean renewedToken = false;
            while (true) {
                try {
                    String token = shared.tokens.get(config.clock(), this::fetchToken);
                    shared.limiter.acquire();
                    Outcome<T> outcome = post(token);
                    if (outcome.unauthorized() == null) {
                        if (retries > 0) {
                            LOG.info("Genesys {} succeeded after {} retries", what, retries);
                        }
                        return outcome.result();
                    }
                    ErrorBody eb = outcome.unauthorized();
                    if (renewedToken) {
                        throw new GenesysAuthenticationException("Genesys API 401" + codeAndMessage(eb)
                                + contextId(eb) + ": the " + what + " was refused again with a newly issued token"
                                + " for client id '" + config.clientId() + "'. Check that the OAuth client is active"
                                + " and belongs to the org of " + config.apiBase() + ".",
                                401, eb.code(), eb.message(), eb.contextId());
                    }
                    LOG.info("Genesys answered 401 to the {}; renewing the OAuth token of client id '{}' once",
                            what, config.clientId());
                    shared.tokens.invalidate(token);
                    renewedToken = true;
                } catch (Transient t) {
                    Duration cap = config.retryAfterCap();
                    if (t.retryAfter != null && t.retryAfter.compareTo(cap) > 0) {
                        throw new GenesysRetriableException("Genesys asked to wait " + t.retryAfter.toSeconds()
                                + " s (Retry-After) before the next " + what + ", more than the cap of "
                                + cap.toSeconds() + " s; giving up for now (" + t.getMessage() + ")",
                                t.status, exchanges, t.retryAfter, t.getCause());
                    }
                    retries++;
                    if (retries > config.maxRetries()) {
                        throw new GenesysRetriableException("The Genesys " + what + " failed " + retries
                                + " times in a row (" + config.maxRetries() + " retries); last failure: "
                                + t.getMessage(), t.status, exchanges, t.retryAfter, t.getCause());
                    }
                    Duration wait = t.retryAfter != null ? t.retryAfter : backoff(retries);
                    LOG.warn("Genesys {} failed ({}): {}; retry {} of {} in {} ms", what,
                            t.status == 0 ? "no HTTP status" : "status " + t.status, t.getMessage(), retries,
                            config.maxRetries(), wait.toMillis());
                    try {
                        config.sleeper().sleep(wait);
                    } catch (InterruptedException e) {
                        throw interrupted(e);
                    }
                } catch (InterruptedException e) {
                    throw interrupted(e);
                }
            }
        }

        private GenesysRetriableException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GenesysRetriableException("Interrupted during the Genesys " + what, 0, exchanges, null, e);
        }

        private Outcome<T> post(String token) throws InterruptedException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("Accept", "application/json")
                    .header("Accept-Encoding", "gzip")
                    .header("User-Agent", USER_AGENT)
                    .header("Authorization", "Bearer " + token);
            HttpRequest request = body == null ? builder.GET().build()
                    : builder.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<InputStream> response = exchange(request);
            int status = response.statusCode();
            try (InputStream in = decoded(response)) {
                if (status >= 200 && status < 300) {
                    return new Outcome<>(parse(in, status), null);
                }
                ErrorBody eb = ErrorBody.parse(readSome(in));
                if (status == 401) {
                    return new Outcome<>(null, eb);
                }
                if (status == 429) {
                    Duration retryAfter = retryAfter(response).orElse(DEFAULT_RETRY_AFTER);
                    throw new Transient("HTTP 429" + codeAndMessage(eb), status, retryAfter, null);
                }
                if (status == 408 || status >= 500) {
                    throw new Transient("HTTP " + status + codeAndMessage(eb) + contextId(eb), status,
                            retryAfter(response).orElse(null), null);
                }
                throw apiException(status, eb, response);
            } catch (InterruptedIOException e) {
                throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
            } catch (BodyStream.TooLargeException e) {
                throw tooLarge(e);
            } catch (IOException e) {
                throw new Transient("reading the response failed: " + e, status, null, e);
            }
        }

        private T parse(InputStream in, int status) throws IOException {
            try {
                return reader.read(in);
            } catch (MalformedResponseException e) {
                throw new Transient("the " + status + " response body was "
                        + (e.truncated() ? "cut short" : "malformed") + ": " + e.getMessage(), status, null, e);
            }
        }

        private GenesysClientException tooLarge(IOException e) {
            return new GenesysClientException("The Genesys " + what + " answered with more than "
                    + config.maxResponseBytes() + " bytes (maxResponseBytes). Query a shorter interval, fewer"
                    + " groupBy dimensions or metrics, or raise the limit.", e);
        }

        private GenesysApiException apiException(int status, ErrorBody eb, HttpResponse<?> response) {
            StringBuilder m = new StringBuilder("Genesys API ").append(status).append(codeAndMessage(eb))
                    .append(contextId(eb));
            if (status == 403) {
                m.append(". Check that a role of the OAuth client grants the permission ").append(permission)
                        .append(" (needed by ").append(method).append(' ').append(path).append(")");
            } else if (status == 404) {
                m.append(". Check the region and the endpoint: the request went to ").append(uri)
                        .append(" (region host ").append(config.apiBase().getHost()).append(")");
            } else if (status >= 300 && status < 400) {
                m.append(". Redirected to ").append(response.headers().firstValue("Location").orElse("(nowhere)"))
                        .append("; check the API base URL ").append(config.apiBase());
            }
            return new GenesysApiException(m.toString(), status, eb.code(), eb.message(), eb.contextId());
        }

        /** Fetches a new token; run by {@link TokenCache} with its lock held. */
        private TokenCache.Token fetchToken() throws InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(tokenUri)
                    .timeout(config.requestTimeout())
                    .header("Authorization", basicAuth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            Instant issuedAt = config.clock().instant();
            HttpResponse<InputStream> response = exchange(request);
            int status = response.statusCode();
            byte[] bytes;
            try (InputStream in = decoded(response)) {
                bytes = readSome(in);
            } catch (InterruptedIOException e) {
                throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
            } catch (IOException e) {
                throw new Transient("reading the token response failed: " + e, status, null, e);
            }
            if (status == 200) {
                return token(bytes, issuedAt);
            }
            ErrorBody eb = ErrorBody.parse(bytes);
            if (status == 429 || status == 408 || status >= 500) {
                Duration retryAfter = retryAfter(response).orElse(status == 429 ? DEFAULT_RETRY_AFTER : null);
                throw new Transient("the token request got HTTP " + status + codeAndMessage(eb), status,
                        retryAfter, null);
            }
            String code = eb.code() == null ? "" : eb.code();
            if (status == 401 || status == 403 || code.equals("invalid_client") || code.equals("unauthorized_client")
                    || code.equals("bad.credentials") || code.equals("invalid_grant")) {
                throw new GenesysAuthenticationException("Genesys refused the OAuth client credentials: client id '"
                        + config.clientId() + "' and its secret were not accepted by " + tokenUri + " (HTTP "
                        + status + codeAndMessage(eb) + contextId(eb) + "). Check the client id and secret, that the"
                        + " OAuth client uses the Client Credentials grant, and that it belongs to this region.",
                        status, eb.code(), eb.message(), eb.contextId());
            }
            throw new GenesysApiException("Genesys API " + status + codeAndMessage(eb) + contextId(eb)
                    + " from the token endpoint " + tokenUri, status, eb.code(), eb.message(), eb.contextId());
        }

        private TokenCache.Token token(byte[] bytes, Instant issuedAt) {
            JsonNode node;
            try {
                node = MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new Transient("the token response is not JSON", 200, null, null);
            }
            JsonNode accessToken = node == null ? null : node.get("access_token");
            if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw new Transient("the token response has no access_token", 200, null, null);
            }
            JsonNode expiresIn = node.get("expires_in");
            Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                    ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_TOKEN_LIFETIME;
            LOG.debug("Fetched a Genesys OAuth token for client id '{}' from {} (expires in {} s)",
                    config.clientId(), tokenUri, lifetime.toSeconds());
            return new TokenCache.Token(accessToken.asText(), TokenCache.renewAt(issuedAt, lifetime));
        }

        private HttpResponse<InputStream> exchange(HttpRequest request) throws InterruptedException {
            exchanges++;
            long deadline = System.nanoTime() + config.requestTimeout().toNanos();
            String target = request.uri().getScheme() + "://" + request.uri().getAuthority();
            try {
                return http.send(request, info -> new BodyStream(deadline, config.maxResponseBytes()));
            } catch (HttpConnectTimeoutException e) {
                throw new Transient("connecting to " + target + " timed out after "
                        + config.connectTimeout().toMillis() + " ms", 0, null, e);
            } catch (HttpTimeoutException e) {
                throw new Transient("no response from " + target + " within "
                        + config.requestTimeout().toMillis() + " ms", 0, null, e);
            } catch (InterruptedIOException e) {
                throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
            } catch (SSLHandshakeException e) {
                if (isCertificateProblem(e)) {
                    // Retrying cannot make a certificate trusted; failing at once says what to fix.
                    throw new GenesysClientException("The TLS certificate of " + target + " is not trusted: "
                            + e.getMessage() + ". Check the region or API URL, or add the certificate authority "
                            + "(of a TLS-inspecting proxy, say) to the Java truststore (javax.net.ssl.trustStore).", e);
                }
                throw new Transient("the TLS handshake with " + target + " failed: " + e, 0, null, e);
            } catch (IOException e) {
                throw new Transient("the connection to " + target + " failed: " + e, 0, null, e);
            }
        }

        private boolean isCertificateProblem(SSLHandshakeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertificateException || t instanceof CertPathBuilderException) {
                    return true;
                }
            }
            return false;
        }

        private InputStream decoded(HttpResponse<InputStream> response) throws IOException {
            InputStream in = response.body();
            String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim();
            if (encoding.equalsIgnoreCase("gzip")) {
                try {
                    return new Limited(new GZIPInputStream(in, 64 * 1024), config.maxResponseBytes());
                } catch (IOException e) {
                    in.close(); // a cut or bad gzip header: drop the connection
                    throw e;
                }
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > config.maxResponseBytes()) {
                in.close();
                throw new BodyStream.TooLargeException(config.maxResponseBytes());
            }
            return in;
        }

        private Optional<Duration> retryAfter(HttpResponse<?> response) {
            Optional<String> header = response.headers().firstValue("Retry-After");
            if (header.isEmpty()) {
                return Optional.empty();
            }
            String v = header.get().trim();
            if (v.matches("\\d{1,18}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(config.clock().instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** Full-jitter exponential back-off: uniform in [0, min(max, base * 2^(retry-1))]. */
    Duration backoff(int retry) {
        long base = config.backoffBase().toNanos();
        long max = config.backoffMax().toNanos();
        int shift = retry - 1;
        long ceiling = shift >= 62 || base > (max >> shift) ? max : base << shift;
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static String codeAndMessage(ErrorBody eb) {
        StringBuilder s = new StringBuilder();
        if (eb.code() != null) {
            s.append(' ').append(eb.code());
        }
        if (eb.message() != null) {
            s.append(": ").append(eb.message());
        }
        return s.toString();
    }

    private static String contextId(ErrorBody eb) {
        return eb.contextId() == null ? "" : " (contextId " + eb.contextId() + ")";
    }

    /** Reads at most {@value #MAX_ERROR_BODY_BYTES} bytes of an error or token body; the rest is dropped. */
    private static byte[] readSome(InputStream in) throws IOException {
        return in.readNBytes(MAX_ERROR_BODY_BYTES);
    }

    /** Bounds a decompressed body. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new BodyStream.TooLargeException(max);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw new BodyStream.TooLargeException(max);
            }
            return n;
        }
    }
}
