package io.kcg.genesys.sinks;

import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records land in a real PostgreSQL through Debezium's JDBC sink as they are, with the sink config of
 * docs/sinks.md (upsert by record key, deletes on tombstones, tables created and evolved by the sink, no transforms):
 * a backfill of three days, late postings (a 5-minute settle delay, shorter than the API's ingestion delay) and a
 * nightly restatement that changes and deletes conversations, followed live over simulated time. Afterwards every
 * row of every table, wide and long, equals the simulator's ground truth for its bucket and group (0 missing, 0
 * extra, 0 different), and docs/sinks.md's daily queue report, run on the wide table, equals the simulator's daily
 * figures. Subclasses run it with and without exactly-once.
 */
abstract class PostgresSinkScenario {
    static final Instant START = Instant.parse("2026-03-09T00:00:00Z");
    /** The clock when the connectors start: the backfill covers three days and a half-hour. */
    static final Instant FIRST_NOW = Instant.parse("2026-03-12T00:35:00Z");
    /** Five steps of 30 minutes, across the 02:00 restatement job; each lands 5 minutes after a bucket ended, while
     * that bucket is still growing (metrics are visible up to 10 minutes after their emission). */
    static final Duration STEP = Duration.ofMinutes(30);
    static final int STEPS = 5;
    static final Duration SETTLE = Duration.ofMinutes(5);
    /** The last step before the 02:00 job, and the span it restates: conversations that ended 48 hours before. */
    static final Instant BEFORE_JOB = Instant.parse("2026-03-12T01:35:00Z");
    static final Instant RESTATED_UNTIL = Instant.parse("2026-03-11T00:00:00Z");
    static final Duration BUCKET = Duration.ofMinutes(30);
    /** The backfill (three days of every table, several times a step's records) gets longer than a step. */
    static final long BACKFILL_TIMEOUT_MS = 300_000;
    static final long STEP_TIMEOUT_MS = 90_000;
    static final long CONVERGE_TIMEOUT_MS = 90_000;

    static final String QUEUES = "queues30m";
    static final String AGENTS = "agents30m";
    static final String WIDE = "genesys-wide";
    static final String LONG = "genesys-long";
    static final String SINK = "postgres-sink";
    /**
     * The long format's queue report asks only for what the daily report adds up: a long record per metric, each
     * carrying its schema with JsonConverter, makes the shipped query's thirteen metrics cost more than they test.
     */
    static final List<String> REPORT_METRICS = List.of("nOffered", "tAnswered", "tAbandon", "tHandle", "oServiceLevel");
    static final String AGENTS_BODY = "{\"granularity\":\"PT30M\",\"timeZone\":\"UTC\",\"groupBy\":[\"queueId\",\"userId\"],"
            + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
            + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}";

    abstract boolean exactlyOnce();

    /** Whether the long format runs beside the wide one (a source connector and tables of its own). */
    boolean longFormat() {
        return true;
    }

    /**
     * Whether the agent report runs beside the queue report. Agent groups in 30-minute buckets often hold one
     * conversation, so a deleted conversation makes a group vanish: with it, the restatement and the tombstones are
     * checked on the agents' table, else on the queues'.
     */
    boolean agentReport() {
        return true;
    }

    /**
     * Queues and agents per queue of the simulated contact center: small enough for every build, larger with
     * -Dsinks.queues=N -Dsinks.agents.per.queue=M for a run at another size.
     */
    int queues() {
        return Integer.getInteger("sinks.queues", 4);
    }

    int agentsPerQueue() {
        return Integer.getInteger("sinks.agents.per.queue", 5);
    }

    /** How much longer than at the default size the waits may take. */
    long sizeFactor() {
        return Math.max(1, (long) queues() * agentsPerQueue() / 20);
    }

    private List<String> connectors() {
        return longFormat() ? List.of(WIDE, LONG, SINK) : List.of(WIDE, SINK);
    }

    private List<String> sources() {
        return longFormat() ? List.of(WIDE, LONG) : List.of(WIDE);
    }

    private List<String> queries() {
        return agentReport() ? List.of(QUEUES, AGENTS) : List.of(QUEUES);
    }

    /** The query whose restated and vanished groups the scenario checks. */
    private String restatedQuery() {
        return agentReport() ? AGENTS : QUEUES;
    }

    private String body(String query, String queuesBody) {
        return query.equals(AGENTS) ? AGENTS_BODY : queuesBody;
    }

    @Test
    void everyRowOfTheWideAndLongTablesEqualsTheGroundTruthAfterBackfillLatePostingsRestatementAndDeletion()
            throws Exception {
        long began = System.nanoTime();
        String queuesBody = RepoFiles.queueReportBody();
        String longQueuesBody = RepoFiles.queueReportBody(REPORT_METRICS);
        try (Warehouse warehouse = Warehouse.start();
             GenesysSimulator sim = GenesysSimulator.builder().seed(7L).queues(queues()).agentsPerQueue(agentsPerQueue())
                     .fixedClock(FIRST_NOW).port(0).build().start();
             SinkCluster cluster = SinkCluster.start("sink-" + (exactlyOnce() ? "eos" : "alo"), exactlyOnce())) {
            SimulatedClock.use(sim);
            List<String> topics = new ArrayList<>();
            cluster.configure(WIDE, source(sim, "wide", "", queuesBody));
            queries().forEach(query -> topics.add("genesys." + query));
            if (longFormat()) {
                cluster.configure(LONG, source(sim, "long", ".long", longQueuesBody));
                queries().forEach(query -> topics.add("genesys." + query + ".long"));
            }
            cluster.configure(SINK, sink(warehouse, topics));
            String restated = restatedQuery();
            String restatedBody = body(restated, queuesBody);

            Instant now = FIRST_NOW;
            awaitWatermarks(cluster, sim, now, BACKFILL_TIMEOUT_MS);
            progress(began, "backfilled to " + settledEnd(now));
            Map<List<String>, Map<String, Object>> beforeJob = null;
            for (int step = 1; step <= STEPS; step++) {
                now = now.plus(STEP);
                sim.clock().set(now);
                if (now.equals(BEFORE_JOB)) {
                    beforeJob = GroundTruthRows.table(sim, restated, restatedBody, START, RESTATED_UNTIL, false).rows();
                }
                awaitWatermarks(cluster, sim, now, STEP_TIMEOUT_MS);
                progress(began, "clock " + now + ", watermarks at " + settledEnd(now));
            }
            long followedMs = (System.nanoTime() - began) / 1_000_000;

            Instant end = settledEnd(now);
            List<ExpectedTable> expected = new ArrayList<>();
            for (String query : queries()) {
                expected.add(GroundTruthRows.table(sim, query, body(query, queuesBody), START, end, false));
            }
            if (longFormat()) {
                for (String query : queries()) {
                    expected.add(GroundTruthRows.table(sim, query, body(query, longQueuesBody), START, end, true));
                }
            }
            List<TableReconciliation.Result> results = new ArrayList<>();
            try (Connection db = warehouse.connect()) {
                // The sink applies the last records a moment after the sources committed them.
                cluster.awaitOrTimeOut(CONVERGE_TIMEOUT_MS * sizeFactor(), connectors(), () -> {
                    results.clear();
                    for (ExpectedTable table : expected) {
                        results.add(reconcile(db, table));
                    }
                    return results.stream().allMatch(TableReconciliation.Result::clean);
                });
                long convergedMs = (System.nanoTime() - began) / 1_000_000;
                // What the nightly job did to the truth of the checked query's buckets before it ran (so the
                // scenario really holds restated and vanished groups), and what the topics carried for them.
                Map<List<String>, Map<String, Object>> before = beforeJob;
                Map<List<String>, Map<String, Object>> afterJob = GroundTruthRows.table(sim, restated, restatedBody,
                        START, RESTATED_UNTIL, false).rows();
                long changed = before.keySet().stream()
                        .filter(k -> afterJob.containsKey(k) && !afterJob.get(k).equals(before.get(k))).count();
                long vanished = before.keySet().stream().filter(k -> !afterJob.containsKey(k)).count();
                List<SinkCluster.TopicStats> restatedTopics = new ArrayList<>();
                restatedTopics.add(cluster.topicStats("genesys." + restated));
                if (longFormat()) {
                    restatedTopics.add(cluster.topicStats("genesys." + restated + ".long"));
                }

                System.out.printf("%s (%d queues x %d agents): followed %d steps in %.1f s, tables equal the truth "
                        + "at %.1f s%n", getClass().getSimpleName(), queues(), agentsPerQueue(), STEPS,
                        followedMs / 1000.0, convergedMs / 1000.0);
                results.forEach(System.out::println);
                System.out.printf("the 02:00 job on the %s buckets before %s: %d restated, %d vanished%n", restated,
                        RESTATED_UNTIL, changed, vanished);
                restatedTopics.forEach(System.out::println);
                System.out.println("as the sink created them: " + TableReconciliation.describe(db, "genesys_" + QUEUES)
                        + (longFormat() ? "; " + TableReconciliation.describe(db, "genesys_" + QUEUES + "_long") : ""));

                Instant wholeDays = Instant.parse("2026-03-12T00:00:00Z");
                DailyQueueReport.Comparison report = DailyQueueReport.compare(db, DailyQueueReport.WIDE_SQL,
                        "genesys_" + QUEUES, sim, queuesBody, START, wholeDays);
                DailyQueueReport.Comparison longReport = !longFormat() ? null : DailyQueueReport.compare(db,
                        DailyQueueReport.LONG_SQL, "genesys_" + QUEUES + "_long", sim, longQueuesBody, START, wholeDays);
                System.out.println("daily queue report against the simulator's daily figures: wide table " + report
                        + (longReport == null ? "" : "; long table " + longReport));

                assertAll(results.stream().map(r -> () -> assertTrue(r.clean(), r.toString())));
                assertTrue(changed > 0 && vanished > 0, "the nightly job restated and deleted data: " + changed
                        + " restated, " + vanished + " vanished");
                assertTrue(restatedTopics.stream().allMatch(t -> t.tombstones() > 0), "vanished groups were "
                        + "tombstoned: " + restatedTopics);
                assertTrue(results.stream().limit(queries().size()).allMatch(r -> r.revisedRows() > 0),
                        "late and restated buckets were upserted with a higher revision");
                assertTrue(results.get(queries().indexOf(restated)).expectedRows() > 1_000, "a meaningful table");
                assertEquals(List.of(), report.differences(), "the daily queue report equals the simulator's");
                assertTrue(report.lines() >= queues() * 3 * 3, "a line per queue, media type and whole day");
                if (longReport != null) {
                    assertEquals(List.of(), longReport.differences(), "the long table's report equals the simulator's");
                    assertEquals(report.lines(), longReport.lines(), "both tables report the same lines");
                }
            }
        }
    }

    private static void progress(long began, String what) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - began) / 1e9, what);
    }

    private TableReconciliation.Result reconcile(Connection db, ExpectedTable table) {
        try {
            return TableReconciliation.reconcile(db, table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitWatermarks(SinkCluster cluster, GenesysSimulator sim, Instant now, long timeoutMs)
            throws InterruptedException {
        Instant target = settledEnd(now);
        long timeout = timeoutMs * sizeFactor();
        boolean reached = cluster.awaitOrTimeOut(timeout, connectors(), () ->
                sources().stream().allMatch(connector -> queries().stream()
                        .allMatch(query -> target.equals(cluster.watermark(connector, query)))));
        if (!reached) {
            throw new AssertionError("timed out after " + timeout + " ms waiting for the "
                    + "watermarks to reach " + target + " at " + now + "; they are at " + watermarks(cluster)
                    + "; the simulator served " + sim.stats());
        }
    }

    private Map<String, Instant> watermarks(SinkCluster cluster) {
        Map<String, Instant> watermarks = new LinkedHashMap<>();
        for (String connector : sources()) {
            for (String query : queries()) {
                watermarks.put(connector + "/" + query, cluster.watermark(connector, query));
            }
        }
        return watermarks;
    }

    /** The end of the last bucket settled at {@code now}. */
    static Instant settledEnd(Instant now) {
        long bucket = BUCKET.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.minus(SETTLE).toEpochMilli(), bucket) * bucket);
    }

    /** A source connector running both queries in one format, records as JSON with schemas (the sink needs them). */
    private Map<String, String> source(GenesysSimulator sim, String format, String topicSuffix, String queuesBody) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("queries", String.join(",", queries()));
        for (String query : queries()) {
            props.put("query." + query + ".body", body(query, queuesBody));
            props.put("query." + query + ".topic", "genesys." + query + topicSuffix);
            props.put("query." + query + ".start", START.toString());
        }
        props.put("output.format", format);
        props.put("window.max", "P1D");
        props.put("window.settle.delay", "PT5M");
        props.put("poll.interval", "PT1S");
        props.put("restatement.lookback", "P4D");
        props.put("restatement.interval", "PT30M");
        props.put("heartbeat.topic", "genesys.heartbeats" + topicSuffix);
        props.put("key.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "true");
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "true");
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        if (exactlyOnce()) {
            props.put("exactly.once.support", "required");
            props.put("transaction.boundary", "connector");
        }
        return props;
    }

    /** The sink exactly as docs/sinks.md gives it, pointed at this warehouse and these topics. */
    private static Map<String, String> sink(Warehouse warehouse, List<String> topics) {
        Map<String, String> config = RepoFiles.config("postgres-sink");
        config.put("topics", String.join(",", topics));
        config.put("connection.url", warehouse.jdbcUrl());
        config.put("connection.username", Warehouse.USER);
        config.put("connection.password", Warehouse.PASSWORD);
        return config;
    }
}
