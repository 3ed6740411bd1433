package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 3 (from Maven Central's apicurio-registry-app, unpacked by the build) as a child process with
 * in-memory storage, and the parts of its Confluent-compatible API ({@code /apis/ccompat/v7}) that the tests use.
 * Its log goes to {@code <registry dir>/registry-<port>.log}.
 */
public final class ApicurioRegistry implements AutoCloseable {
    public static final String DIR_PROPERTY = "genesys.apicurio.registry.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Thread shutdownHook;

    private ApicurioRegistry(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = "http://127.0.0.1:" + port;
        // If the test JVM dies without closing us, do not leave a registry behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "apicurio-registry-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The unpacked registry, from the system property the connector's pom sets. */
    public static Path distribution() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || !Files.isRegularFile(Path.of(dir, "quarkus-run.jar"))) {
            throw new IllegalStateException("no Apicurio Registry at " + DIR_PROPERTY + "=" + dir + "; run the "
                    + "tests through Maven (mvn -pl connector test), which unpacks io.apicurio:apicurio-registry-app "
                    + "into connector/target at generate-test-resources");
        }
        return Path.of(dir);
    }

    /** Starts the registry; {@link #awaitReady} waits for it, so other setup can run meanwhile. */
    public static ApicurioRegistry start(Path javaHome, Path distribution) throws IOException {
        int port = freePort();
        Path log = distribution.resolve("registry-" + port + ".log");
        Process process = new ProcessBuilder(Java21Home.java(javaHome).toString(), "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.enabled=false", "-jar", "quarkus-run.jar")
                .directory(distribution.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ApicurioRegistry(process, log, port);
    }

    public ApicurioRegistry awaitReady(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                // /health/ready is not served on this build; the subjects list answers once the API is up.
                if (send(HttpRequest.newBuilder(uri("/subjects")).GET()).statusCode() == 200) {
                    System.out.printf("Apicurio Registry ready at %s, %d ms after awaitReady%n", baseUrl,
                            (System.nanoTime() - started) / 1_000_000);
                    return this;
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Apicurio Registry not ready after " + timeout + ":\n" + logTail());
    }

    /** The v2 API base that Apicurio's 2.x converter talks to. */
    public String registryV2Url() {
        return baseUrl + "/apis/registry/v2";
    }

    /** Sets the registry-wide compatibility rule (e.g. BACKWARD), so that an incompatible version is refused. */
    public void setGlobalCompatibility(String level) {
        JsonNode answer = json(HttpRequest.newBuilder(uri("/config")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")));
        if (!level.equals(answer.path("compatibility").asText())) {
            throw new IllegalStateException("compatibility not set: " + answer);
        }
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        json(HttpRequest.newBuilder(uri("/subjects")).GET()).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        json(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions")).GET())
                .forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    public Schema version(String subject, int version) {
        return parse(json(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions/" + version)).GET()));
    }

    /** The schema with the id a record carries after its magic byte, from {@code /schemas/ids/{id}}; cached. */
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, i -> parse(json(HttpRequest.newBuilder(uri("/schemas/ids/" + i)).GET())));
    }

    /** The registry's own verdict on {@code schema} as the next version of {@code subject}. */
    public boolean isCompatibleWithLatest(String subject, Schema schema) {
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        JsonNode answer = json(HttpRequest.newBuilder(uri("/compatibility/subjects/" + encode(subject)
                        + "/versions/latest")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (!answer.has("is_compatible")) {
            throw new IllegalStateException("no verdict: " + answer);
        }
        return answer.get("is_compatible").asBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static Schema parse(JsonNode answer) {
        return new Schema.Parser().parse(answer.get("schema").asText());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + "/apis/ccompat/v7" + path);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private JsonNode json(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
