package io.kcg.genesys.it;

import io.kcg.genesys.reliability.LogTap;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restatement at a mid-size contact center's size with the connector's default restatement settings: 60 queues x 20
 * agents (1,200 agents), the agent report (queue x user, PT30M), followed live for ten and a quarter simulated days
 * across ten nightly restatement jobs (which restate up to 14 days back, the simulator's default) and a task
 * restart. Afterwards the whole emitted range is reconciled with the simulator's ground truth: every key's latest
 * value equals what Genesys holds, no group Genesys deleted is left, no key came again with unchanged numbers, no
 * revision twice. It prints the largest offset record the worker wrote and how long the nightly passes took.
 */
class RestatementAtScaleIT {
    static final Instant LIVE_FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant START = LIVE_FROM.minus(Duration.ofDays(1));
    static final Duration STEP = Duration.ofHours(6);
    static final int STEPS = 41; // to 03-12T06:00, after the nightly pass of 03-12
    static final String NAME = "at-scale";

    static ConnectHarness harness;
    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() {
        harness = ConnectHarness.start(NAME, GenesysSimulator.builder().seed(1200L).queues(60).agentsPerQueue(20)
                .fixedClock(LIVE_FROM).port(0).build().start(), Map.of(), new Properties());
        sim = harness.sim;
        connect = harness.connect;
    }

    @AfterAll
    static void stopAll() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theWholeRangeEqualsTheTruthAfterTenDaysOfNightlyRestatementsAndARestart() throws Exception {
        Map<String, String> props = harness.connectorProps("scale");
        props.put("queries", "agents");
        props.put("tasks.max", "1");
        props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
                + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}");
        props.put("query.agents.start", START.toString());
        props.put("window.max", "PT6H"); // agent-level answers stay small, as the README advises
        props.remove("window.settle.delay"); // the connector's defaults: settle PT15M, restatement P14D / P1D / 04:00
        assertTrue(props.keySet().stream().noneMatch(k -> k.startsWith("restatement.")), "default restatement");
        String topic = "scale.agents";

        long began = System.nanoTime();
        Instant now = LIVE_FROM;
        String log;
        try (LogTap tap = LogTap.start()) {
            connect.configureConnector(NAME, props);
            harness.waitForWatermark(NAME, "agents", settledEnd(now));
            for (int step = 1; step <= STEPS; step++) {
                now = now.plus(STEP);
                sim.clock().set(now);
                if (step == STEPS / 2) {
                    connect.restartConnectorAndTasks(NAME, false, true, false);
                }
                harness.waitForWatermark(NAME, "agents", settledEnd(now));
            }
            // Wait for the last nightly pass to complete; one more bucket then proves its records are all written
            // (a position is handed over only after every record before it).
            Instant lastNight = now;
            waitFor(() -> tap.text().contains("nightly pass started at " + lastNight), "the nightly pass of " + lastNight);
            now = lastNight.plus(Duration.ofMinutes(30));
            sim.clock().set(now);
            harness.waitForWatermark(NAME, "agents", settledEnd(now));
            log = tap.text();
        }
        Duration followed = Duration.ofNanos(System.nanoTime() - began);

        Instant watermark = settledEnd(now);
        Map<String, Long> truth = new HashMap<>();
        for (Instant day = START; day.isBefore(watermark); day = day.plus(Duration.ofDays(1))) {
            Instant end = day.plus(Duration.ofDays(1)).isBefore(watermark) ? day.plus(Duration.ofDays(1)) : watermark;
            TopicReconciliation.addTruth(truth, ExpectedRecords.of(sim, props, "agents", day, end));
        }
        TopicReconciliation.Result result = TopicReconciliation.read(connect, topic).against(truth);
        OffsetsTopic offsets = OffsetsTopic.read(connect, "connect-offset-topic-" + NAME);

        System.out.printf("restatement at scale (1,200 agents, %s to %s, defaults): followed in %d s; keys %d, records "
                        + "%d, re-emitted %d, tombstones %d; missing %d, mismatched %d, deleted but present %d, "
                        + "re-emitted unchanged %d, duplicate revisions %d%n", START, watermark, followed.toSeconds(),
                result.truthKeys(), result.records(), result.reEmitted(), result.tombstones(), result.missing(),
                result.mismatched(), result.deletedButPresent(), result.reEmittedUnchanged(),
                result.duplicateRevisions());
        System.out.printf("restatement at scale: offsets topic: %d records, largest %d bytes (%s), %d live bucket "
                        + "offsets holding %d bytes%n", offsets.records, offsets.largest, offsets.largestKey,
                offsets.liveBuckets, offsets.liveBytes);
        Matcher passes = Pattern.compile("nightly pass started at (\\S+) over the buckets from (\\S+) to (\\S+) done "
                + "in (\\d+) ms, (\\d+) windows: (\\d+) re-emitted, (\\d+) tombstoned").matcher(log);
        int nightlyPasses = 0;
        while (passes.find()) {
            nightlyPasses++;
            System.out.printf("restatement at scale: nightly pass at %s over %s to %s: %s ms, %s windows, %s "
                    + "re-emitted, %s tombstoned%n", passes.group(1), passes.group(2), passes.group(3), passes.group(4),
                    passes.group(5), passes.group(6), passes.group(7));
        }

        assertEquals(0, result.missing(), "missing keys");
        assertEquals(0, result.mismatched(), "keys whose latest value differs from the truth");
        assertEquals(0, result.deletedButPresent(), "groups Genesys deleted that are still in the topic");
        assertEquals(0, result.reEmittedUnchanged(), "re-emissions with unchanged numbers");
        assertEquals(0, result.duplicateRevisions(), "a key emitted twice with the same revision");
        assertTrue(result.reEmitted() > 1_000, "restatements were re-emitted: " + result.reEmitted());
        assertTrue(result.tombstones() > 100, "deleted conversations made groups vanish: " + result.tombstones());
        assertTrue(nightlyPasses >= 11, "a nightly pass every night: " + nightlyPasses);
        assertTrue(result.truthKeys() > 250_000, "the whole range at 1,200 agents: " + result.truthKeys());
        assertTrue(offsets.largest < 256 * 1024, "an offset record stays small: " + offsets.largest);
        assertTrue(offsets.liveBuckets <= 14 * 48 + 1, "no bucket offset outside the horizon: " + offsets.liveBuckets);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    /** The end of the last bucket settled at {@code now} with the default settle delay (PT15M) and PT30M buckets. */
    static Instant settledEnd(Instant now) {
        long bucket = Duration.ofMinutes(30).toMillis();
        return Instant.ofEpochMilli((now.minus(Duration.ofMinutes(15)).toEpochMilli() / bucket) * bucket);
    }

    /** What the worker wrote to its offsets topic: the largest record, and what is still live per key at the end. */
    static final class OffsetsTopic {
        int records;
        int largest;
        String largestKey = "";
        int liveBuckets;
        long liveBytes;

        static OffsetsTopic read(EmbeddedConnectCluster connect, String topic) {
            OffsetsTopic offsets = new OffsetsTopic();
            Map<String, Integer> live = new HashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(
                    new HashMap<>(), topic)) {
                long quietSince = System.currentTimeMillis();
                while (System.currentTimeMillis() - quietSince < 5_000) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        quietSince = System.currentTimeMillis();
                        offsets.records++;
                        String key = new String(record.key(), StandardCharsets.UTF_8);
                        int size = record.value() == null ? 0 : record.value().length;
                        if (size > offsets.largest) {
                            offsets.largest = size;
                            offsets.largestKey = key;
                        }
                        if (record.value() == null) {
                            live.remove(key);
                        } else {
                            live.put(key, size);
                        }
                    }
                }
            }
            live.forEach((key, size) -> {
                if (key.contains("\"bucket\"")) {
                    offsets.liveBuckets++;
                    offsets.liveBytes += size;
                }
            });
            return offsets;
        }
    }
}
