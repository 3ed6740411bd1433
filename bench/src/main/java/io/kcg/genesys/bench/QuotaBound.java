package io.kcg.genesys.bench;

import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.RequestLogEntry;
import io.kcg.genesys.simulator.SimulatorStats;
import org.apache.kafka.connect.json.JsonConverter;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 4: a backfill bound by Genesys's quota. The simulator answers every aggregates request in 1 to 3
 * seconds (uniform, as Genesys's own answers take) and enforces 300 requests per rolling minute; the connector, with
 * the same {@code genesys.rate.limit.per.minute} and two tasks, backfills an agent report (60 queues x 20 agents =
 * 1,200 agents, {@code groupBy} queueId + userId, 30-minute buckets) and a queue report. The time is compared with
 * what the number of requests allows at the quota: requests / limit minutes. One request at a time per task would
 * reach about 30 a minute at 2 s each; the tasks keep {@code window.fetch.concurrency} windows in flight.
 *
 * <p>Knobs (system properties): {@code bench.quota.days} (default 10), {@code bench.quota.window} (window.max, PT1H),
 * {@code bench.quota.in.flight} (8), {@code bench.quota.limit} (300),
 * {@code bench.quota.latency} (1000..3000 ms), {@code bench.quota.agents.per.queue} (20).
 */
final class QuotaBound {
    static final int LIMIT = Integer.getInteger("bench.quota.limit", 300);
    static final int DAYS = Integer.getInteger("bench.quota.days", 10);
    static final int QUEUES = 60;
    static final int AGENTS_PER_QUEUE = Integer.getInteger("bench.quota.agents.per.queue", 20);
    static final String WINDOW = System.getProperty("bench.quota.window", "PT1H");
    /** A task's share is 150 a minute here; at 2 s an answer it needs 5 in flight (docs/sizing.md). */
    static final int IN_FLIGHT = Integer.getInteger("bench.quota.in.flight", 8);
    static final String LATENCY = System.getProperty("bench.quota.latency", "1000..3000");
    static final Instant END = Instant.parse("2026-03-10T00:00:00Z");

    private QuotaBound() {
    }

    static void run(Table table, BenchCluster cluster) throws Exception {
        Instant start = END.minus(Duration.ofDays(DAYS));
        System.out.printf("quota: backfilling %d days against a simulator answering in %s ms...%n", DAYS, LATENCY);
        String[] latency = LATENCY.split("\\.\\.");
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(LargeResponse.SEED).queues(QUEUES)
                .agentsPerQueue(AGENTS_PER_QUEUE).fixedClock(END.plus(Duration.ofDays(1)))
                .rateLimitPerMinute(LIMIT).latency(Duration.ofMillis(Long.parseLong(latency[0])),
                        Duration.ofMillis(Long.parseLong(latency[latency.length - 1])))
                .port(0).build().start()) {
            String prefix = "bench.quota." + System.nanoTime();
            Map<String, String> props = new LinkedHashMap<>();
            props.put("connector.class", "io.kcg.genesys.source.GenesysAggregatesSourceConnector");
            props.put("tasks.max", "2");
            // The records of the connector without Connect's per-record schemas: this measures the quota, and the
            // worker's conversion of 12 KB schema envelopes is measurement 2's subject.
            props.put("key.converter", JsonConverter.class.getName());
            props.put("key.converter.schemas.enable", "false");
            props.put("value.converter", JsonConverter.class.getName());
            props.put("value.converter.schemas.enable", "false");
            props.put("genesys.api.url", sim.baseUrl());
            props.put("genesys.client.id", sim.clientId());
            props.put("genesys.client.secret", sim.clientSecret());
            props.put("genesys.rate.limit.per.minute", Integer.toString(LIMIT));
            props.put("window.fetch.concurrency", Integer.toString(IN_FLIGHT));
            props.put("queries", "agents,queues");
            props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                    + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
                    + "\"metrics\":[\"nConnected\",\"tTalk\",\"tHeld\",\"tAcw\",\"tHandle\"]}");
            props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\","
                    + "\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\",\"tHeld\",\"tAcw\",\"tHandle\",\"oServiceLevel\"]}");
            for (String query : List.of("agents", "queues")) {
                props.put("query." + query + ".start", start.toString());
                props.put("query." + query + ".topic", prefix + "." + query);
            }
            props.put("window.max", WINDOW);
            props.put("window.settle.delay", "PT15M");
            props.put("restatement.lookback", "PT0S");
            props.put("poll.interval", "PT1S");
            props.put("internal.testing.clock.class", BenchClock.class.getName());
            // Connect creates the topics (KIP-158); the embedded broker does not auto-create them.
            props.put("topic.creation.default.replication.factor", "1");
            props.put("topic.creation.default.partitions", "1");
            BenchClock.set(END.plus(Duration.ofMinutes(15)));
            sim.resetStats();

            long cpuBefore = processCpuNanos();
            long began = System.nanoTime();
            cluster.connect.configureConnector("quota", props);
            // Twice what the quota allows, plus start-up: a stalled backfill fails instead of holding the machine.
            long requests = 2L * DAYS * 86_400 / Duration.parse(WINDOW).toSeconds();
            long deadline = began + Duration.ofSeconds(2 * requests * 60 / LIMIT + 120).toNanos();
            while (!END.equals(cluster.watermark("quota", "agents")) || !END.equals(cluster.watermark("quota", "queues"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the quota-bound backfill did not finish in twice its quota time; watermarks "
                            + cluster.watermark("quota", "agents") + ", " + cluster.watermark("quota", "queues"));
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cores = (processCpuNanos() - cpuBefore) / 1e9 / seconds;
            cluster.connect.deleteConnector("quota");
            SimulatorStats stats = sim.stats();
            List<RequestLogEntry> log = sim.requestLog();
            long records = cluster.endOffset(prefix + ".agents") + cluster.endOffset(prefix + ".queues");
            double idealSeconds = stats.aggregateRequests() * 60.0 / LIMIT;
            System.out.printf("quota: %d requests (%d answered 429, most in a rolling minute %d) for %d days in %.1f s; "
                            + "at the quota %.1f s; %,d records; %.1f cores busy%n", stats.aggregateRequests(),
                    stats.sent429(), maxInAnyRollingMinute(log), DAYS, seconds, idealSeconds, records, cores);
            String setup = String.format("%d days, %,d-agent report + queue report, window.max %s, %d/min, "
                            + "latency %s ms, %d tasks x %d in flight", DAYS, QUEUES * AGENTS_PER_QUEUE, WINDOW, LIMIT,
                    LATENCY, 2, IN_FLIGHT);
            table.add("quota-bound backfill: " + setup,
                    String.format("%.0f s (%,d requests, %d got 429, at most %d in any minute; %,d records; %.1f cores busy)",
                            seconds, stats.aggregateRequests(), stats.sent429(), maxInAnyRollingMinute(log), records,
                            cores),
                    String.format("%.0f s (requests / %d per minute)", idealSeconds, LIMIT),
                    String.format("%.2fx", seconds / idealSeconds));
        }
    }

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

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
