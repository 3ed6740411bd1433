package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kcg.genesys.source.Version;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool as an operator uses it on a production config: per-command help and --version, placeholders resolved
 * like a worker resolves them (checked by the secret a stub Genesys login receives), and {@code status} against a
 * stub of the Connect REST API.
 */
class CliOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "queue-report-30m.json");

    private HttpServer server;
    private final Map<String, String> received = new ConcurrentHashMap<>();

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GenesysAggregatesCli.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyCommandHasItsHelpAndTheToolItsVersion() {
        for (String command : GenesysAggregatesCli.COMMANDS.keySet()) {
            Run help = run(command, "--help");
            assertEquals(0, help.exit(), command + ": " + help.err());
            assertTrue(help.out().contains("genesys-aggregates " + command), help.out());
            assertTrue(help.out().contains(GenesysAggregatesCli.COMMANDS.get(command)), help.out());
            assertEquals(0, run(command, "--config", "x.json", "-h").exit());
        }
        Run version = run("--version");
        assertEquals(0, version.exit());
        assertEquals("genesys-aggregates " + Version.get(), version.out().strip());
        assertFalse(Version.get().equals("unknown"), "the version resource is in the tool");
        assertEquals(2, run("preview", "--from").exit());
    }

    @Test
    void fileAndEnvironmentPlaceholdersResolveAsOnAWorker(@TempDir Path dir) throws IOException {
        Path secrets = Files.writeString(dir.resolve("genesys.properties"), "secret=s3cr3t-from-file\n");
        Map<String, String> config = Map.of(
                "genesys.client.secret", "${file:" + secrets + ":secret}",
                "genesys.client.id", "${env::GENESYS_CLIENT_ID}",
                "queries", "q");
        try (ConfigProviders providers = ConfigProviders.defaults(
                () -> new EnvVarConfigProvider(Map.of("GENESYS_CLIENT_ID", "id-from-env")))) {
            Map<String, String> resolved = providers.resolve(config);
            assertEquals("s3cr3t-from-file", resolved.get("genesys.client.secret"));
            assertEquals("id-from-env", resolved.get("genesys.client.id"));
            assertEquals("q", resolved.get("queries"));

            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> providers.resolve(Map.of("genesys.client.secret", "${file:" + secrets + ":nokey}")));
            assertTrue(missing.getMessage().startsWith("'genesys.client.secret' has a placeholder that does not "
                    + "resolve: ${file:"), missing.getMessage());
        }
    }

    @Test
    void aWorkersConfigProvidersAreTheOnesUsed(@TempDir Path dir) throws IOException {
        Path secrets = Files.writeString(dir.resolve("genesys.properties"), "secret=from-worker-provider\n");
        Path worker = Files.writeString(dir.resolve("worker.properties"), String.join("\n",
                "config.providers=vault",
                "config.providers.vault.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.vault.param.allowed.paths=" + dir, ""));
        try (ConfigProviders providers = ConfigProviders.ofWorker(worker)) {
            assertEquals("from-worker-provider",
                    providers.resolve(Map.of("s", "${vault:" + secrets + ":secret}")).get("s"));
            // Only what the worker declares: no implicit file provider next to it.
            assertThrows(IllegalArgumentException.class,
                    () -> providers.resolve(Map.of("s", "${file:" + secrets + ":secret}")));
        }
    }

    /** preview logs in with the secret the placeholder points at, never with the placeholder itself. */
    @Test
    void previewSendsTheResolvedSecret(@TempDir Path dir) throws IOException {
        startServer();
        Path secrets = Files.writeString(dir.resolve("genesys.properties"), "secret=resolved-secret-9\n");
        ObjectNodeConfig config = ObjectNodeConfig.of(CONFIG);
        config.set("genesys.api.url", "http://127.0.0.1:" + server.getAddress().getPort());
        config.set("genesys.client.secret", "${file:" + secrets + ":secret}");
        Path file = config.writeTo(dir.resolve("connector.json"));

        Run preview = run("preview", "--config", file.toString(), "--from", "2026-03-01T00:00:00Z",
                "--to", "2026-03-01T01:00:00Z");
        assertEquals(0, preview.exit(), preview.err());
        String basic = received.get("token-authorization").substring("Basic ".length());
        assertEquals("demo-client:resolved-secret-9",
                new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8));
        assertTrue(preview.out().contains("== query queues30m"), preview.out());
    }

    @Test
    void statusPrintsWatermarkAndLagAndTheRewindBody() throws IOException {
        startServer();
        String connect = "http://127.0.0.1:" + server.getAddress().getPort();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T12:20:00Z"), ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = assertDoesNotFail(() -> new StatusCommand(CliArgs.parse(new String[] {"--connect", connect + "/",
                "--connector", "genesys-queue-report-30m", "--rewind-to", "2026-03-01T07:45:00Z"}, "--connect",
                "--connector", "--query", "--rewind-to"), out, clock).run());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit);
        // 12:20 minus the 15 min settle delay is 12:05: the newest settled 30-minute bucket ends at 12:00.
        assertTrue(text.contains("queues30m  2026-03-02T09:00:00Z  2026-03-02T12:00:00Z  PT3H  6"), text);
        String body = text.substring(text.indexOf("-d '") + 4, text.lastIndexOf("'"));
        JsonNode patch = JSON.readTree(body);
        assertEquals("queues30m", patch.at("/offsets/0/partition/query").asText());
        assertEquals(Instant.parse("2026-03-01T07:30:00Z").toEpochMilli(), patch.at("/offsets/0/offset/watermark").asLong());
        assertTrue(text.contains("curl -s -X PUT " + connect + "/connectors/genesys-queue-report-30m/stop"), text);
    }

    @Test
    void statusSaysWhatTheWorkerRefused() throws IOException {
        startServer();
        Run status = run("status", "--connect", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--connector", "nope");
        assertEquals(1, status.exit());
        assertTrue(status.err().contains("404: Connector nope not found"), status.err());
    }

    private interface Command {
        int run() throws Exception;
    }

    private static int assertDoesNotFail(Command command) {
        try {
            return command.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A stub Genesys login and API, and a stub of the Connect REST API with one connector. */
    private void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                String path = exchange.getRequestURI().getPath();
                exchange.getRequestBody().readAllBytes();
                if (path.equals("/oauth/token")) {
                    received.put("token-authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                    send(exchange, 200, "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":86399}");
                } else if (path.startsWith("/api/v2/analytics/")) {
                    send(exchange, 200, "{\"results\":[]}");
                } else if (path.equals("/connectors/genesys-queue-report-30m/config")) {
                    send(exchange, 200, JSON.writeValueAsString(ObjectNodeConfig.of(CONFIG).config));
                } else if (path.equals("/connectors/genesys-queue-report-30m/offsets")) {
                    // After the query's own partition, a bucket's restatement memory: its partition names the query too.
                    send(exchange, 200, "{\"offsets\":[{\"partition\":{\"query\":\"queues30m\"},\"offset\":"
                            + "{\"watermark\":" + Instant.parse("2026-03-02T09:00:00Z").toEpochMilli()
                            + ",\"memory_from\":1}},{\"partition\":{\"query\":\"queues30m\",\"bucket\":1},"
                            + "\"offset\":{\"memory\":\"x\",\"watermark\":1}}]}");
                } else {
                    send(exchange, 404, "{\"error_code\":404,\"message\":\"Connector nope not found\"}");
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The config of a connector JSON file, to change and write back. */
    private static final class ObjectNodeConfig {
        private final ObjectNode root;
        private final ObjectNode config;

        private ObjectNodeConfig(ObjectNode root) {
            this.root = root;
            this.config = (ObjectNode) root.get("config");
        }

        static ObjectNodeConfig of(Path file) throws IOException {
            return new ObjectNodeConfig((ObjectNode) JSON.readTree(file.toFile()));
        }

        void set(String key, String value) {
            config.put(key, value);
        }

        Path writeTo(Path file) throws IOException {
            JSON.writeValue(file.toFile(), root);
            return file;
        }
    }
}
