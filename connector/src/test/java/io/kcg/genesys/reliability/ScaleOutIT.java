package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.it.WorkerProps;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.RequestLogEntry;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector on a distributed Connect cluster of three workers: seven queries (six at a time) over three tasks; in
 * the middle of the backfill the worker running task 0 is stopped and another one added, so tasks move; and, in the
 * run without exactly-once, the connector is reconfigured (a query removed, one added) while it backfills. Reconciled
 * with the simulator's ground truth over the whole range:
 * <ul>
 *   <li>exactly-once: 0 missing, 0 duplicated buckets, and after the move the restatement memory is intact: a
 *       nightly restatement later is followed exactly (every key's latest revision equals the truth, tombstones for
 *       vanished groups, no key twice at one revision);</li>
 *   <li>without: 0 missing, duplicates counted; the requests of all workers together stay within
 *       {@code genesys.rate.limit.per.minute} in every rolling minute (from the simulator's request log), no task
 *       starves, and the queries kept over the reconfiguration carry on from their positions.</li>
 * </ul>
 * Small on purpose (3 queues x 3 agents); bigger runs with {@code -Dscaleout.queues=N}
 * and {@code -Dscaleout.agents=N}. Figures go to {@code target/reliability/scale-out-*.txt}.
 */
class ScaleOutIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant SETTLED_END = Instant.parse("2026-03-12T00:00:00Z");
    static final Duration SETTLE = Duration.ofHours(3);
    static final long TIMEOUT_MS = 180_000;
    static final int QUEUES = Integer.getInteger("scaleout.queues", 3);
    static final int AGENTS = Integer.getInteger("scaleout.agents", 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_METRICS = "[\"nOffered\",\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\","
            + "\"tHandle\",\"oServiceLevel\"]";

    @Test
    void exactlyOnceLosesAndDuplicatesNothingWhenTasksMoveAndTheRestatementMemoryMovesWithThem() throws Exception {
        Instant start = Instant.parse("2026-03-10T00:00:00Z");
        Instant later = NOW.plus(Duration.ofDays(1)); // past the nightly restatement job of 2026-03-13 02:00
        Instant laterEnd = SETTLED_END.plus(Duration.ofDays(1));
        try (Cluster cluster = new Cluster("scale-out-eos", true)) {
            Map<String, String> props = cluster.connectorProps("eos", start, 600, six(cluster.sim));
            props.put("exactly.once.support", "required");
            props.put("transaction.boundary", "connector");
            props.put("restatement.lookback", "P4D");
            props.put("restatement.interval", "PT1H");
            List<String> queries = List.of(props.get("queries").split(","));
            cluster.connect.configureConnector("eos", props);

            cluster.waitForRecords(recordsOf(cluster.sim, props, queries, start, SETTLED_END) / 3, topics(props));
            String moved = cluster.stopTheWorkerOfTask("eos", 0);
            cluster.connect.addWorker();
            cluster.waitForWatermarks("eos", queries, SETTLED_END);

            cluster.sim.clock().set(later);
            cluster.waitForWatermarks("eos", queries, laterEnd);
            Map<String, JsonNode> truth = new LinkedHashMap<>();
            for (String query : queries) {
                truth.putAll(stripRevision(ExpectedRecords.of(cluster.sim, props, query, start, laterEnd)));
            }
            Latest latest = null;
            long deadline = System.currentTimeMillis() + 60_000; // the last restatement pass may still be under way
            while (System.currentTimeMillis() < deadline) {
                latest = Latest.of(Topics.readCommitted(cluster.connect, Duration.ofSeconds(60), topics(props)), truth);
                if (latest.missing == 0 && latest.extra == 0 && latest.differing == 0) {
                    break;
                }
                Thread.sleep(2_000);
            }
            new FigureTable("3 workers, exactly-once, worker of task 0 stopped mid-backfill (" + moved + "), one added, "
                    + "a nightly restatement after the move")
                    .add("queries / tasks", queries.size() + " / 3")
                    .add("keys expected (ground truth, latest)", truth.size())
                    .add("keys missing", latest.missing)
                    .add("keys not in the truth (not tombstoned)", latest.extra)
                    .add("keys whose latest revision differs from the truth", latest.differing)
                    .add("duplicated (key, revision)", latest.duplicates)
                    .add("records re-emitted (revision > 0)", latest.reEmitted)
                    .add("tombstones", latest.tombstones)
                    .add("records read (read_committed)", latest.records)
                    .publish("scale-out-exactly-once");
            assertEquals(0, latest.missing, "missing keys");
            assertEquals(0, latest.extra, "keys Genesys no longer has, not tombstoned");
            assertEquals(0, latest.differing, "keys whose latest revision differs from the truth");
            assertEquals(0, latest.duplicates, "exactly once: no (key, revision) twice");
            assertTrue(latest.reEmitted > 0, "the restatement after the move was re-emitted");
            assertTrue(latest.tombstones > 0, "groups the restatement deleted were tombstoned");
        }
    }

    @Test
    void withoutExactlyOnceNothingIsMissingTheClusterKeepsToOneQuotaAndAReconfigurationKeepsPositions()
            throws Exception {
        Instant start = SETTLED_END.minus(Duration.ofHours(36));
        int limit = 30;
        try (Cluster cluster = new Cluster("scale-out", false)) {
            Map<String, QueryBody> all = new LinkedHashMap<>(six(cluster.sim));
            QueryBody added = new QueryBody("queue2", filteredQueueBody(cluster.sim.queueIds().get(2)));
            Map<String, String> props = cluster.connectorProps("plain", start, limit, all);
            props.put("restatement.lookback", "PT0S"); // every request is a window of the backfill: repeats show
            List<String> first = List.of(props.get("queries").split(","));
            cluster.connect.configureConnector("plain", props);
            long runStarted = System.currentTimeMillis();

            int expectedFirst = recordsOf(cluster.sim, props, first, start, SETTLED_END);
            cluster.waitForRecords(expectedFirst / 4, topics(props));
            String moved = cluster.stopTheWorkerOfTask("plain", 0);
            cluster.connect.addWorker();
            cluster.waitForRecords(expectedFirst / 2, topics(props));

            // Reconfigured while running: the last query removed, another added.
            String removed = first.get(first.size() - 1);
            Map<String, String> reconfigured = cluster.connectorProps("plain", start, limit, withReplaced(all,
                    removed, added));
            reconfigured.put("restatement.lookback", "PT0S");
            Map<String, Instant> before = cluster.watermarks("plain");
            cluster.connect.configureConnector("plain", reconfigured);
            long reconfiguredAt = System.currentTimeMillis();
            List<String> kept = new ArrayList<>(first);
            kept.remove(removed);
            List<String> second = List.of(reconfigured.get("queries").split(","));
            cluster.waitForWatermarks("plain", second, SETTLED_END);
            long runEnded = System.currentTimeMillis();

            Map<String, JsonNode> truth = new LinkedHashMap<>();
            for (String query : second) {
                truth.putAll(ExpectedRecords.of(cluster.sim, reconfigured, query, start, SETTLED_END));
            }
            Reconciliation reconciliation = Reconciliation.of(truth,
                    Topics.readCommitted(cluster.connect, Duration.ofSeconds(60), topics(reconfigured)));

            List<RequestLogEntry> log = cluster.sim.requestLog();
            Map<String, String> queryByBody = new HashMap<>();
            GenesysSourceConfig config = new GenesysSourceConfig(props);
            GenesysSourceConfig reconfiguredConfig = new GenesysSourceConfig(reconfigured);
            for (QueryDefinition query : config.queries()) {
                queryByBody.put(withoutInterval(query.bodyFor(start, SETTLED_END)), query.name());
            }
            for (QueryDefinition query : reconfiguredConfig.queries()) {
                queryByBody.put(withoutInterval(query.bodyFor(start, SETTLED_END)), query.name());
            }
            Map<String, List<RequestLogEntry>> byQuery = new TreeMap<>();
            for (RequestLogEntry entry : log) {
                String query = queryByBody.get(withoutInterval(entry.body()));
                byQuery.computeIfAbsent(query == null ? "(unknown)" : query, q -> new ArrayList<>()).add(entry);
            }
            int maxPerMinute = maxInAnyRollingMinute(log);
            FigureTable table = new FigureTable("3 workers, no exactly-once, worker of task 0 stopped mid-backfill ("
                    + moved + "), one added, reconfigured (" + removed + " removed, " + added.name + " added)");
            table.add("genesys.rate.limit.per.minute (shares of 3 tasks add up to it)", limit)
                    .add("window.fetch.concurrency", props.getOrDefault("window.fetch.concurrency", "4 (default)"))
                    .add("requests in all", log.size())
                    .add("most requests in any rolling 60 s, all workers", maxPerMinute)
                    .add("run (configure to last watermark)", FigureTable.seconds((runEnded - runStarted) * 1_000_000L));
            reconciliation.addTo(table);
            Map<String, Integer> repeats = new TreeMap<>();
            for (Map.Entry<String, List<RequestLogEntry>> entry : byQuery.entrySet()) {
                List<RequestLogEntry> requests = entry.getValue();
                Set<String> distinct = new HashSet<>();
                requests.forEach(r -> distinct.add(r.body()));
                repeats.put(entry.getKey(), requests.size() - distinct.size());
                double spanMinutes = (requests.get(requests.size() - 1).arrivedAtMillis()
                        - requests.get(0).arrivedAtMillis()) / 60_000.0;
                List<Long> gaps = new ArrayList<>();
                for (int i = 1; i < requests.size(); i++) {
                    gaps.add(requests.get(i).arrivedAtMillis() - requests.get(i - 1).arrivedAtMillis());
                }
                gaps.sort(null);
                table.add("query " + entry.getKey() + ": requests, windows asked again, per minute, median gap",
                        requests.size() + ", " + repeats.get(entry.getKey()) + ", "
                                + String.format("%.1f", spanMinutes > 0 ? (requests.size() - 1) / spanMinutes : 0)
                                + ", " + (gaps.isEmpty() ? "-" : String.format("%.1f s", gaps.get(gaps.size() / 2) / 1e3)));
            }
            table.add("watermarks at the reconfiguration", before).publish("scale-out-no-exactly-once");

            assertEquals(0, reconciliation.missing(), "no bucket may be missing");
            assertEquals(0, reconciliation.unexpected(), "no key outside the ground truth");
            assertEquals(0, reconciliation.differing(), "every bucket has the truth's numbers");
            // The quota check proves something only if the backfill asks for more than one minute's quota: three
            // tasks each pacing at the whole limit (three worker JVMs with no shares) then send more than it allows.
            assertTrue(log.size() > limit, "the backfill made " + log.size() + " requests, not more than the limit "
                    + limit + ": the quota check could not fail");
            assertTrue(maxPerMinute <= limit, maxPerMinute + " requests within one minute from 3 workers, limit "
                    + limit);
            assertTrue(!byQuery.containsKey("(unknown)"), "every request is one of the queries");
            int movedOn = 0;
            for (String query : kept) {
                // Committed watermarks only move forward: after the reconfiguration no request of a kept query may
                // start before the watermark it had committed before it.
                Instant committed = before.getOrDefault(query, start);
                movedOn += committed.isAfter(start) ? 1 : 0;
                for (RequestLogEntry entry : byQuery.get(query)) {
                    if (entry.arrivedAtMillis() > reconfiguredAt) {
                        assertTrue(!intervalStart(entry.body()).isBefore(committed), "query " + query + " went back "
                                + "from " + committed + " to " + intervalStart(entry.body()));
                    }
                }
            }
            assertTrue(movedOn > 0, "some kept query had committed progress before the reconfiguration: " + before);
            assertEquals(0, repeats.get(added.name), "the added query backfills each window once");
            for (RequestLogEntry entry : byQuery.get(removed)) {
                assertTrue(entry.arrivedAtMillis() < reconfiguredAt + 30_000, "no request for the removed query "
                        + "once the reconfiguration took effect");
            }
            // No task starves: the typical (median) gap between two requests of a query is within three times what
            // an even split of the limit gives it; the median leaves out the pauses of moves and the reconfiguration.
            double evenGapSeconds = 60.0 * first.size() / limit;
            for (String query : first) {
                if (query.equals(removed)) {
                    continue;
                }
                List<Long> gaps = new ArrayList<>();
                List<RequestLogEntry> requests = byQuery.get(query);
                for (int i = 1; i < requests.size(); i++) {
                    gaps.add(requests.get(i).arrivedAtMillis() - requests.get(i - 1).arrivedAtMillis());
                }
                gaps.sort(null);
                double medianSeconds = gaps.get(gaps.size() / 2) / 1000.0;
                assertTrue(medianSeconds <= 3 * evenGapSeconds, "query " + query + " starved: a request every "
                        + medianSeconds + " s (median), an even split gives one every " + evenGapSeconds + " s");
            }
        }
    }

    record QueryBody(String name, String body) {
    }

    /** Six queries of different shapes; the filtered ones are what a per-division or per-site setup looks like. */
    static Map<String, QueryBody> six(GenesysSimulator sim) {
        Map<String, QueryBody> queries = new LinkedHashMap<>();
        List.of(new QueryBody("queues", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":"
                        + QUEUE_METRICS + "}"),
                new QueryBody("agents", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                        + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
                        + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}"),
                new QueryBody("wrapups", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"wrapUpCode\"],"
                        + "\"metrics\":[\"nConnected\",\"tHandle\"]}"),
                new QueryBody("media", "{\"granularity\":\"PT1H\",\"groupBy\":[\"mediaType\"],\"metrics\":"
                        + QUEUE_METRICS + "}"),
                new QueryBody("queue0", filteredQueueBody(sim.queueIds().get(0))),
                new QueryBody("queue1", filteredQueueBody(sim.queueIds().get(1))))
                .forEach(q -> queries.put(q.name, q));
        return queries;
    }

    static String filteredQueueBody(String queueId) {
        return "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"filter\":{\"type\":\"and\",\"predicates\":"
                + "[{\"dimension\":\"queueId\",\"value\":\"" + queueId + "\"}]},\"metrics\":" + QUEUE_METRICS + "}";
    }

    static Map<String, QueryBody> withReplaced(Map<String, QueryBody> queries, String removed, QueryBody added) {
        Map<String, QueryBody> result = new LinkedHashMap<>(queries);
        result.remove(removed);
        result.put(added.name, added);
        return result;
    }

    static String[] topics(Map<String, String> props) {
        return List.of(props.get("queries").split(",")).stream().map(q -> props.get("query." + q + ".topic"))
                .toArray(String[]::new);
    }

    static int recordsOf(GenesysSimulator sim, Map<String, String> props, List<String> queries, Instant start,
                         Instant end) {
        int records = 0;
        for (String query : queries) {
            records += ExpectedRecords.of(sim, props, query, start, end).size();
        }
        return records;
    }

    /** The most requests within any closed 60-second span. */
    static int maxInAnyRollingMinute(List<RequestLogEntry> log) {
        List<Long> times = log.stream().map(RequestLogEntry::arrivedAtMillis).sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) > 60_000) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    static Instant intervalStart(String body) {
        try {
            return Instant.parse(JSON.readTree(body).get("interval").asText().split("/")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String withoutInterval(String body) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.remove("interval");
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, JsonNode> stripRevision(Map<String, JsonNode> values) {
        Map<String, JsonNode> stripped = new LinkedHashMap<>();
        values.forEach((k, v) -> stripped.put(k, stripRevision(v)));
        return stripped;
    }

    static JsonNode stripRevision(JsonNode value) {
        ObjectNode copy = ((ObjectNode) value).deepCopy();
        copy.remove("revision");
        return copy;
    }

    /** Every key's latest state in the topics against the truth; a tombstone removes the key. */
    static final class Latest {
        int records;
        int missing;
        int extra;
        int differing;
        int duplicates;
        int reEmitted;
        int tombstones;

        static Latest of(List<ConsumerRecord<byte[], byte[]>> read, Map<String, JsonNode> truth) {
            Latest r = new Latest();
            Map<String, JsonNode> latest = new HashMap<>();
            Set<String> keyRevisions = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : read) {
                r.records++;
                String key = ExpectedRecords.key(record);
                if (record.value() == null) {
                    r.tombstones++;
                    latest.remove(key);
                    continue;
                }
                JsonNode value = ExpectedRecords.value(record);
                int revision = value.path("revision").asInt();
                r.reEmitted += revision > 0 ? 1 : 0;
                if (!keyRevisions.add(key + "#" + revision)) {
                    r.duplicates++;
                }
                latest.put(key, stripRevision(value));
            }
            for (Map.Entry<String, JsonNode> entry : truth.entrySet()) {
                JsonNode got = latest.get(entry.getKey());
                if (got == null) {
                    r.missing++;
                } else if (!got.equals(entry.getValue())) {
                    r.differing++;
                }
            }
            for (String key : latest.keySet()) {
                r.extra += truth.containsKey(key) ? 0 : 1;
            }
            return r;
        }
    }

    /** A simulator and a Connect cluster of three workers on one KRaft broker. */
    static final class Cluster implements AutoCloseable {
        final GenesysSimulator sim;
        final EmbeddedConnectCluster connect;

        Cluster(String name, boolean exactlyOnce) {
            sim = GenesysSimulator.builder().seed(31L).queues(QUEUES).agentsPerQueue(AGENTS).fixedClock(NOW)
                    .latency(Duration.ofMillis(50), Duration.ofMillis(250)).port(0).build().start();
            SimulatedClock.use(sim);
            Properties broker = new Properties();
            broker.put("transaction.state.log.replication.factor", "1");
            broker.put("transaction.state.log.min.isr", "1");
            Map<String, String> overrides = new HashMap<>();
            // A departed worker's tasks go to the others after this delay (the default is 5 minutes).
            overrides.put("scheduled.rebalance.max.delay.ms", "2000");
            if (exactlyOnce) {
                overrides.put("exactly.once.source.support", "enabled");
            }
            connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(3).brokerProps(broker)
                    .workerProps(WorkerProps.with(overrides)).build();
            connect.start();
        }

        Map<String, String> connectorProps(String prefix, Instant start, int limit, Map<String, QueryBody> queries) {
            Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
            props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
            props.put("tasks.max", "3");
            props.put("genesys.api.url", sim.baseUrl());
            props.put("genesys.client.id", sim.clientId());
            props.put("genesys.client.secret", sim.clientSecret());
            props.put("genesys.rate.limit.per.minute", Integer.toString(limit));
            props.put("genesys.retry.max.attempts", "10");
            props.put("queries", String.join(",", queries.keySet()));
            for (QueryBody query : queries.values()) {
                props.put("query." + query.name + ".body", query.body);
                props.put("query." + query.name + ".topic", prefix + "." + query.name);
                props.put("query." + query.name + ".start", start.toString());
            }
            props.put("window.max", "PT6H");
            props.put("window.settle.delay", SETTLE.toString());
            props.put("poll.interval", "PT1S");
            props.put("internal.testing.clock.class", SimulatedClock.class.getName());
            props.put("topic.creation.default.replication.factor", "1");
            props.put("topic.creation.default.partitions", "1");
            return props;
        }

        void waitForRecords(int count, String... topics) {
            connect.kafka().consume(count, TIMEOUT_MS, topics);
        }

        /** Stops the worker that runs task {@code task} of the connector; returns its URL. */
        String stopTheWorkerOfTask(String connector, int task) throws InterruptedException {
            String[] workerId = new String[1];
            TestUtils.waitForCondition(() -> {
                for (ConnectorStateInfo.TaskState state : connect.connectorStatus(connector).tasks()) {
                    if (state.id() == task && "RUNNING".equals(state.state())) {
                        workerId[0] = state.workerId();
                        return true;
                    }
                }
                return false;
            }, TIMEOUT_MS, "task " + task + " running");
            String port = workerId[0].substring(workerId[0].lastIndexOf(':') + 1);
            for (WorkerHandle worker : connect.workers()) {
                if (Integer.toString(worker.url().getPort()).equals(port)) {
                    connect.removeWorker(worker);
                    return workerId[0];
                }
            }
            throw new AssertionError("no worker " + workerId[0] + " among " + connect.workers());
        }

        Map<String, Instant> watermarks(String connector) {
            Map<String, Instant> watermarks = new TreeMap<>();
            for (ConnectorOffset offset : connect.connectorOffsets(connector).offsets()) {
                Object watermark = offset.offset().get("watermark");
                if (watermark instanceof Number number && offset.partition().get("query") != null
                        && offset.partition().get("bucket") == null) {
                    watermarks.put(String.valueOf(offset.partition().get("query")),
                            Instant.ofEpochMilli(number.longValue()));
                }
            }
            return watermarks;
        }

        void waitForWatermarks(String connector, List<String> queries, Instant end) throws InterruptedException {
            TestUtils.waitForCondition(() -> {
                Map<String, Instant> watermarks = watermarks(connector);
                return queries.stream().allMatch(q -> end.equals(watermarks.get(q)));
            }, TIMEOUT_MS, () -> "watermarks " + watermarks(connector) + ", expected " + end + " for " + queries);
        }

        @Override
        public void close() {
            connect.stop();
            sim.close();
        }
    }
}
