package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import io.kcg.genesys.source.GenesysAggregatesSourceTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task fetches the next window while Connect sends the current one. The test calls {@code poll()} itself, as
 * the worker would, against the simulator over HTTP behind {@link HostileGenesys} (which forwards, or breaks one
 * chosen request), so it controls what happens between two polls: the next window's request goes out before the
 * next poll, a failure of that request fails the next poll exactly as an inline failure would and the retry
 * delivers the window once, and {@code stop()} while the request ahead hangs ends it at once.
 *
 * <p>Five windows: {@code window.max=PT6H} from {@link #START}, the last one ending at {@link #CAUGHT_UP} (the
 * clock stands at {@link #NOW}, the settle delay is 15 minutes).
 */
class WindowPrefetchTest {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-11T00:00:00Z");
    static final Instant CAUGHT_UP = Instant.parse("2026-03-12T02:30:00Z");
    static final int WINDOWS = 5;
    static final String FIRST_WINDOW = "2026-03-11T00:00:00.000Z/2026-03-11T06:00:00.000Z";
    static final String SECOND_WINDOW = "2026-03-11T06:00:00.000Z/2026-03-11T12:00:00.000Z";
    static final String NAME = "prefetch";
    static final String TOPIC = NAME + ".queues";
    static final String THREAD = "genesys-prefetch-" + NAME + "-";
    static final long WAIT_MS = 15_000;

    GenesysSimulator sim;
    HostileGenesys peer;
    final CountDownLatch releaseStalled = new CountDownLatch(1);
    final List<GenesysAggregatesSourceTask> tasks = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = GenesysSimulator.builder().seed(7L).queues(3).agentsPerQueue(2).fixedClock(NOW).port(0).build().start();
        SimulatedClock.use(sim);
        peer = new HostileGenesys(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        tasks.forEach(GenesysAggregatesSourceTask::stop);
        releaseStalled.countDown();
        peer.close();
        sim.close();
    }

    Map<String, String> props() {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("name", NAME);
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", peer.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.retry.max.attempts", "1");
        props.put("genesys.retry.after.max.seconds", "1"); // a Retry-After of 2 s fails the request at once
        props.put("genesys.request.timeout.ms", "30000");  // a stalled answer stays in flight
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
                + "\"metrics\":[\"nOffered\",\"tHandle\",\"oServiceLevel\"]}");
        props.put("query.queues.topic", TOPIC);
        props.put("query.queues.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT15M");
        props.put("poll.interval", "PT1S");
        props.put("restatement.lookback", "PT0S");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        return props;
    }

    @Test
    void theNextWindowIsRequestedBeforeTheNextPollAndEveryRequestAheadIsUsed() throws Exception {
        GenesysAggregatesSourceTask task = startTask(props(), Map.of());
        List<SourceRecord> records = new ArrayList<>(task.poll());
        assertEquals(FIRST_WINDOW, window(records));

        TestUtils.waitForCondition(() -> requests() == 2, WAIT_MS,
                () -> "the second window should be requested before the second poll; requests: " + requests());
        assertEquals(1, prefetchThreads(), "one thread fetches ahead");

        for (int poll = 2; poll <= WINDOWS; poll++) {
            List<SourceRecord> window = task.poll();
            assertNotNull(window, "poll " + poll + " delivers a window");
            records.addAll(window);
        }
        assertNull(task.poll(), "caught up: nothing is due");
        assertEquals(WINDOWS, requests(), "one request per window: every request ahead was used, none was extra");
        assertReconciled(records);

        task.stop();
        TestUtils.waitForCondition(() -> prefetchThreads() == 0, WAIT_MS, "the prefetch thread ends with the task");
    }

    @Test
    void withRestatementOnEveryRequestAheadIsTheOneTheNextPollChooses() throws Exception {
        // Recent-pass windows take turns with forward ones: what a poll chooses depends on whose turn it is and on
        // where the pass stands, which choosing ahead must not change. Two hours after the backfill, a recent pass
        // of the last day (PT6H windows) is due with four new buckets.
        Map<String, String> props = props();
        props.put("restatement.horizon", "P14D");
        props.put("restatement.recent.lookback", "P1D");
        props.remove("restatement.lookback");
        GenesysAggregatesSourceTask task = startTask(props, Map.of());
        int fetchingPolls = 0;
        while (task.poll() != null) { // a pass window without changes gives an empty list, not null
            fetchingPolls++;
        }
        assertEquals(WINDOWS, fetchingPolls, "the backfill: nothing remembered yet to fetch again");
        sim.clock().set(NOW.plus(java.time.Duration.ofHours(2)));
        while (task.poll() != null) {
            fetchingPolls++;
        }
        assertTrue(fetchingPolls > WINDOWS + 2, "recent-pass windows were fetched too: " + fetchingPolls + " polls");
        assertEquals(fetchingPolls, requests(), "one request per poll: every request ahead was used");
    }

    @Test
    void aFailedRequestAheadFailsTheNextPollThenTheRetryDeliversTheWindowOnce() throws Exception {
        // The second aggregates request, the one made ahead for the second window, is refused with a Retry-After
        // longer than the client waits out itself.
        peer.serveOnce(2, exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "2");
            HostileGenesys.json(429, "{\"status\":429,\"code\":\"too.many.requests\",\"message\":\"slow down\"}")
                    .write(exchange);
        });
        GenesysAggregatesSourceTask task = startTask(props(), Map.of());
        List<SourceRecord> records = new ArrayList<>(task.poll());
        assertEquals(FIRST_WINDOW, window(records));
        TestUtils.waitForCondition(() -> peer.scriptedAnswers() == 1, WAIT_MS,
                "the request ahead should meet the 429 before the second poll");

        RetriableException failure = assertThrows(RetriableException.class, task::poll);
        assertTrue(failure.getMessage().startsWith("Query queues, window 2026-03-11T06:00:00Z/2026-03-11T12:00:00Z: "
                + "Genesys asked to wait 2 s (Retry-After)"), failure.getMessage());

        assertNull(task.poll(), "within the Retry-After, a poll waits");
        assertEquals(2, requests(), "and asks nothing");

        List<SourceRecord> retried = pollUntilRecords(task);
        assertEquals(SECOND_WINDOW, window(retried));
        assertEquals(offsetAtEnd(records), retried.get(0).sourceOffset(),
                "the offset did not move past the failed window");
        records.addAll(retried);
        List<SourceRecord> more;
        while ((more = task.poll()) != null) {
            records.addAll(more);
        }
        assertEquals(WINDOWS + 1, requests(), "one request per window, plus the refused one");
        assertReconciled(records);
    }

    @Test
    void stopWhileThePollWaitsForAHangingRequestAheadEndsBothAtOnce() throws Exception {
        peer.serveOnce(2, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"results\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                releaseStalled.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        GenesysAggregatesSourceTask task = startTask(props(), Map.of());
        List<SourceRecord> first = task.poll();
        assertEquals(FIRST_WINDOW, window(first));
        TestUtils.waitForCondition(() -> peer.scriptedAnswers() == 1, WAIT_MS, "the request ahead should hang");
        CompletableFuture<List<SourceRecord>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(second.isDone(), "the second poll waits for the request ahead");

        long stopping = System.nanoTime();
        task.stop();
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        assertTrue(stopMillis < 1000, "stop() returned after " + stopMillis + " ms");
        assertNull(second.get(2, TimeUnit.SECONDS), "the waiting poll returns nothing");
        TestUtils.waitForCondition(() -> prefetchThreads() == 0, 5_000, "no prefetch thread outlives stop()");

        // A new task started from the first window's offset delivers the second window.
        GenesysAggregatesSourceTask next = startTask(props(), Map.of(first.get(0).sourcePartition(), offsetAtEnd(first)));
        assertEquals(SECOND_WINDOW, window(pollUntilRecords(next)));
    }

    GenesysAggregatesSourceTask startTask(Map<String, String> props, Map<Map<String, ?>, Map<String, Object>> offsets) {
        GenesysAggregatesSourceConnector connector = new GenesysAggregatesSourceConnector();
        connector.start(props);
        Map<String, String> config = connector.taskConfigs(1).get(0);
        GenesysAggregatesSourceTask task = new GenesysAggregatesSourceTask();
        tasks.add(task);
        task.initialize(new DrivenTaskContext(config, offsets));
        task.start(config);
        return task;
    }

    static List<SourceRecord> pollUntilRecords(GenesysAggregatesSourceTask task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < deadline) {
            List<SourceRecord> records = task.poll();
            if (records != null) {
                return records;
            }
        }
        throw new AssertionError("no records within " + WAIT_MS + " ms");
    }

    /** Aggregates requests that reached the simulator or met a scripted answer. */
    int requests() {
        return (int) sim.stats().aggregateRequests() + peer.scriptedAnswers();
    }

    static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(THREAD) && thread.isAlive()).count();
    }

    static String window(List<SourceRecord> records) {
        return records.get(0).headers().lastWithName("genesys.window").value().toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> offsetAtEnd(List<SourceRecord> records) {
        return (Map<String, Object>) records.get(records.size() - 1).sourceOffset();
    }

    /** Every bucket of the ground truth from START to CAUGHT_UP, with its numbers, once; nothing else. */
    void assertReconciled(List<SourceRecord> records) {
        Map<String, JsonNode> truth = ExpectedRecords.of(sim, props(), "queues", START, CAUGHT_UP);
        Reconciliation reconciliation = Reconciliation.of(truth, consumed(records));
        assertTrue(truth.size() > 0);
        assertEquals(0, reconciliation.missing(), "missing buckets");
        assertEquals(0, reconciliation.unexpected(), "keys not in the ground truth");
        assertEquals(0, reconciliation.differing(), "buckets with other numbers than the truth's");
        assertEquals(0, reconciliation.duplicatedSameRevision(), "duplicates");
    }

    /** The records as a consumer would read them with the connector config's converters. */
    static List<ConsumerRecord<byte[], byte[]>> consumed(List<SourceRecord> records) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "false"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "false"), false);
        List<ConsumerRecord<byte[], byte[]>> consumed = new ArrayList<>();
        for (SourceRecord record : records) {
            consumed.add(new ConsumerRecord<>(record.topic(), 0, consumed.size(),
                    keys.fromConnectData(record.topic(), record.keySchema(), record.key()),
                    values.fromConnectData(record.topic(), record.valueSchema(), record.value())));
        }
        return consumed;
    }
}
