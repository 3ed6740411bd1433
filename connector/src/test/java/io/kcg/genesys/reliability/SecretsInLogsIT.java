package io.kcg.genesys.reliability;

import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets stay out of logs, and what the Connect REST API shows of them is known. Everything the JVM logs (broker,
 * worker, connector, tasks, at the connector's DEBUG level) while a connector fetches tokens, renews them after
 * expiry and revocation (401s), rides out 503s, 429s and cut answers, and a second connector fails on a wrong
 * secret, is searched for the client secret, the wrong secret and every access token the simulator issued.
 *
 * <p>The REST API's views of the config are recorded as they are: {@code validate} shows a PASSWORD value as
 * {@code [hidden]}, but the connector's stored config (and its task configs) hold what was submitted, so an inline
 * secret is returned in plain text by {@code GET /connectors/{name}/config}; with a config provider
 * ({@code ${file:...}}) those views show only the placeholder. The REST calls here bypass the embedded cluster's
 * helpers, which log response bodies. Figures go to {@code target/reliability/secrets.txt}.
 */
class SecretsInLogsIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    static final String WRONG_SECRET = "wr0ng-" + UUID.randomUUID();
    static final String CLASS = GenesysAggregatesSourceConnector.class.getName();

    @TempDir
    Path dir;

    GenesysSimulator sim;
    EmbeddedConnectCluster connect;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noSecretOrTokenIsLoggedAndTheRestViewsAreKnown() throws Exception {
        Path secrets = dir.resolve("genesys-secrets.properties");
        Files.writeString(secrets, "client.secret=" + SECRET + "\n");
        String placeholder = "${file:" + secrets + ":client.secret}";

        Map<String, Map<String, String>> views = new LinkedHashMap<>();
        String failedTrace;
        String logs;
        long sent401;
        long tokenRequests;
        try (LogTap tap = LogTap.start()) {
            sim = GenesysSimulator.builder().seed(9L).queues(2).agentsPerQueue(2).clientSecret(SECRET)
                    .tokenLifetime(Duration.ofMinutes(10)).fixedClock(NOW).port(0).build().start();
            SimulatedClock.use(sim);
            Map<String, String> worker = new HashMap<>(Map.of("plugin.discovery", "hybrid_warn",
                    "offset.flush.interval.ms", "500", "config.providers", "file",
                    "config.providers.file.class", FileConfigProvider.class.getName()));
            connect = new EmbeddedConnectCluster.Builder().name("secrets").numWorkers(1).workerProps(worker).build();
            try {
                connect.start();

                // Token fetch, then renewal after revocation and after expiry (401s), and failures on the way.
                create("inline", props("inline", SECRET));
                awaitWatermark("inline", Instant.parse("2026-03-12T02:30:00Z"));
                sim.expireAllTokens();
                sim.setFaults(FaultPlan.none().with503(0.3).with429(0.1, 1).withTruncated(0.1).withDropped(0.05));
                sim.clock().advance(Duration.ofHours(1)); // the 10-minute token expires by the simulator's clock
                awaitWatermark("inline", Instant.parse("2026-03-12T03:30:00Z"));
                sim.expireAllTokens();
                sim.clock().advance(Duration.ofHours(1));
                awaitWatermark("inline", Instant.parse("2026-03-12T04:30:00Z"));
                sim.setFaults(FaultPlan.none());

                // A wrong secret: refused logins are retried for a few seconds (logged), then the task fails, saying
                // so without the secret.
                Map<String, String> wrong = props("wrong", WRONG_SECRET);
                wrong.put("genesys.auth.retry.timeout.ms", "3000");
                create("wrong", wrong);
                connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("wrong", 1, "a wrong secret fails");
                failedTrace = connect.connectorStatus("wrong").tasks().get(0).trace();

                // The secret through a config provider: it works, and the views show the placeholder.
                create("provided", props("provided", placeholder));
                awaitWatermark("provided", Instant.parse("2026-03-12T04:30:00Z"));

                for (String name : List.of("inline", "provided")) {
                    Map<String, String> view = new LinkedHashMap<>();
                    view.put("PUT /connector-plugins/.../config/validate",
                            shown(put("connector-plugins/" + CLASS.substring(CLASS.lastIndexOf('.') + 1)
                                    + "/config/validate", ConnectRest.toJson(props(name, name.equals("inline")
                                    ? SECRET : placeholder))), placeholder));
                    for (String resource : List.of("connectors/" + name + "/config", "connectors/" + name,
                            "connectors/" + name + "/tasks")) {
                        view.put("GET /" + resource.replace(name, "{name}"), shown(get(resource), placeholder));
                    }
                    String all = get("connectors?expand=info");
                    view.put("GET /connectors?expand=info (its entry)",
                            shown(ConnectRest.JSON.readTree(all).path(name).toString(), placeholder));
                    views.put(name, view);
                }
                sent401 = sim.stats().sent401();
                tokenRequests = sim.stats().tokenRequests();
            } finally {
                connect.stop();
                sim.close();
            }
            logs = tap.text();
        }

        Set<String> tokens = sim.issuedTokens();
        int secretHits = count(logs, SECRET);
        int wrongSecretHits = count(logs, WRONG_SECRET);
        int tokenHits = 0;
        for (String token : tokens) {
            tokenHits += count(logs, token);
        }
        FigureTable table = new FigureTable("Secrets: logs and the Connect REST API's views of the config")
                .add("log output scanned", logs.length() / 1024 + " KiB, " + logs.lines().count() + " lines")
                .add("access tokens issued / token requests / 401s answered", tokens.size() + " / " + tokenRequests
                        + " / " + sent401)
                .add("client secret found in the logs", secretHits)
                .add("wrong secret found in the logs", wrongSecretHits)
                .add("access tokens found in the logs", tokenHits)
                .add("wrong secret or secret in the failed task's trace",
                        failedTrace.contains(WRONG_SECRET) || failedTrace.contains(SECRET))
                .add("failed task's trace says", failedTrace.lines().findFirst().orElse("").replaceAll(
                        "^org.apache.kafka.connect.errors.ConnectException: ", ""));
        views.forEach((name, view) -> view.forEach((endpoint, what) ->
                table.add("secret " + name + ": " + endpoint, what)));
        table.publish("secrets");

        assertTrue(tokens.size() >= 3, "tokens were fetched and renewed: " + tokens.size());
        assertTrue(sent401 >= 2, "expired and revoked tokens were refused: " + sent401);
        assertEquals(0, secretHits, "the client secret is never logged");
        assertEquals(0, wrongSecretHits, "a wrong secret is never logged");
        assertEquals(0, tokenHits, "no access token is ever logged");
        assertFalse(failedTrace.contains(WRONG_SECRET), failedTrace);
        assertTrue(failedTrace.contains("refused the OAuth client credentials"), failedTrace);
        // What Kafka Connect does (4.1), as docs/security.md states it.
        assertEquals("[hidden]", views.get("inline").get("PUT /connector-plugins/.../config/validate"));
        assertEquals("plain text", views.get("inline").get("GET /connectors/{name}/config"));
        views.get("provided").forEach((endpoint, what) ->
                assertFalse(what.equals("plain text"), "with a config provider " + endpoint + " shows " + what));
    }

    Map<String, String> props(String name, String secret) {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", CLASS);
        props.put("name", name);
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", secret);
        props.put("genesys.retry.max.attempts", "10");
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\"]}");
        props.put("query.queues.topic", "secrets." + name);
        props.put("query.queues.start", "2026-03-11T00:00:00Z");
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT15M");
        props.put("poll.interval", "PT1S");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    /** How a REST answer shows the secret. */
    static String shown(String body, String placeholder) {
        if (body.contains(SECRET)) {
            return "plain text";
        }
        if (body.contains(placeholder)) {
            return "placeholder " + placeholder.replaceAll(":[^:]*:", ":...:");
        }
        return body.contains("[hidden]") ? "[hidden]" : "absent";
    }

    void create(String name, Map<String, String> props) throws Exception {
        Map<String, String> config = new LinkedHashMap<>(props);
        config.remove("name");
        String answer = put("connectors/" + name + "/config", ConnectRest.toJson(config));
        assertTrue(answer.contains("\"name\":\"" + name + "\""), "created " + name);
    }

    String get(String resource) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(connect.endpointForResource(resource))).GET());
    }

    String put(String resource, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(connect.endpointForResource(resource)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void awaitWatermark(String connector, Instant expected) throws InterruptedException {
        TestUtils.waitForCondition(() -> expected.equals(watermark(connector)), 90_000,
                () -> connector + " watermark is " + watermark(connector) + ", expected " + expected);
    }

    Instant watermark(String connector) {
        for (ConnectorOffset offset : connect.connectorOffsets(connector).offsets()) {
            Object value = offset.offset().get("watermark");
            if (value instanceof Number number) {
                return Instant.ofEpochMilli(number.longValue());
            }
        }
        return null;
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
