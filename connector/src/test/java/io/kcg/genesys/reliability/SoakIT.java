package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.SimulatorStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The soak: a 30-day backfill of two queries and then live following, against a simulator that answers 10 % 503s,
 * 5 % 429s with Retry-After, 2 % each of 500s, 502s (a gateway's HTML page) and 504s, 2 % truncated bodies, 1 %
 * dropped connections and 3 % slow answers, whose OAuth tokens live 20 simulated minutes and are revoked at random,
 * whose login host refuses or fails for a second now and then, while the connector, its tasks and the worker are
 * restarted at seeded random moments, and which refuses answers over {@value #MAX_ANSWER_BYTES} bytes as Genesys does
 * (400 {@code response.entity.too.large}: a busy 6-hour window of the queue report, which the task splits). Afterwards
 * the topics are reconciled with the simulator's ground truth.
 *
 * <p>Bounded for CI: the run lasts about {@code soak.minutes} (default 1.2) on an exactly-once worker; run longer
 * with {@code mvn -pl connector test -Dtest=SoakIT -Dsoak.minutes=30}. The seed is {@code soak.seed} (default
 * 20260312). Figures go to {@code target/reliability/soak-exactly-once.txt}. These restarts go through Connect's
 * own stop paths; {@link CrashSoakIT} kills workers outright, with and without exactly-once.
 *
 * <p>The truth a window is checked against is the truth as of the clock when it was fetched: the settle delay
 * (15 min) exceeds the simulator's longest ingestion delay (10 min), so a fetched bucket is final until a nightly
 * restatement touches it, which happens to data 48 h old at the earliest. Backfilled buckets are checked against the
 * truth at the start clock, live ones against the truth when they settled. Restatement re-polling is turned off
 * ({@code restatement.lookback=PT0S}): re-emitted revisions are another test's subject.
 */
class SoakIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-02-10T00:00:00Z");
    static final Duration SETTLE = SoakConnectorConfig.SETTLE;
    static final Duration BUCKET = SoakConnectorConfig.BUCKET;
    /** Longest time without progress before the soak gives up (a stall is a failure, not a slow run). */
    static final Duration STALL_LIMIT = Duration.ofMinutes(3);
    /** Above any one bucket of either query, below the busiest 6-hour windows of the queue report (a few a day). */
    static final long MAX_ANSWER_BYTES = 80_000;

    static final String QUEUE_METRICS = "[\"nOffered\",\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\",\"tHeld\","
            + "\"tAcw\",\"tHandle\",\"oServiceLevel\"]";

    @Test
    void exactlyOnceWorkerLosesNothingAndDuplicatesNothing() throws Exception {
        Result result = new Soak("soak-exactly-once", true, START, minutes(1.0)).run();
        assertEquals(0, result.reconciliation.missing(), "no bucket may be missing");
        assertEquals(0, result.reconciliation.unexpected(), "no key outside the ground truth");
        assertEquals(0, result.reconciliation.differing(), "every bucket has the truth's numbers");
        assertEquals(0, result.reconciliation.duplicatedSameRevision(), "exactly once: no (key, revision) twice");
        assertTrue(result.restarts > 0, "the soak restarted something");
        assertTrue(result.loginsRefused > 0, "the tasks met a login blip");
        assertTrue(result.windowsTooLarge > 0, "Genesys refused windows as too large, and the tasks split them");
    }

    /** {@code soak.minutes} times {@code share}, as the run's wall-time budget. */
    static Duration minutes(double share) {
        double total = Double.parseDouble(System.getProperty("soak.minutes", "1.2"));
        return Duration.ofMillis((long) (total * share * 60_000));
    }

    record Result(Reconciliation reconciliation, int restarts, long loginsRefused, long windowsTooLarge) {
    }

    /** One soak run with its own simulator and Connect cluster. */
    static final class Soak {
        private final String name;
        private final boolean exactlyOnce;
        private final Instant start;
        private final Duration budget;
        private final long seed = Long.getLong("soak.seed", 20260312L);
        private GenesysSimulator sim;
        private EmbeddedConnectCluster connect;
        private ChaosMonkey chaos;

        Soak(String name, boolean exactlyOnce, Instant start, Duration budget) {
            this.name = name;
            this.exactlyOnce = exactlyOnce;
            this.start = start;
            this.budget = budget;
        }

        Result run() throws Exception {
            sim = GenesysSimulator.builder().seed(seed).queues(3).agentsPerQueue(4).fixedClock(NOW)
                    .tokenLifetime(Duration.ofMinutes(20)).port(0).build().start();
            SimulatedClock.use(sim);
            Properties broker = new Properties();
            broker.put("transaction.state.log.replication.factor", "1");
            broker.put("transaction.state.log.min.isr", "1");
            Map<String, String> worker = new HashMap<>(Map.of("offset.flush.interval.ms", "1000",
                    // a replacement worker takes over at once instead of after the default 5 minutes
                    "scheduled.rebalance.max.delay.ms", "0",
                    // other test dependencies (a converter) ship no ServiceLoader manifest
                    "plugin.discovery", "hybrid_warn"));
            if (exactlyOnce) {
                worker.put("exactly.once.source.support", "enabled");
            }
            connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1).brokerProps(broker)
                    .workerProps(worker).build();
            try {
                connect.start();
                return soak();
            } finally {
                connect.stop();
                sim.close();
            }
        }

        private Result soak() throws Exception {
            Map<String, String> props = connectorProps();
            sim.setFaults(FaultPlan.none().with503(0.10).with429(0.05, 1).withTruncated(0.02).withDropped(0.01)
                    .withSlow(0.03, Duration.ofMillis(1500)).with500(0.02).with502(0.02).with504(0.02));
            sim.setMaxResponseBytes(MAX_ANSWER_BYTES);
            long t0 = System.nanoTime();
            connect.configureConnector(name, props);
            chaos = new ChaosMonkey(connect, sim, name, 2, seed, Duration.ofSeconds(4), Duration.ofSeconds(12));

            Instant backfillEnd = settledEnd(NOW);
            awaitWatermarks(backfillEnd);
            long backfillNanos = System.nanoTime() - t0;

            int liveSteps = 0;
            Instant target = backfillEnd;
            while (liveSteps < 2 || System.nanoTime() - t0 < budget.toNanos()) {
                sim.clock().advance(BUCKET);
                if (liveSteps == 0) {
                    // A bucket just settled: the tasks log in again (tokens revoked) while the login host blips.
                    chaos.strikeNow(ChaosMonkey.Strike.LOGIN_BLIP);
                }
                target = settledEnd(sim.clock().now());
                awaitWatermarks(target);
                liveSteps++;
            }
            long totalNanos = System.nanoTime() - t0;
            Instant endClock = sim.clock().now();
            SimulatorStats stats = sim.stats();

            connect.stopConnector(name);
            connect.assertions().assertConnectorIsStopped(name, "the connector did not stop");
            sim.setFaults(FaultPlan.none());
            sim.setMaxResponseBytes(0);
            Map<String, JsonNode> truth = TruthAsFetched.of(sim, props, List.of("queues", "agents"), start, target,
                    NOW, SETTLE);
            sim.clock().set(endClock);
            List<ConsumerRecord<byte[], byte[]>> records = Topics.readCommitted(connect, Duration.ofMinutes(2),
                    name + ".queues", name + ".agents");
            Reconciliation reconciliation = Reconciliation.of(truth, records);
            int written = Topics.readUncommitted(connect, Duration.ofMinutes(2), name + ".queues", name + ".agents")
                    .size();

            int restarts = chaos.count(ChaosMonkey.Strike.RESTART_TASK)
                    + chaos.count(ChaosMonkey.Strike.RESTART_CONNECTOR)
                    + chaos.count(ChaosMonkey.Strike.RESTART_CONNECTOR_AND_TASKS)
                    + chaos.count(ChaosMonkey.Strike.RESTART_WORKER);
            FigureTable table = new FigureTable("Soak, " + (exactlyOnce ? "exactly-once" : "at-least-once (no EOS)")
                    + " worker, seed " + seed);
            table.add("simulated span", start + " .. " + target + " (backfill to " + backfillEnd + ", then "
                            + liveSteps + " live steps of " + BUCKET.toMinutes() + " min)")
                    .add("queries", "queues (PT30M by queue), agents (PT30M by queue and agent), window.max PT6H");
            reconciliation.addTo(table);
            table.add("records in the log, aborted transactions included", written);
            table.add("restarts: task / connector / connector+tasks / worker",
                            chaos.count(ChaosMonkey.Strike.RESTART_TASK) + " / "
                                    + chaos.count(ChaosMonkey.Strike.RESTART_CONNECTOR) + " / "
                                    + chaos.count(ChaosMonkey.Strike.RESTART_CONNECTOR_AND_TASKS) + " / "
                                    + chaos.count(ChaosMonkey.Strike.RESTART_WORKER))
                    .add("tokens revoked (expireAllTokens)", chaos.count(ChaosMonkey.Strike.EXPIRE_TOKENS))
                    .add("restart requests refused by the cluster", chaos.refused())
                    .add("aggregates requests / 200 OK", stats.aggregateRequests() + " / " + stats.ok200())
                    .add("injected 503 / 429 / truncated / dropped / slow", stats.sent503() + " / "
                            + stats.sent429() + " / " + stats.truncated() + " / " + stats.dropped() + " / "
                            + stats.slowed())
                    .add("injected 500 / 502 / 504", stats.sent500() + " / " + stats.sent502() + " / "
                            + stats.sent504())
                    .add("answers refused as too large (over " + MAX_ANSWER_BYTES + " bytes)", stats.tooLarge())
                    .add("login blips / token requests refused or failed in them",
                            chaos.count(ChaosMonkey.Strike.LOGIN_BLIP) + " / " + stats.loginsRefused())
                    .add("401s (expired or revoked token) / token requests", stats.sent401() + " / "
                            + stats.tokenRequests())
                    .add("wall time: backfill / whole run", FigureTable.seconds(backfillNanos) + " / "
                            + FigureTable.seconds(totalNanos));
            table.publish(name);
            return new Result(reconciliation, restarts, stats.loginsRefused(), stats.tooLarge());
        }

        private Map<String, String> connectorProps() {
            Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
            props.putAll(SoakConnectorConfig.props(sim, name, start, SimulatedClock.class));
            if (exactlyOnce) {
                props.put("exactly.once.support", "required");
                props.put("transaction.boundary", "connector");
            }
            return props;
        }

        private static Instant settledEnd(Instant now) {
            return SoakConnectorConfig.settledEnd(now);
        }

        /** Waits, striking now and then, until both queries' watermarks are at {@code target}. */
        private void awaitWatermarks(Instant target) {
            long lastProgress = System.nanoTime();
            Instant lowest = null;
            while (true) {
                chaos.maybeStrike();
                Instant now = lowestWatermark();
                if (now != null && !now.isBefore(target)) {
                    return;
                }
                if (now != null && (lowest == null || now.isAfter(lowest))) {
                    lowest = now;
                    lastProgress = System.nanoTime();
                }
                failOnFailedTask();
                if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    fail("no progress for " + STALL_LIMIT + ": watermark " + lowest + ", target " + target);
                }
                ChaosMonkey.sleep(Duration.ofMillis(250));
            }
        }

        /** The lower of the two watermarks, or null while one is unknown or the cluster does not answer. */
        private Instant lowestWatermark() {
            try {
                Instant lowest = null;
                int found = 0;
                for (ConnectorOffset offset : connect.connectorOffsets(name).offsets()) {
                    Object value = offset.offset() == null ? null : offset.offset().get("watermark");
                    if (value instanceof Number number) {
                        Instant w = Instant.ofEpochMilli(number.longValue());
                        lowest = lowest == null || w.isBefore(lowest) ? w : lowest;
                        found++;
                    }
                }
                return found == 2 ? lowest : null;
            } catch (RuntimeException e) {
                return null; // a worker is restarting
            }
        }

        /** Faults and restarts must never fail a task: a failed task is a failed soak. */
        private void failOnFailedTask() {
            ConnectorStateInfo status;
            try {
                status = connect.connectorStatus(name);
            } catch (RuntimeException e) {
                return;
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    fail("task " + task.id() + " failed: " + task.trace());
                }
            }
        }
    }
}
