package io.kcg.genesys.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Rows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a scripted HTTP server, for answers the simulator does not give: a 401 that persists after a
 * token renewal, 403, HTML error pages, gzip, oversized and stalled bodies, HTTP-date Retry-After, redirects, token
 * endpoint failures, and the exact shape of the requests.
 */
class GenesysClientStubServerTest {
    private static final String QUERY = "{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T01:00:00Z\","
            + "\"metrics\":[\"nOffered\"]}";
    private static final String SECRET = "stub-secret-4d1e";

    interface Handler {
        void handle(HttpExchange exchange, int nth) throws IOException;
    }

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();
    private volatile Handler tokenHandler = (ex, n) -> send(ex, 200, "application/json",
            ("{\"access_token\":\"tok-" + n + "\",\"token_type\":\"bearer\",\"expires_in\":86399}").getBytes(),
            Map.of());
    private volatile Handler apiHandler;
    private final GenesysClientSimulatorTest.RecordingSleeper sleeper = new GenesysClientSimulatorTest.RecordingSleeper();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-genesys");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try {
                byte[] body = ex.getRequestBody().readAllBytes();
                String path = ex.getRequestURI().getPath();
                String kind = path.equals("/oauth/token") ? "token" : "api";
                lastHeaders.put(kind + ":Authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                lastHeaders.put(kind + ":Content-Type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
                lastHeaders.put(kind + ":path", ex.getRequestMethod() + " " + path);
                lastBodies.put(kind, new String(body, StandardCharsets.UTF_8));
                if (kind.equals("token")) {
                    tokenHandler.handle(ex, tokenRequests.incrementAndGet());
                } else {
                    apiHandler.handle(ex, apiRequests.incrementAndGet());
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private GenesysClientConfig.Builder config() {
        return GenesysClientConfig.builder()
                .apiBase("http://127.0.0.1:" + server.getAddress().getPort())
                .clientId("stub-client")
                .clientSecret(SECRET)
                .requestsPerMinute(6000)
                .maxRetries(2)
                .backoffBase(Duration.ofMillis(5))
                .backoffMax(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(10))
                .sleeper(sleeper);
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static byte[] errorBody(int status, String code, String message) {
        return ("{\"message\":\"" + message + "\",\"code\":\"" + code + "\",\"status\":" + status
                + ",\"contextId\":\"ctx-" + status + "\",\"details\":[],\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] realistic() throws IOException {
        try (InputStream in = GenesysClientStubServerTest.class.getResourceAsStream("/responses/realistic.json")) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private List<AggregateRow> query(GenesysClientConfig config) {
        try (GenesysClient client = new GenesysClient(config)) {
            return client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
        }
    }

    @Test
    void requestsHaveGenesysShape() throws IOException {
        byte[] body = realistic();
        apiHandler = (ex, n) -> send(ex, 200, "application/json", body, Map.of());
        assertEquals(Rows.of(body), query(config().build()));
        assertEquals("POST /oauth/token", lastHeaders.get("token:path"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("stub-client:" + SECRET).getBytes()),
                lastHeaders.get("token:Authorization"));
        assertEquals("application/x-www-form-urlencoded", lastHeaders.get("token:Content-Type"));
        assertEquals("grant_type=client_credentials", lastBodies.get("token"));
        assertEquals("POST /api/v2/analytics/conversations/aggregates/query", lastHeaders.get("api:path"));
        assertEquals("Bearer tok-1", lastHeaders.get("api:Authorization"));
        assertEquals("application/json", lastHeaders.get("api:Content-Type"));
        assertEquals(QUERY, lastBodies.get("api"));
    }

    @Test
    void a401AfterTheTokenWasRenewedFailsWithoutAnAuthenticationBudget() {
        apiHandler = (ex, n) -> send(ex, 401, "application/json",
                errorBody(401, "authentication.required", "Authentication failed"), Map.of());
        GenesysAuthenticationException e = assertThrows(GenesysAuthenticationException.class,
                () -> query(config().authRetryTimeout(Duration.ZERO).build()));
        assertEquals(401, e.status());
        assertEquals("authentication.required", e.code());
        assertEquals("ctx-401", e.contextId());
        assertTrue(e.getMessage().contains("refused again with a newly issued token"), e.getMessage());
        assertFalse(e.getMessage().contains("tok-"), "no token in messages: " + e.getMessage());
        assertEquals(2, tokenRequests.get());
        assertEquals(2, apiRequests.get());
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void a403NamesThePermission() {
        apiHandler = (ex, n) -> send(ex, 403, "application/json", errorBody(403, "missing.permissions",
                "Unable to perform the requested action. You are missing the following permission(s): "
                        + "[analytics:conversationAggregate:view]"), Map.of());
        GenesysApiException e = assertThrows(GenesysApiException.class, () -> query(config().build()));
        assertEquals(403, e.status());
        assertEquals("missing.permissions", e.code());
        assertTrue(e.getMessage().startsWith("Genesys API 403 missing.permissions: Unable to perform"), e.getMessage());
        assertTrue(e.getMessage().contains("(contextId ctx-403). Check that a role of the OAuth client grants the "
                + "permission analytics:conversationAggregate:view"), e.getMessage());
        GenesysApiException users;
        try (GenesysClient client = new GenesysClient(config().build())) {
            users = assertThrows(GenesysApiException.class, () -> client.queryAggregatesWith("users", QUERY, Rows.ROWS));
        }
        assertTrue(users.getMessage().contains("analytics:userAggregate:view"), users.getMessage());
        assertEquals(2, apiRequests.get(), "403 is not retried");
    }

    @Test
    void htmlErrorPagesAreHandled() {
        apiHandler = (ex, n) -> {
            if (n == 1) {
                send(ex, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(), Map.of());
            } else {
                send(ex, 400, "text/html", "<html><body>Bad Request</body></html>".getBytes(), Map.of());
            }
        };
        GenesysApiException e = assertThrows(GenesysApiException.class, () -> query(config().build()));
        assertEquals(400, e.status());
        assertNull(e.code());
        assertNull(e.contextId());
        assertEquals("<html><body>Bad Request</body></html>", e.genesysMessage());
        assertEquals("Genesys API 400: <html><body>Bad Request</body></html>", e.getMessage());
        assertEquals(1, sleeper.sleeps.size(), "the 502 was retried");
    }

    @Test
    void gzipBodiesAreDecoded() throws IOException {
        byte[] body = realistic();
        byte[] zipped = gzip(body);
        apiHandler = (ex, n) -> send(ex, 200, "application/json", zipped, Map.of("Content-Encoding", "gzip"));
        assertEquals(Rows.of(body), query(config().build()));
    }

    @Test
    void oversizedBodiesAreAWindowTooLarge() throws IOException {
        byte[] body = realistic();
        byte[] zipped = gzip(body);
        Handler[] variants = {
            (ex, n) -> send(ex, 200, "application/json", body, Map.of()), // Content-Length
            (ex, n) -> { // chunked: counted as it arrives
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < body.length; i += 100) {
                        out.write(body, i, Math.min(100, body.length - i));
                        out.flush();
                    }
                }
            },
            (ex, n) -> send(ex, 200, "application/json", zipped, Map.of("Content-Encoding", "gzip")) // inflated
        };
        for (Handler variant : variants) {
            apiRequests.set(0);
            apiHandler = variant;
            long max = variant == variants[2] ? zipped.length + 100 : 1000;
            GenesysWindowTooLargeException e = assertThrows(GenesysWindowTooLargeException.class,
                    () -> query(config().maxResponseBytes(max).build()));
            assertTrue(e.getMessage().contains("more than " + max + " bytes (maxResponseBytes)"), e.getMessage());
            assertEquals(1, apiRequests.get());
        }
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void aBodyThatStallsEveryTimeIsAWindowTooLarge() {
        apiHandler = (ex, n) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("{\"results\":[".getBytes());
            out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        GenesysWindowTooLargeException e = assertThrows(GenesysWindowTooLargeException.class,
                () -> query(config().maxRetries(1).requestTimeout(Duration.ofMillis(300)).build()));
        assertInstanceOf(HttpTimeoutException.class, e.getCause(), String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("timed out 2 times in a row"), e.getMessage());
        assertEquals(2, apiRequests.get());
    }

    @Test
    void retryAfterAsAnHttpDate() throws IOException {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        byte[] body = realistic();
        apiHandler = (ex, n) -> {
            if (n == 1) {
                String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atZone(ZoneOffset.UTC));
                send(ex, 429, "application/json", errorBody(429, "too.many.requests", "Rate limit exceeded"),
                        Map.of("Retry-After", date));
            } else {
                send(ex, 200, "application/json", body, Map.of());
            }
        };
        query(config().clock(Clock.fixed(now, ZoneOffset.UTC)).build());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.sleeps);
    }

    /** What a call listener hears: every attempt, each 429, and each wait with whether Genesys asked for it. */
    @Test
    void aCallListenerHearsRequestsThrottlingAndRetries() throws IOException {
        byte[] body = realistic();
        apiHandler = (ex, n) -> {
            if (n == 1) {
                send(ex, 429, "application/json", errorBody(429, "too.many.requests", "Rate limit exceeded"),
                        Map.of("Retry-After", "4"));
            } else if (n == 2) {
                send(ex, 503, "application/json", errorBody(503, "service.unavailable", "Try later"), Map.of());
            } else {
                send(ex, 200, "application/json", body, Map.of());
            }
        };
        List<String> heard = new ArrayList<>();
        CallListener listener = new CallListener() {
            @Override
            public void requestSent() {
                heard.add("request");
            }

            @Override
            public void throttled() {
                heard.add("429");
            }

            @Override
            public void retrying(Duration wait, boolean retryAfter) {
                heard.add(retryAfter ? "retry-after " + wait.toSeconds() + " s" : "backoff");
            }
        };
        try (GenesysClient client = new GenesysClient(config().build())) {
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS, listener);
        }
        assertEquals(List.of("request", "429", "retry-after 4 s", "request", "backoff", "request"), heard);
    }

    @Test
    void a429WithoutRetryAfterWaitsThreeSeconds() throws IOException {
        byte[] body = realistic();
        apiHandler = (ex, n) -> {
            if (n == 1) {
                send(ex, 429, "application/json", errorBody(429, "too.many.requests", "Rate limit exceeded"), Map.of());
            } else {
                send(ex, 200, "application/json", body, Map.of());
            }
        };
        query(config().build());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps);
    }

    @Test
    void redirectsAreNotFollowed() {
        apiHandler = (ex, n) -> send(ex, 301, null, new byte[0], Map.of("Location", "https://api.mypurecloud.ie/x"));
        GenesysApiException e = assertThrows(GenesysApiException.class, () -> query(config().build()));
        assertEquals(301, e.status());
        assertTrue(e.getMessage().contains("Redirected to https://api.mypurecloud.ie/x"), e.getMessage());
    }

    @Test
    void tokenEndpointOutagesAreRetried() throws IOException {
        byte[] body = realistic();
        Handler ok = tokenHandler;
        tokenHandler = (ex, n) -> {
            if (n == 1) {
                send(ex, 503, "application/json", errorBody(503, "service.unavailable", "down"), Map.of());
            } else {
                ok.handle(ex, n);
            }
        };
        apiHandler = (ex, n) -> send(ex, 200, "application/json", body, Map.of());
        assertEquals(Rows.of(body), query(config().build()));
        assertEquals(2, tokenRequests.get());
        assertEquals(1, sleeper.sleeps.size());
    }

    @Test
    void anOauthInvalidClientIsRefusedCredentials() {
        tokenHandler = (ex, n) -> send(ex, 400, "application/json",
                "{\"error\":\"invalid_client\",\"description\":\"client not found\"}".getBytes(), Map.of());
        GenesysAuthenticationException e = assertThrows(GenesysAuthenticationException.class,
                () -> query(config().authRetryTimeout(Duration.ZERO).build()));
        assertEquals("invalid_client", e.code());
        assertTrue(e.getMessage().contains("client not found") && !e.getMessage().contains(SECRET), e.getMessage());
        assertEquals(0, apiRequests.get());
    }

    @Test
    void absurdRetryAftersNeitherThrowNorIdleForYears() throws IOException {
        byte[] body = realistic();
        for (String header : new String[] {"999999999999999999", "99999999999999999999999", "99999999"}) {
            apiRequests.set(0);
            apiHandler = (ex, n) -> send(ex, 429, "application/json", errorBody(429, "too.many.requests.retry.after",
                    "Retry the request in [" + header + "] seconds"), Map.of("Retry-After", header));
            GenesysRetriableException e = assertThrows(GenesysRetriableException.class, () -> query(config().build()));
            assertEquals(RetryPolicy.LONGEST_RETRY_AFTER, e.retryAfter(), header);
            assertEquals(1, apiRequests.get());
        }
        for (String header : new String[] {"soon", "-5", "1.5"}) {
            apiRequests.set(0);
            apiHandler = (ex, n) -> {
                if (n % 2 == 1) {
                    send(ex, 429, "application/json", errorBody(429, "too.many.requests", "x"),
                            Map.of("Retry-After", header));
                } else {
                    send(ex, 200, "application/json", body, Map.of());
                }
            };
            sleeper.sleeps.clear();
            query(config().build());
            assertEquals(List.of(RetryPolicy.DEFAULT_RETRY_AFTER), sleeper.sleeps, "unreadable: the default 3 s");
        }
    }

    @Test
    void absurdTokenLifetimesAreClampedAndTheTokenIsStillRenewed() {
        for (String expiresIn : new String[] {"999999999999999999", "99999999", "1e300", "\"forever\"", "-1"}) {
            tokenRequests.set(0);
            tokenHandler = (ex, n) -> send(ex, 200, "application/json", ("{\"access_token\":\"tok-" + n
                    + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}").getBytes(), Map.of());
            apiHandler = (ex, n) -> send(ex, 200, "application/json", "{}".getBytes(), Map.of());
            GenesysClientSimulatorTest.MutableClock clock = new GenesysClientSimulatorTest.MutableClock(
                    Instant.parse("2025-03-01T00:00:00Z"));
            // a client id of its own: a token cache of its own
            GenesysClientConfig config = config().clientId("lifetime-" + expiresIn.hashCode()).clock(clock).build();
            query(config);
            clock.now = clock.now.plus(Duration.ofMinutes(50));
            query(config);
            assertEquals(1, tokenRequests.get(), expiresIn + ": the token lives at least 50 minutes");
            clock.now = clock.now.plus(Duration.ofHours(24));
            query(config);
            assertEquals(2, tokenRequests.get(), expiresIn + ": renewed within a day");
        }
    }

    @Test
    void controlCharactersOfGenesysMessagesNeverReachAMessage() {
        apiHandler = (ex, n) -> send(ex, 400, "application/json", ("{\"message\":\"bad\\u001b[31m value\\r\\n"
                + "FAKE LOG LINE\\u202e\\u0000\",\"code\":\"invalid.value\\n\",\"status\":400,"
                + "\"contextId\":\"ctx\\t1\"}").getBytes(StandardCharsets.UTF_8), Map.of());
        GenesysApiException e = assertThrows(GenesysApiException.class, () -> query(config().build()));
        assertEquals("Genesys API 400 invalid.value: bad [31m value FAKE LOG LINE (contextId ctx 1)", e.getMessage());
        for (char c : e.getMessage().toCharArray()) {
            assertTrue(c >= 0x20 && c != 0x7f && Character.getType(c) != Character.FORMAT, "char " + (int) c);
        }
        apiHandler = (ex, n) -> send(ex, 502, "text/html", "<h1>\u0007Bad\nGateway</h1>".getBytes(), Map.of());
        GenesysRetriableException bad = assertThrows(GenesysRetriableException.class, () -> query(config().build()));
        assertTrue(bad.getMessage().contains("<h1> Bad Gateway</h1>"), bad.getMessage());
    }

    @Test
    void notRetried501AndOther4xxButRetried408() throws IOException {
        byte[] body = realistic();
        apiHandler = (ex, n) -> send(ex, 501, "application/json", errorBody(501, "not.implemented", "no"), Map.of());
        assertEquals(501, assertThrows(GenesysApiException.class, () -> query(config().build())).status());
        assertEquals(1, apiRequests.get());
        apiRequests.set(0);
        apiHandler = (ex, n) -> {
            if (n == 1) {
                send(ex, 408, "application/json", errorBody(408, "request.timeout", "slow upload"), Map.of());
            } else {
                send(ex, 200, "application/json", body, Map.of());
            }
        };
        query(config().build());
        assertEquals(2, apiRequests.get());
    }

    @Test
    void aUsedUpAllowanceHoldsTheNextRequestUntilTheReset() throws IOException {
        byte[] body = realistic();
        apiHandler = (ex, n) -> send(ex, 200, "application/json", body, n == 1
                ? Map.of("inin-ratelimit-allowed", "300", "inin-ratelimit-count", "300", "inin-ratelimit-reset", "1")
                : Map.of("inin-ratelimit-allowed", "300", "inin-ratelimit-count", "1", "inin-ratelimit-reset", "60"));
        GenesysClientConfig config = config().clientId("allowance-client").build();
        query(config);
        long t0 = System.nanoTime();
        query(config);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis >= 900 && millis < 5000, "the second request waited for the reset: " + millis + " ms");
        assertEquals(300, SharedClientState.of(config).limiter.perMinute(), "paced at what Genesys allows");
        apiHandler = (ex, n) -> send(ex, 200, "application/json", body, Map.of("inin-ratelimit-allowed", "lots",
                "inin-ratelimit-count", "-3", "inin-ratelimit-reset", "99999999999999999999"));
        query(config);
        query(config);
        assertEquals(300, SharedClientState.of(config).limiter.perMinute(), "odd headers change nothing");
    }

    @Test
    void anInterruptedCallStopsAndKeepsTheFlag() {
        apiHandler = (ex, n) -> send(ex, 200, "application/json", "{\"results\":[]}".getBytes(), Map.of());
        Thread.currentThread().interrupt();
        GenesysRetriableException e = assertThrows(GenesysRetriableException.class, () -> query(config().build()));
        assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(0, apiRequests.get());
    }

    @Test
    void manyThreadsShareOneTokenFetch() throws InterruptedException {
        apiHandler = (ex, n) -> send(ex, 200, "application/json", "{\"results\":[]}".getBytes(), Map.of());
        GenesysClientConfig config = config().build();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    query(config);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(1, tokenRequests.get());
        assertEquals(8, apiRequests.get());
    }
}
