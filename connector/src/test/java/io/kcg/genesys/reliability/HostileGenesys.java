package io.kcg.genesys.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile peer on 127.0.0.1 that speaks just enough Genesys: {@code /oauth/token} and the aggregates query. Its
 * aggregates answer is scripted ({@link #serve}, or {@link #serveOnce} for one request); with no script it forwards to
 * an upstream (the simulator), so a connector can run against good answers, then bad ones, then good ones again.
 */
final class HostileGenesys implements AutoCloseable {
    /** Writes one complete (or deliberately broken) HTTP answer. */
    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private final AtomicInteger scripted = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger untilOnce = new AtomicInteger();
    private volatile Answer script;
    private volatile Answer once;
    private String matchText;
    private Answer matchAnswer;

    /** @param upstream base URL to forward to when nothing is scripted, or null to have no upstream */
    HostileGenesys(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-genesys");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every aggregates query with {@code answer} from now on; null forwards to the upstream again. */
    void serve(Answer answer) {
        script = answer;
    }

    /**
     * The {@code nth} aggregates query from now on (1: the next one) gets {@code answer}, once; the others are
     * answered as before, so a test can break one request of a sequence without racing the connector to it.
     */
    void serveOnce(int nth, Answer answer) {
        untilOnce.set(nth);
        once = answer;
    }

    /**
     * The first aggregates query whose body contains {@code text} (an interval, say) gets {@code answer}, once: for
     * requests made side by side, whose order of arrival is not fixed.
     */
    synchronized void serveOnceWhereBodyHas(String text, Answer answer) {
        matchText = text;
        matchAnswer = answer;
    }

    private synchronized Answer matching(String body) {
        if (matchText != null && body.contains(matchText)) {
            Answer answer = matchAnswer;
            matchText = null;
            matchAnswer = null;
            return answer;
        }
        return null;
    }

    int scriptedAnswers() {
        return scripted.get();
    }

    int forwardedAnswers() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean token = exchange.getRequestURI().getPath().equals("/oauth/token");
            Answer answer = token ? null : matching(new String(body, StandardCharsets.UTF_8));
            answer = answer != null || token ? answer : scriptFor();
            if (answer != null) {
                scripted.incrementAndGet();
                answer.write(exchange);
            } else if (upstream != null) {
                forwarded.incrementAndGet();
                forward(exchange, body);
            } else if (token) {
                json(200, "{\"access_token\":\"hostile-token\",\"token_type\":\"bearer\",\"expires_in\":86400}")
                        .write(exchange);
            } else {
                json(503, "{\"status\":503,\"code\":\"service.unavailable\",\"message\":\"nothing scripted\"}")
                        .write(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    /** The scripted answer of this aggregates query, or null to forward it. */
    private Answer scriptFor() {
        Answer one = once;
        if (one != null && untilOnce.decrementAndGet() == 0) {
            once = null;
            return one;
        }
        return script;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[] {"Authorization", "Content-Type", "Accept"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** A complete answer with a JSON content type. */
    static Answer json(int status, String body) {
        return bytes(status, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer bytes(int status, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
