package io.kcg.genesys.reliability;

import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of invalid connector configs sent to a real worker's REST API: each is refused by
 * {@code PUT /connector-plugins/.../config/validate} with an error on the key the user has to change (and a message
 * that names it), creating it with {@code PUT /connectors/{name}/config} answers 400 so no task ever starts, and the
 * worker is still healthy and runs a good connector afterwards. Raw REST bodies that are not a config at all must
 * not hurt the worker either. Figures go to {@code target/reliability/bad-config.txt}.
 *
 * <p>The unit-level twin is {@code ConnectorValidateTest} (validate() called directly); this corpus is wider and
 * goes through the worker.
 */
class BadConfigCorpusIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final String CLASS = GenesysAggregatesSourceConnector.class.getName();
    static final String SECRET = "corpus-secret-7f3a9";
    static final String BODY = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"tHandle\"]}";

    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;
    static ConnectRest rest;

    /** One bad config: what it is, the key whose error a user must see, and how it differs from a good config. */
    record Case(String what, String key, Consumer<Map<String, String>> change) {
    }

    static Case set(String what, String key, String value) {
        return new Case(what, key, props -> props.put(key, value));
    }

    static Case body(String what, String body) {
        return set(what, "query.queues.body", body);
    }

    static Case remove(String what, String key, String... alsoRemove) {
        return new Case(what, key, props -> {
            props.remove(key);
            for (String other : alsoRemove) {
                props.remove(other);
            }
        });
    }

    static List<Case> corpus() {
        return List.of(
                body("body: cut JSON", "{\"metrics\":[\"nOffered\""),
                body("body: a JSON array", "[\"nOffered\"]"),
                body("body: a JSON string", "\"nOffered\""),
                body("body: blank", "   "),
                body("body: 5000 nested arrays", "[".repeat(5000) + "]".repeat(5000)),
                body("body: sets interval", "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\","
                        + "\"metrics\":[\"nOffered\"]}"),
                body("body: unknown granularity", "{\"granularity\":\"PT7M\",\"metrics\":[\"nOffered\"]}"),
                body("body: granularity in words", "{\"granularity\":\"thirty minutes\",\"metrics\":[\"nOffered\"]}"),
                body("body: granularity a number", "{\"granularity\":30,\"metrics\":[\"nOffered\"]}"),
                body("body: negative granularity", "{\"granularity\":\"-PT30M\",\"metrics\":[\"nOffered\"]}"),
                body("body: granularity not dividing window.max", "{\"granularity\":\"P7D\",\"metrics\":[\"nOffered\"]}"),
                body("body: unknown time zone", "{\"timeZone\":\"Mars/Olympus\",\"metrics\":[\"nOffered\"]}"),
                body("body: time zone a number", "{\"timeZone\":5,\"metrics\":[\"nOffered\"]}"),
                body("body: no metrics", "{\"granularity\":\"PT30M\"}"),
                body("body: empty metrics", "{\"metrics\":[]}"),
                body("body: metrics a string", "{\"metrics\":\"nOffered\"}"),
                body("body: metric a number", "{\"metrics\":[42]}"),
                body("body: metric listed twice", "{\"metrics\":[\"nOffered\",\"nOffered\"]}"),
                body("body: groupBy an object", "{\"groupBy\":{\"queueId\":true},\"metrics\":[\"nOffered\"]}"),
                body("body: groupBy entry with a space", "{\"groupBy\":[\"queue id\"],\"metrics\":[\"nOffered\"]}"),
                body("body: view without a name", "{\"metrics\":[\"tHandle\"],\"views\":[{\"target\":\"tHandle\","
                        + "\"function\":\"rangeBound\",\"range\":{\"gte\":0,\"lt\":1000}}]}"),
                body("body: view named like a metric", "{\"groupBy\":[\"queueId\"],\"metrics\":[\"tHandle\"],"
                        + "\"views\":[{\"name\":\"tHandle\",\"target\":\"tHandle\",\"function\":\"rangeBound\","
                        + "\"range\":{\"gte\":0,\"lt\":1000}}]}"),
                body("body: filter a string", "{\"filter\":\"queueId=q\",\"metrics\":[\"nOffered\"]}"),
                body("body: filter type xor", "{\"filter\":{\"type\":\"xor\",\"predicates\":[{\"dimension\":"
                        + "\"mediaType\",\"value\":\"voice\"}]},\"metrics\":[\"nOffered\"]}"),
                body("body: filter clause without type", "{\"filter\":{\"type\":\"and\",\"clauses\":[{\"predicates\":"
                        + "[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}]},\"metrics\":[\"nOffered\"]}"),
                body("body: views an object", "{\"metrics\":[\"tHandle\"],\"views\":{\"name\":\"x\"}}"),
                body("body: flattenMultivaluedDimensions a string",
                        "{\"metrics\":[\"nOffered\"],\"flattenMultivaluedDimensions\":\"yes\"}"),
                remove("body: missing", "query.queues.body"),
                set("start: in the future", "query.queues.start", "2999-01-01T00:00:00Z"),
                set("start: not a time", "query.queues.start", "yesterday"),
                set("start: negative span", "query.queues.start", "-P1D"),
                set("start: zero span", "query.queues.start", "PT0S"),
                set("endpoint: a path", "query.queues.endpoint", "conversations/details"),
                set("endpoint: upper case", "query.queues.endpoint", "Conversations"),
                set("endpoint: empty", "query.queues.endpoint", ""),
                set("topic: with a space", "query.queues.topic", "bad topic!"),
                set("topic: 300 characters", "query.queues.topic", "t".repeat(300)),
                remove("credentials: no client id", "genesys.client.id"),
                set("credentials: empty client id", "genesys.client.id", ""),
                remove("credentials: no client secret", "genesys.client.secret"),
                set("credentials: empty client secret", "genesys.client.secret", ""),
                remove("neither region nor URL", "genesys.region", "genesys.api.url"),
                new Case("both region and URL", "genesys.api.url", p -> p.put("genesys.region", "us_east_1")),
                new Case("region: unknown", "genesys.region", p -> {
                    p.remove("genesys.api.url");
                    p.put("genesys.region", "mars_north_1");
                }),
                set("URL: plain http to a remote host", "genesys.api.url", "http://api.mypurecloud.com"),
                set("URL: http to a name that only looks local", "genesys.api.url", "http://127.0.0.1.nip.io:8089"),
                set("URL: ftp", "genesys.api.url", "ftp://127.0.0.1/api"),
                set("URL: not absolute", "genesys.api.url", "api.mypurecloud.com"),
                set("URL: not a URL", "genesys.api.url", "https://exa mple.com/ x"),
                set("URL: with a user and password", "genesys.api.url", "https://user:pa55@api.mypurecloud.com"),
                set("URL: with a query", "genesys.api.url", "https://api.mypurecloud.com/?region=ie"),
                set("window.max: absurd", "window.max", "P10Y"),
                set("window.max: too small", "window.max", "PT1M"),
                set("window.max: negative", "window.max", "-P1D"),
                set("window.max: not a duration", "window.max", "one day"),
                set("settle delay: negative", "window.settle.delay", "-PT5M"),
                set("settle delay: absurd", "window.settle.delay", "P30D"),
                set("poll interval: zero", "poll.interval", "PT0S"),
                set("poll interval: not a duration", "poll.interval", "1 minute"),
                set("rate limit: zero", "genesys.rate.limit.per.minute", "0"),
                set("rate limit: negative", "genesys.rate.limit.per.minute", "-5"),
                set("rate limit: absurd", "genesys.rate.limit.per.minute", "1000000"),
                set("rate limit: not a number", "genesys.rate.limit.per.minute", "fast"),
                set("connect timeout: negative", "genesys.connect.timeout.ms", "-1"),
                set("request timeout: absurd", "genesys.request.timeout.ms", "999999999999"),
                set("retries: absurd", "genesys.retry.max.attempts", "1000"),
                set("Retry-After cap: zero", "genesys.retry.after.max.seconds", "0"),
                set("queries: duplicate names", "queries", "queues,queues"),
                set("queries: name with a space", "queries", "my queues"),
                set("queries: empty", "queries", ""),
                set("output format: unknown", "output.format", "csv"),
                set("derived KPIs: not a boolean", "derived.kpis.enabled", "maybe"),
                set("heartbeat topic: empty", "heartbeat.topic", ""),
                set("heartbeat topic: with a space", "heartbeat.topic", "heart beats"),
                set("heartbeat topic: a query's topic", "heartbeat.topic", "bad-config.queues"),
                set("testing clock: no such class", "internal.testing.clock.class", "com.example.NoSuchClock"),
                set("testing clock: not a Supplier<Clock>", "internal.testing.clock.class", "java.lang.String"),
                set("tasks.max: zero", "tasks.max", "0"));
    }

    @BeforeAll
    static void startAll() {
        sim = GenesysSimulator.builder().seed(3L).queues(2).agentsPerQueue(2).fixedClock(NOW)
                .clientSecret(SECRET).port(0).build().start();
        SimulatedClock.use(sim);
        connect = new EmbeddedConnectCluster.Builder().name("bad-config").numWorkers(1)
                .workerProps(new HashMap<>(Map.of("plugin.discovery", "hybrid_warn"))).build();
        connect.start();
        rest = new ConnectRest(connect);
    }

    @AfterAll
    static void stopAll() {
        if (connect != null) {
            connect.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static Map<String, String> good() {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", CLASS);
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("queries", "queues");
        props.put("query.queues.body", BODY);
        props.put("query.queues.topic", "bad-config.queues");
        props.put("query.queues.start", "2026-03-11T00:00:00Z");
        props.put("window.settle.delay", "PT15M");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    @Test
    void everyBadConfigIsRefusedOnItsKeyNeverRunsAndLeavesTheWorkerHealthy() throws Exception {
        Map<String, String> baseline = good();
        assertEquals(Map.of(), ConnectRest.errors(rest.validate(CLASS, baseline)), "the good config is valid");

        List<Case> corpus = corpus();
        assertTrue(corpus.size() >= 30, "a corpus of at least 30: " + corpus.size());
        List<String> problems = new ArrayList<>();
        int refusedOnKey = 0;
        int createRefused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < corpus.size(); i++) {
            Case c = corpus.get(i);
            Map<String, String> props = good();
            c.change().accept(props);

            ConnectRest.Answer validation = rest.validate(CLASS, props);
            Map<String, List<String>> errors = validation.status() == 200 ? ConnectRest.errors(validation) : Map.of();
            List<String> onKey = errors.getOrDefault(c.key(), List.of());
            if (onKey.isEmpty()) {
                problems.add(c.what() + ": validate gave no error on " + c.key() + " (HTTP " + validation.status()
                        + ", errors " + errors + ")");
            } else if (onKey.stream().noneMatch(m -> m.contains(c.key()))) {
                problems.add(c.what() + ": the error on " + c.key() + " does not name the key: " + onKey);
            } else {
                refusedOnKey++;
            }
            if (validation.body().contains(SECRET)) {
                problems.add(c.what() + ": the validate answer contains the client secret");
            }

            String name = "bad-" + i;
            ConnectRest.Answer created = rest.put("connectors/" + name + "/config", ConnectRest.toJson(props));
            if (created.status() == 400) {
                createRefused++;
            } else {
                problems.add(c.what() + ": creating it answered HTTP " + created.status() + ": " + created.body());
            }
            if (rest.get("connectors/" + name).status() != 404) {
                problems.add(c.what() + ": the connector exists after a refused create");
            }
        }
        long corpusNanos = System.nanoTime() - started;

        // Not a config at all: Connect itself answers these (with a 500 for unparseable JSON, as of Kafka 4.1).
        Map<Integer, Integer> rawStatuses = new java.util.TreeMap<>();
        for (String raw : List.of("{not json", "[1,2,3]", "\"a string\"", "", "{\"connector.class\":" + "[".repeat(3000))) {
            int status = rest.put("connectors/raw/config", raw).status();
            rawStatuses.merge(status, 1, Integer::sum);
            if (status < 400) {
                problems.add("raw body " + abbreviate(raw) + ": HTTP " + status);
            }
        }

        boolean healthy = connect.allWorkersHealthy();
        String created = rest.get("connectors").body().replace(" ", "");
        FigureTable table = new FigureTable("Bad configuration corpus through a worker's REST API")
                .add("invalid configs", corpus.size())
                .add("refused by validate on the right key, message naming it", refusedOnKey)
                .add("create answered 400 and no connector exists", createRefused)
                .add("raw non-config bodies: HTTP status -> count", rawStatuses)
                .add("connectors on the worker after the corpus", created)
                .add("worker healthy afterwards", healthy)
                .add("wall time of the corpus", FigureTable.seconds(corpusNanos));
        problems.forEach(p -> table.add("problem", p));
        table.publish("bad-config");

        assertEquals(List.of(), problems);
        assertTrue(healthy, "the worker is healthy after the corpus");
        assertEquals("[]", created, "no connector was created");
        // The worker still runs a good connector: the corpus left nothing behind.
        connect.configureConnector("good", baseline);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("good", 1, "the good connector runs");
        connect.kafka().consume(1, 60_000, "bad-config.queues");
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : "'" + s + "'";
    }
}
