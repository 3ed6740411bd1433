package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.SimulatorStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exactly-once when the worker crashes: the connector runs on a distributed worker in a JVM of its own, which is
 * killed with SIGKILL at seeded random moments and started again, while the simulator injects faults and revokes
 * tokens. Transactions span 3 s ({@code transaction.boundary=interval}), so kills cut open transactions: their
 * records stay in the log, aborted, and a read_committed consumer must still see every bucket exactly once. A 7-day
 * backfill (the 30-day one is {@link SoakIT}'s) and then live following, each run about 0.3 {@code soak.minutes}
 * plus the worker restarts. Without exactly-once the same crashes lose nothing either, and the duplicates they cause
 * are counted. Figures go to {@code target/reliability/soak-crash-*.txt}, the workers' logs next to them.
 */
// A long soak: opt-in with -Dkcg.long.tests=true, so that the default suite stays within CI's time budget.
@EnabledIfSystemProperty(named = "kcg.long.tests", matches = "true")
class CrashSoakIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-05T00:00:00Z");
    static final Duration SETTLE = SoakConnectorConfig.SETTLE;
    static final Duration BUCKET = SoakConnectorConfig.BUCKET;
    static final Duration STALL_LIMIT = Duration.ofMinutes(3);
    static final int MIN_KILLS = 2;


    @TempDir
    Path dir;

    GenesysSimulator sim;
    EmbeddedKafkaCluster kafka;
    ChildWorker worker;
    Path clockFile;
    Path workerLog;
    Map<String, String> workerProps;
    final Random random = new Random(Long.getLong("soak.seed", 20260312L));
    String name;
    boolean exactlyOnce;
    int kills;
    int revocations;
    /** The lowest watermark when the running worker started: it is killed only once it has made progress since. */
    Instant watermarkAtStart;

    @Test
    void killedExactlyOnceWorkersNeitherLoseNorDuplicateABucket() throws Exception {
        Reconciliation reconciliation = soak("soak-crash-exactly-once", true);
        assertEquals(0, reconciliation.duplicatedSameRevision(), "exactly once across SIGKILLs");
    }

    @Test
    void killedAtLeastOnceWorkersLoseNothingAndCountTheirDuplicates() throws Exception {
        soak("soak-crash-at-least-once", false);
    }

    private Reconciliation soak(String name, boolean exactlyOnce) throws Exception {
        this.name = name;
        this.exactlyOnce = exactlyOnce;
        Duration budget = SoakIT.minutes(0.3);
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        kafka = new EmbeddedKafkaCluster(1, broker);
        sim = GenesysSimulator.builder().seed(random.nextLong()).queues(3).agentsPerQueue(4).fixedClock(NOW)
                .tokenLifetime(Duration.ofMinutes(20)).port(0).build().start();
        clockFile = dir.resolve("now");
        FileClock.write(clockFile, NOW);
        Files.createDirectories(FigureTable.DIRECTORY);
        workerLog = FigureTable.DIRECTORY.resolve(name + "-workers.log");
        Files.deleteIfExists(workerLog);
        try {
            kafka.start();
            workerProps = workerProps();
            worker = startWorker();
            return run(budget);
        } finally {
            if (worker != null) {
                worker.kill();
            }
            kafka.stop();
            sim.close();
        }
    }

    private Reconciliation run(Duration budget) throws Exception {
        Map<String, String> props = connectorProps();
        sim.setFaults(FaultPlan.none().with503(0.10).with429(0.05, 1).withTruncated(0.02).withDropped(0.01)
                .withSlow(0.03, Duration.ofMillis(1500)));
        long t0 = System.nanoTime();
        ConnectRest.Answer created = worker.put("connectors/" + name + "/config", ConnectRest.toJson(props));
        assertTrue(created.status() < 300, created.body());
        long nextStrike = System.nanoTime() + pause();

        Instant backfillEnd = settledEnd(NOW);
        nextStrike = await(backfillEnd, nextStrike);
        long backfillNanos = System.nanoTime() - t0;
        int liveSteps = 0;
        Instant target = backfillEnd;
        while (liveSteps < 2 || kills < MIN_KILLS || System.nanoTime() - t0 < budget.toNanos()) {
            sim.clock().advance(BUCKET);
            FileClock.write(clockFile, sim.clock().now());
            target = settledEnd(sim.clock().now());
            nextStrike = await(target, nextStrike);
            liveSteps++;
        }
        long runNanos = System.nanoTime() - t0;
        SimulatorStats stats = sim.stats();
        Instant endClock = sim.clock().now();
        worker.stop();
        worker = null;

        sim.setFaults(FaultPlan.none());
        Map<String, JsonNode> truth = TruthAsFetched.of(sim, props, List.of("queues", "agents"), START, target, NOW,
                SETTLE);
        sim.clock().set(endClock);
        List<ConsumerRecord<byte[], byte[]>> committed = Topics.readCommitted(kafka, Duration.ofMinutes(2),
                name + ".queues", name + ".agents");
        int written = Topics.readUncommitted(kafka, Duration.ofMinutes(2), name + ".queues", name + ".agents").size();
        Reconciliation reconciliation = Reconciliation.of(truth, committed);

        FigureTable table = new FigureTable("Crash soak: " + (exactlyOnce ? "exactly-once" : "at-least-once (no EOS)")
                + " worker killed with SIGKILL, seed " + Long.getLong("soak.seed", 20260312L));
        table.add("simulated span", START + " .. " + target + " (backfill to " + backfillEnd + ", then " + liveSteps
                        + " live steps of " + BUCKET.toMinutes() + " min)")
                .add("delivery", exactlyOnce ? "transactions of 3 s (transaction.boundary=interval)"
                        : "offsets flushed every second");
        reconciliation.addTo(table);
        table.add("records in the log, aborted transactions included", written)
                .add("records of aborted transactions (cut by kills, never visible)", written - committed.size())
                .add("workers killed (SIGKILL) and started again", kills)
                .add("tokens revoked (expireAllTokens)", revocations)
                .add("aggregates requests / 200 OK", stats.aggregateRequests() + " / " + stats.ok200())
                .add("injected 503 / 429 / truncated / dropped / slow", stats.sent503() + " / " + stats.sent429()
                        + " / " + stats.truncated() + " / " + stats.dropped() + " / " + stats.slowed())
                .add("wall time: backfill / whole run", FigureTable.seconds(backfillNanos) + " / "
                        + FigureTable.seconds(runNanos))
                .publish(name);

        assertTrue(kills >= MIN_KILLS, "workers were killed: " + kills);
        assertEquals(0, reconciliation.missing(), "no bucket may be missing");
        assertEquals(0, reconciliation.unexpected(), "no key outside the ground truth");
        assertEquals(0, reconciliation.differing(), "every bucket has the truth's numbers");
        return reconciliation;
    }

    /** Waits until both watermarks reach {@code target}, killing the worker or revoking tokens now and then. */
    private long await(Instant target, long nextStrike) throws Exception {
        long lastProgress = System.nanoTime();
        Instant lowest = null;
        while (true) {
            Instant now = lowestWatermark();
            // Kill only a worker that is producing, so that the kill is likely to cut an open transaction.
            boolean producing = now != null && (watermarkAtStart == null || now.isAfter(watermarkAtStart));
            if (System.nanoTime() >= nextStrike && producing) {
                if (random.nextInt(4) == 0) {
                    sim.expireAllTokens();
                    revocations++;
                } else {
                    worker.kill();
                    kills++;
                    worker = startWorker();
                    watermarkAtStart = now;
                }
                nextStrike = System.nanoTime() + pause();
            }
            if (now != null && !now.isBefore(target)) {
                return nextStrike;
            }
            if (now != null && (lowest == null || now.isAfter(lowest))) {
                lowest = now;
                lastProgress = System.nanoTime();
            }
            failOnFailedTask();
            if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                fail("no progress for " + STALL_LIMIT + ": watermark " + lowest + ", target " + target
                        + "; see " + workerLog);
            }
            Thread.sleep(250);
        }
    }

    private long pause() {
        return Duration.ofSeconds(4).toNanos() + (long) (random.nextDouble() * Duration.ofSeconds(8).toNanos());
    }

    private ChildWorker startWorker() throws Exception {
        return ChildWorker.start(workerProps, Map.of(FileClock.FILE_PROPERTY, clockFile.toString()), dir, workerLog);
    }

    private Instant lowestWatermark() {
        try {
            ConnectRest.Answer answer = worker.get("connectors/" + name + "/offsets");
            if (answer.status() != 200) {
                return null;
            }
            Instant lowest = null;
            int found = 0;
            for (JsonNode offset : answer.json().path("offsets")) {
                JsonNode watermark = offset.path("offset").path("watermark");
                if (watermark.canConvertToLong()) {
                    Instant w = Instant.ofEpochMilli(watermark.asLong());
                    lowest = lowest == null || w.isBefore(lowest) ? w : lowest;
                    found++;
                }
            }
            return found == 2 ? lowest : null;
        } catch (Exception e) {
            return null; // the worker is starting
        }
    }

    private void failOnFailedTask() {
        try {
            ConnectRest.Answer status = worker.get("connectors/" + name + "/status");
            if (status.status() == 200) {
                for (JsonNode task : status.json().path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        fail("task " + task.path("id").asText() + " failed: " + task.path("trace").asText());
                    }
                }
            }
        } catch (java.io.IOException | InterruptedException e) {
            // the worker is starting
        }
    }

    private Map<String, String> workerProps() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", name);
        props.put("key.converter", JsonConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        props.put("config.storage.topic", name + "-configs");
        props.put("offset.storage.topic", name + "-offsets");
        props.put("status.storage.topic", name + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.flush.interval.ms", "1000");
        if (exactlyOnce) {
            props.put("exactly.once.source.support", "enabled");
        }
        props.put("plugin.discovery", "hybrid_warn");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        // a killed worker leaves the group after 6 s instead of 10
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        return props;
    }

    private Map<String, String> connectorProps() {
        Map<String, String> props = new LinkedHashMap<>();
        props.putAll(SoakConnectorConfig.props(sim, name, START, FileClock.class));
        if (exactlyOnce) {
            props.put("exactly.once.support", "required");
            props.put("transaction.boundary", "interval");
            props.put("transaction.boundary.interval.ms", "3000");
        }
        return props;
    }

    private static Instant settledEnd(Instant now) {
        return SoakConnectorConfig.settledEnd(now);
    }
}
