package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Serves answers the simulator computed beforehand, by the request's {@code interval}, plus a token: the connector's
 * HTTP path (token, POST, streamed 200 body) without the simulator's model computing each answer on the same cores.
 * It shows what the connector can do when the API is not the bottleneck, as the real Genesys (other machines) is not.
 */
final class ReplayServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TOKEN = "{\"access_token\":\"replay\",\"token_type\":\"bearer\",\"expires_in\":86400}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "replay-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> answersByInterval;
    private final Function<byte[], byte[]> compute;
    private final AtomicInteger misses = new AtomicInteger();

    /**
     * @param answersByInterval the answers computed beforehand, by their {@code interval} text
     * @param compute           answers a request body nobody computed beforehand (then kept for the next time)
     */
    ReplayServer(Map<String, byte[]> answersByInterval, Function<byte[], byte[]> compute) throws IOException {
        this.answersByInterval = new ConcurrentHashMap<>(answersByInterval);
        this.compute = compute;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/oauth/token", exchange -> send(exchange, 200, TOKEN));
        server.createContext("/api/v2/analytics/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode query = JSON.readTree(body);
        byte[] answer = answersByInterval.computeIfAbsent(query.path("interval").asText(), interval -> {
            misses.incrementAndGet();
            return compute.apply(body);
        });
        send(exchange, 200, answer);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Requests whose answer had to be computed while the connector waited. */
    int misses() {
        return misses.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
