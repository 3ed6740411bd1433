package io.kcg.genesys.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.reliability.LogTap;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task driven as a worker drives it, without a worker: a mocked {@code SourceTaskContext} holds the offsets a
 * task starts from, the test writes and acknowledges each record, and time is the simulator's clock, injected
 * through the task's package-private constructor. Genesys is the simulator's ground truth (agent report: queue x
 * user, PT30M), so every check is a reconciliation with what Genesys holds.
 */
class GenesysAggregatesSourceTaskTest {
    static final Instant START = Instant.parse("2026-03-05T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-08T03:00:00Z");
    static final String TOPIC = "unit.agents";
    static final String AGENTS_BODY = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
            + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
            + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}";

    GenesysSimulator sim = GenesysSimulator.builder().seed(31L).queues(3).agentsPerQueue(4).fixedClock(NOW).build();
    List<TaskDriver> drivers = new ArrayList<>();

    @AfterEach
    void stop() {
        drivers.forEach(TaskDriver::close);
    }

    static Map<String, String> props() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "unit");
        props.put("genesys.api.url", "http://127.0.0.1:9");
        props.put("genesys.client.id", "client");
        props.put("genesys.client.secret", "secret");
        props.put("queries", "agents");
        props.put("query.agents.body", AGENTS_BODY);
        props.put("query.agents.topic", TOPIC);
        props.put("query.agents.start", START.toString());
        props.put("window.max", "P1D");
        props.put("poll.interval", "PT1S");
        props.put("heartbeat.topic", "unit.heartbeats");
        props.put(GenesysAggregatesSourceTask.TASK_QUERIES, "agents");
        return props;
    }

    TaskDriver driver(Map<String, String> props) {
        TaskDriver driver = new TaskDriver(sim, props);
        drivers.add(driver);
        return driver;
    }

    static Instant settledEnd(Instant now) {
        long bucket = Duration.ofMinutes(30).toMillis();
        return Instant.ofEpochMilli(now.minus(Duration.ofMinutes(15)).toEpochMilli() / bucket * bucket);
    }

    static Instant bucketOf(SourceRecord record) {
        return ((Date) ((Struct) record.key()).get(record.keySchema().fields().get(1))).toInstant();
    }

    @Test
    void aBackfillEmitsEveryBucketOnceAndOnlyTheLastRecordOfABucketCarriesItsMemory() throws Exception {
        TaskDriver driver = driver(props()).start();
        List<SourceRecord> written = driver.drain();
        Instant watermark = settledEnd(NOW);

        Truth.Result result = Truth.reconcile(written, TOPIC, Truth.of(sim, driver.props, "agents", START, watermark),
                START, watermark);
        assertTrue(result.clean() && result.keys() > 500, result.toString());
        Map<Map<String, ?>, List<SourceRecord>> byPartition = new LinkedHashMap<>();
        for (SourceRecord record : written) {
            if (record.topic().equals(TOPIC)) {
                assertEquals(Map.of("query", "agents", "bucket", bucketOf(record).toEpochMilli()),
                        record.sourcePartition(), "a record carries the partition of its bucket");
                byPartition.computeIfAbsent(record.sourcePartition(), p -> new ArrayList<>()).add(record);
            }
        }
        for (List<SourceRecord> bucket : byPartition.values()) {
            for (int i = 0; i < bucket.size() - 1; i++) {
                assertNull(bucket.get(i).sourceOffset(), "before the last record, the bucket's memory as it was");
            }
            assertNotNull(bucket.get(bucket.size() - 1).sourceOffset().get("memory"), "the last carries the new one");
        }
        Map<String, Object> offset = driver.queryOffset("agents");
        assertEquals(watermark.toEpochMilli(), offset.get("watermark"));
        assertEquals(START.toEpochMilli(), offset.get("memory_from"));
    }

    @Test
    void theWatermarkIsHandedOverOnlyOnceEveryRecordOfItsWindowIsWritten() throws Exception {
        TaskDriver driver = driver(props()).start();
        List<SourceRecord> firstWindow = driver.poll();
        assertFalse(firstWindow.isEmpty());
        assertTrue(firstWindow.stream().noneMatch(r -> r.sourcePartition().equals(SourceOffsets.partition("agents"))),
                "no watermark travels with a window's records");
        for (int i = 0; i < firstWindow.size() - 1; i++) {
            driver.write(firstWindow.get(i)); // all but one record written
        }
        List<SourceRecord> next = driver.poll();
        assertTrue(next.stream().noneMatch(r -> r.topic().equals("unit.heartbeats")),
                "one record of the first window is not written: no position yet");
        driver.write(firstWindow.get(firstWindow.size() - 1));
        next.forEach(driver::write);
        List<SourceRecord> heartbeat = driver.poll();
        SourceRecord last = heartbeat.get(heartbeat.size() - 1);
        assertEquals("unit.heartbeats", last.topic());
        assertEquals(Instant.parse("2026-03-07T00:00:00Z").toEpochMilli(), last.sourceOffset().get("watermark"),
                "both windows are written");
    }

    @Test
    void aCommitHalfWayThroughABucketNeverClaimsASeriesThatWasNotEmitted() throws Exception {
        TaskDriver driver = driver(props()).start();
        List<SourceRecord> window = driver.poll();
        // The worker commits after the first record of the busiest bucket, then the task dies.
        Map<String, ?> busiest = window.stream().collect(java.util.stream.Collectors.groupingBy(
                SourceRecord::sourcePartition, java.util.stream.Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int written = 0;
        for (SourceRecord record : window) {
            if (record.sourcePartition().equals(busiest) && written++ == 1) {
                break;
            }
            driver.write(record);
        }
        driver.restart().drain();

        Instant watermark = settledEnd(NOW);
        Truth.Result result = Truth.reconcile(driver.emitted, TOPIC, Truth.of(sim, driver.props, "agents", START,
                watermark), START, watermark);
        assertEquals(0, result.missing(), result.toString());
        assertEquals(0, result.mismatched(), result.toString());
    }

    @Test
    void nightlyPassesReEmitRestatedGroupsAndTombstoneDeletedOnesAcrossARestart() throws Exception {
        TaskDriver driver = driver(props()).start();
        driver.drain();
        Instant now = NOW;
        for (int step = 1; step <= 25; step++) { // six days in steps of six hours, across six nightly jobs, to 09:00
            now = now.plus(Duration.ofHours(6));
            sim.clock().set(now);
            if (step == 12) {
                driver.restart();
            }
            driver.drain();
        }
        Instant watermark = settledEnd(now);
        assertEquals(watermark.toEpochMilli(), driver.queryOffset("agents").get("watermark"));
        Truth.Result result = Truth.reconcile(driver.emitted, TOPIC, Truth.of(sim, driver.props, "agents", START,
                watermark), START, watermark);
        assertTrue(result.clean(), result.toString());
        assertTrue(result.reEmitted() > 20, "restated groups were re-emitted: " + result);
        assertTrue(result.tombstones() > 0, "deleted conversations left groups that were tombstoned: " + result);
        assertTrue(driver.queryOffset("agents").get("nightly_pass") instanceof Long);
    }

    @Test
    void aRewindEmitsTheBucketsAgainWithTheirRevisionsAndKeepsTheHorizonCovered() throws Exception {
        TaskDriver driver = driver(props()).start();
        driver.drain();
        sim.clock().set(NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(2))); // a nightly pass re-emits some
        driver.drain();
        Instant rewoundTo = Instant.parse("2026-03-06T00:00:00Z");
        Map<Struct, Integer> revisions = new HashMap<>();
        for (SourceRecord record : driver.emitted) {
            if (record.topic().equals(TOPIC) && !bucketOf(record).isBefore(rewoundTo)) {
                if (record.value() == null) {
                    revisions.remove((Struct) record.key()); // deleted by Genesys: not emitted again
                } else {
                    revisions.put((Struct) record.key(), ((Struct) record.value()).getInt32("revision"));
                }
            }
        }
        assertTrue(revisions.containsValue(1), "some keys were restated before the rewind");
        // The user stops the connector and PATCHes a bare watermark, as the README shows.
        driver.committed.put(SourceOffsets.partition("agents"), new HashMap<>(Map.of("watermark",
                rewoundTo.toEpochMilli())));
        int before = driver.emitted.size();
        driver.restart().drain();
        assertEquals(rewoundTo, driver.requests.asked.get(driver.requests.asked.size() - 1 - countSince(driver,
                rewoundTo)).start(), "the first request after the restart starts at the rewound watermark");
        Map<Struct, Integer> again = new HashMap<>();
        for (SourceRecord record : driver.emitted.subList(before, driver.emitted.size())) {
            if (record.topic().equals(TOPIC) && record.value() != null) {
                again.put((Struct) record.key(), ((Struct) record.value()).getInt32("revision"));
            }
        }
        assertEquals(revisions, again, "every key from the rewound watermark on, with the revision it had");
        assertEquals(START.toEpochMilli(), driver.queryOffset("agents").get("memory_from"),
                "the memory still reaches back to where it started");
    }

    /** How many requests the restarted task made: the forward ones from the rewound watermark to now. */
    static int countSince(TaskDriver driver, Instant from) {
        int count = 0;
        for (int i = driver.requests.asked.size() - 1; i >= 0; i--) {
            count++;
            if (driver.requests.asked.get(i).start().equals(from)) {
                return count - 1;
            }
        }
        throw new AssertionError("no request started at " + from);
    }

    @Test
    void aWindowGenesysRefusesAsTooLargeIsSplitDownWithoutGapOrDuplicate() throws Exception {
        TaskDriver driver = driver(props());
        driver.requests.refuseLongerThan(Duration.ofHours(5));
        try (LogTap log = LogTap.start()) {
            driver.start().drain();
            assertTrue(log.text().contains("Query agents: Genesys could not answer window 2026-03-05T00:00:00Z/"
                    + "2026-03-06T00:00:00Z"), "a warning names the query and the window");
        }
        Instant watermark = settledEnd(NOW);
        Truth.Result result = Truth.reconcile(driver.emitted, TOPIC, Truth.of(sim, driver.props, "agents", START,
                watermark), START, watermark);
        assertTrue(result.clean(), result.toString());
        assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(12), Duration.ofHours(6), Duration.ofHours(3)),
                driver.requests.asked.subList(0, 4).stream().map(w -> Duration.between(w.start(), w.end())).toList(),
                "halved until Genesys answers");
    }

    @Test
    void aSingleBucketGenesysCannotAnswerFailsTheTaskWithAClearMessage() throws Exception {
        TaskDriver driver = driver(props());
        driver.requests.refuseLongerThan(Duration.ZERO);
        driver.start();
        ConnectException failure = assertThrows(ConnectException.class, driver::drain);
        assertTrue(failure.getMessage().contains("Query agents: Genesys could not answer window "
                + "2026-03-05T00:00:00Z/2026-03-05T00:30:00Z, a single bucket"), failure.getMessage());
        assertNull(driver.queryOffset("agents"), "the offset stays where it was");
    }

    @Test
    void aDamagedOrHostileBucketMemoryIsGivenUpWithAWarningNamingItAndTheTaskRuns() throws Exception {
        TaskDriver driver = driver(props()).start();
        driver.drain();
        long damaged = Instant.parse("2026-03-06T10:00:00Z").toEpochMilli();
        long hostile = Instant.parse("2026-03-06T10:30:00Z").toEpochMilli();
        driver.committed.put(SourceOffsets.bucketPartition("agents", damaged), Map.of("memory", "eJwrSS0uAQAEXQHB"));
        driver.committed.put(SourceOffsets.bucketPartition("agents", hostile), Map.of("memory", "AXicY6xg/A8E7AARVwR+"));
        int before = driver.emitted.size();
        try (LogTap log = LogTap.start()) {
            driver.restart();
            String text = log.text();
            assertTrue(text.contains("WARN io.kcg.genesys.source.GenesysAggregatesSourceTask - Query agents: the "
                    + "restatement memory of 2 buckets cannot be used")
                    && text.contains("2026-03-06T10:00:00Z (unreadable") && text.contains("2026-03-06T10:30:00Z"),
                    "a warning names the query and the buckets");
        }
        sim.clock().set(NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(2))); // after the next nightly pass
        driver.drain();
        for (SourceRecord record : driver.emitted.subList(before, driver.emitted.size())) {
            if (record.topic().equals(TOPIC)) {
                long bucket = bucketOf(record).toEpochMilli();
                assertTrue(bucket != damaged && bucket != hostile, "a given-up bucket is not re-emitted");
            }
        }
    }

    @Test
    void anUpgradeFromTheOldOffsetKeepsTheWatermarkAndWarnsWhichBucketsWillNotBeReEmitted() throws Exception {
        // The offset a connector before per-bucket memories wrote (RestatementState format 2, contract v1 keys).
        Map<String, Object> legacy;
        try (InputStream in = getClass().getResourceAsStream("/legacy-offsets/agents-format2.json")) {
            JsonNode json = new ObjectMapper().readTree(in);
            legacy = new HashMap<>();
            legacy.put("watermark", json.get("watermark").asLong());
            legacy.put("restatement", json.get("restatement").asText());
        }
        Instant watermark = Instant.ofEpochMilli((Long) legacy.get("watermark"));
        TaskDriver driver = driver(props());
        driver.committed.put(SourceOffsets.partition("agents"), legacy);
        sim.clock().set(watermark.plus(Duration.ofDays(1)));
        try (LogTap log = LogTap.start()) {
            driver.start().drain();
            String text = log.text();
            assertTrue(text.contains("WARN io.kcg.genesys.source.GenesysAggregatesSourceTask - Query agents: its offset "
                    + "holds the restatement memory of a connector version before per-bucket memories")
                    && text.contains("will not be re-emitted")
                    && text.contains("inside the horizon (") && text.contains(" to " + watermark + ")"), "the warning");
        }
        assertEquals(watermark, driver.requests.asked.get(0).start(), "the watermark is kept");
        for (io.kcg.genesys.window.Window asked : driver.requests.asked) {
            assertFalse(asked.start().isBefore(watermark), "nothing before the watermark is fetched again: " + asked);
        }
        Map<String, Object> offset = driver.queryOffset("agents");
        assertFalse(offset.containsKey("restatement"), "the old memory is gone from the offset");
        assertEquals(watermark.toEpochMilli(), offset.get("memory_from"));
    }

    @Test
    void bucketsThatLeaveTheHorizonHaveTheirOffsetsDeleted() throws Exception {
        Map<String, String> props = props();
        props.put("restatement.horizon", "P3D");
        TaskDriver driver = driver(props).start();
        driver.drain();
        sim.clock().set(NOW.plus(Duration.ofDays(2)));
        List<SourceRecord> written = driver.drain();
        Instant horizonStart = NOW.plus(Duration.ofDays(2)).minus(Duration.ofDays(3));
        Set<Instant> deleted = new TreeSet<>();
        for (SourceRecord record : written) {
            if (record.sourcePartition().containsKey("bucket") && record.sourceOffset() == null
                    && record.topic().equals("unit.heartbeats")) {
                deleted.add(Instant.ofEpochMilli((Long) record.sourcePartition().get("bucket")));
            }
        }
        assertFalse(deleted.isEmpty());
        assertTrue(deleted.stream().allMatch(b -> b.isBefore(horizonStart)), deleted.toString());
        for (Map<String, ?> partition : driver.committed.keySet()) {
            if (partition.containsKey("bucket")) {
                assertFalse(Instant.ofEpochMilli((Long) partition.get("bucket")).isBefore(horizonStart),
                        "no bucket offset older than the horizon is kept: " + partition);
            }
        }
    }

    @Test
    void withRestatementOffAWindowsRecordsCarryTheQueryPartitionAndTheLastOneTheWatermark() throws Exception {
        Map<String, String> props = props();
        props.put("restatement.horizon", "PT0S");
        TaskDriver driver = driver(props).start();
        List<SourceRecord> window = driver.poll();
        for (SourceRecord record : window) {
            assertEquals(SourceOffsets.partition("agents"), record.sourcePartition());
        }
        assertEquals(Instant.parse("2026-03-06T00:00:00Z").toEpochMilli(),
                window.get(window.size() - 1).sourceOffset().get("watermark"));
        assertEquals(Map.of("watermark", START.toEpochMilli()), window.get(0).sourceOffset(), "the offset before");
    }

    @Test
    void withExactlyOnceEachPollIsOneTransactionEndingOnItsLastRecord() throws Exception {
        TaskDriver driver = driver(props());
        driver.transactions = true;
        driver.start();
        for (int i = 0; i < 4; i++) {
            List<SourceRecord> batch = driver.poll();
            batch.forEach(driver::write);
            assertEquals(batch.get(batch.size() - 1), driver.context.transactionEnds.get(i));
        }
    }

    @Test
    void theTaskReadsOnlyTheBucketPartitionsItsOffsetsCanName() throws Exception {
        TaskDriver driver = driver(props()).start();
        driver.drain();
        driver.restart();
        java.util.Collection<?> bucketReads = driver.context.offsetReads.get(1);
        // Two horizons back from now (older leftovers are deleted) up to now, in PT30M buckets.
        assertEquals(2 * 14 * 48, bucketReads.size());
    }
}
