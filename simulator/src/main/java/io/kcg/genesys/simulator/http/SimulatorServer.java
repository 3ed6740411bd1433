package io.kcg.genesys.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kcg.genesys.simulator.GenesysApiException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server in front of the router; it also carries out the deliveries faults ask for. */
public final class SimulatorServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add ~40 ms to every response. Read once, when the server classes load; a caller's own
        // setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiRouter router;
    private final StatsRecorder stats;

    private SimulatorServer(HttpServer server, ExecutorService executor, ApiRouter router, StatsRecorder stats) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.stats = stats;
    }

    /** Binds host:port (0 = ephemeral) and starts serving. */
    public static SimulatorServer start(String host, int port, ApiRouter router, StatsRecorder stats) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        // Unbounded but idle threads die: a slow fault must not stall the other requests.
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "genesys-simulator-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SimulatorServer simulator = new SimulatorServer(server, executor, router, stats);
        server.createContext("/", simulator::handle);
        server.setExecutor(executor);
        server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            ApiResponse response;
            try {
                response = router.route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()::getFirst, body);
            } catch (RuntimeException e) {
                response = ApiResponse.error(new GenesysApiException(500, "internal.server.error",
                    "The simulator failed: " + e));
            }
            send(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private void send(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.delivery() == ApiResponse.Delivery.DROPPED) {
            // Closing an exchange before its headers are sent closes the connection: the client gets no response.
            stats.dropped();
            return;
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        if (response.delivery() == ApiResponse.Delivery.TRUNCATED) {
            // Chunked, and properly terminated: the client sees a complete 200 whose body is a prefix of the JSON.
            stats.truncated();
            int cut = 1 + (int) (response.cutFraction() * (body.length - 1));
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, cut);
            }
            return;
        }
        stats.responded(response.status());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
