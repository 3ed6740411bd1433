package io.kcg.genesys.simulator.http;

import io.kcg.genesys.simulator.GenesysApiException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The HTTP server in front of the router (Jetty, without servlets); it also carries out the deliveries faults ask
 * for. Jetty is used rather than the JDK's HttpServer because clients are tested against what this server sends:
 * header names go out exactly as Genesys spells them ({@code Retry-After}, {@code ININ-Correlation-Id},
 * {@code inin-ratelimit-count}), where the JDK server rewrites them, and every status line has its reason phrase
 * ({@code 429 Too Many Requests}), which the JDK server leaves out for 429.
 */
public final class SimulatorServer implements AutoCloseable {
    /** Enough threads that slow faults never stall the other requests; idle ones go after a minute. */
    private static final int MAX_THREADS = 500;

    private final Server server;
    private final ServerConnector connector;
    private final ApiRouter router;
    private final StatsRecorder stats;

    private SimulatorServer(Server server, ServerConnector connector, ApiRouter router, StatsRecorder stats) {
        this.server = server;
        this.connector = connector;
        this.router = router;
        this.stats = stats;
    }

    /** Binds host:port (0 = ephemeral) and starts serving. */
    public static SimulatorServer start(String host, int port, ApiRouter router, StatsRecorder stats) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
        threads.setName("genesys-simulator-http");
        threads.setDaemon(true);
        threads.setStopTimeout(100); // close() interrupts slow faults instead of waiting them out
        Server server = new Server(threads);
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        SimulatorServer simulator = new SimulatorServer(server, connector, router, stats);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                simulator.handle(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port,
                e instanceof IOException io ? io : new IOException(e));
        }
        return simulator;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void handle(Request request, Response response, Callback callback) {
        try {
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            ApiResponse answer;
            try {
                answer = router.route(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), name -> request.getHeaders().get(name), body);
            } catch (RuntimeException e) {
                answer = ApiResponse.error(new GenesysApiException(500, "internal.server.error",
                    "The simulator failed: " + e));
            }
            send(request, response, callback, answer);
        } catch (IOException | RuntimeException e) {
            // The client went away (or the answer could not be written): nothing more to say.
            callback.failed(e);
        }
    }

    private void send(Request request, Response response, Callback callback, ApiResponse answer) throws IOException {
        if (answer.delivery() == ApiResponse.Delivery.DROPPED) {
            // Closing the connection before anything is written: the client gets no response at all.
            stats.dropped();
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new IOException("connection dropped by a fault"));
            return;
        }
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        byte[] body = answer.body();
        if (answer.delivery() == ApiResponse.Delivery.TRUNCATED) {
            // Chunked, and properly terminated: the client sees a complete 200 whose body is a prefix of the JSON.
            stats.truncated();
            int cut = 1 + (int) (answer.cutFraction() * (body.length - 1));
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(body, 0, cut);
                out.flush(); // commits without a Content-Length, so the cut body goes out chunked
            }
            callback.succeeded();
            return;
        }
        stats.responded(answer.status());
        response.getHeaders().put("Content-Length", Long.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the simulator's HTTP server did not stop cleanly", e);
        }
    }
}
