package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.SimulatorStats;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measurement 3: the shipped 30-minute queue report (config/queue-report-30m.json) backfilling {@value #DAYS} days
 * through the worker against the simulator, with Genesys's 300 requests per minute enforced by the simulator (and
 * configured in the connector) and 5% of the requests answered 429. Requests per backfilled day are counted by the
 * simulator; the tutorials' way, one request per 30-minute bucket, is 48 per day by construction, and its time is
 * bounded below by the limit alone: 1,440 requests at 300 per rolling minute cannot finish in less than 4 minutes
 * (computed, not run: it would take the whole benchmark's budget).
 */
final class ApiEfficiency {
    static final int DAYS = 30;
    static final int LIMIT_PER_MINUTE = 300;
    static final int RETRY_AFTER_SECONDS = 2;
    static final Instant END = Instant.parse("2026-03-10T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(DAYS));

    private ApiEfficiency() {
    }

    static void run(Table table, BenchCluster cluster, Path root) throws Exception {
        JsonNode file = new ObjectMapper().readTree(root.resolve("config/queue-report-30m.json").toFile());
        Map<String, String> props = new LinkedHashMap<>();
        file.path("config").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        String query = props.get("queries");
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(LargeResponse.SEED).queues(3).agentsPerQueue(8)
                .fixedClock(END.plus(Duration.ofDays(1))).rateLimitPerMinute(LIMIT_PER_MINUTE)
                .faults(FaultPlan.none().with429(0.05, RETRY_AFTER_SECONDS)).port(0).build().start()) {
            props.put("genesys.api.url", sim.baseUrl());
            props.put("genesys.rate.limit.per.minute", Integer.toString(LIMIT_PER_MINUTE));
            props.put("query." + query + ".start", START.toString());
            props.put("query." + query + ".topic", "bench.api." + query);
            props.put("heartbeat.topic", "bench.api.heartbeats");
            props.put("internal.testing.clock.class", BenchClock.class.getName());
            props.put("poll.interval", "PT1S");
            BenchClock.set(END.plus(Duration.parse(props.getOrDefault("window.settle.delay", "PT15M"))));
            sim.resetStats();

            long start = System.nanoTime();
            cluster.connect.configureConnector("api", props);
            long deadline = start + Duration.ofMinutes(3).toNanos();
            while (!END.equals(cluster.watermark("api", query))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the 30-day backfill did not finish in 3 minutes; watermark "
                            + cluster.watermark("api", query));
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cluster.connect.deleteConnector("api");
            SimulatorStats stats = sim.stats();
            double perDay = stats.aggregateRequests() / (double) DAYS;
            System.out.printf("api: %d requests (%d answered 429) for %d days in %.1f s%n", stats.aggregateRequests(),
                    stats.sent429(), DAYS, seconds);
            table.ratio("API requests per backfilled day (30-min queue report)", perDay, 48, "req/day",
                    "one request per bucket");
            table.add(String.format("time to backfill %d days, %d/min limit, 5%% 429s (Retry-After %d s)", DAYS,
                            LIMIT_PER_MINUTE, RETRY_AFTER_SECONDS),
                    String.format("%.1f s (%d requests, %d got 429)", seconds, stats.aggregateRequests(), stats.sent429()),
                    ">= 240 s (1,440 requests at 300/min; computed)", String.format("<= %.2fx", seconds / 240));
        }
    }
}
