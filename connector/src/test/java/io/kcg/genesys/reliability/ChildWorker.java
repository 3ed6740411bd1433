package io.kcg.genesys.reliability;

import io.kcg.genesys.config.TestingClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed Connect worker in a JVM of its own (the test's class path, {@code ConnectDistributed}), so that a
 * test can kill it outright, as a crash or an OOM killer would, which no in-process worker allows.
 */
final class ChildWorker {
    private final Process process;
    private final String restUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private ChildWorker(Process process, String restUrl) {
        this.process = process;
        this.restUrl = restUrl;
    }

    /** Starts a worker with {@code workerProps} plus a free REST port, logging to {@code log}; waits until it answers. */
    static ChildWorker start(Map<String, String> workerProps, Map<String, String> systemProps, Path dir, Path log)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Properties props = new Properties();
        props.putAll(workerProps);
        props.put("listeners", "http://127.0.0.1:" + port);
        Path file = Files.createTempFile(dir, "worker", ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "child worker");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-D" + TestingClock.ENABLE_PROPERTY + "=true"));
        systemProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildWorker worker = new ChildWorker(process, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the worker exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (worker.get("connectors").status() == 200) {
                    return worker;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        worker.kill();
        throw new IllegalStateException("the worker did not answer within 90 s; see " + log);
    }

    ConnectRest.Answer get(String resource) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(restUrl + "/" + resource)).GET());
    }

    ConnectRest.Answer put(String resource, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(restUrl + "/" + resource))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    ConnectRest.Answer post(String resource) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(restUrl + "/" + resource))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private ConnectRest.Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ConnectRest.Answer(response.statusCode(), response.body());
    }

    /** SIGKILL: no shutdown hook, no graceful task stop, no offset flush, open transactions left open. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clean stop (SIGTERM: Connect's shutdown hook stops the tasks). */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
