package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real worker, a window whose answers are bad never moves the committed offset: the task is pointed at a
 * hostile peer that forwards to the simulator, backfills, and then meets a stream of malformed answers for the next
 * window (the task keeps retrying, the offset read through {@code GET /connectors/{name}/offsets} stays put), then an
 * answer over the size cap (the task fails, the offset still stays), then good answers again and a task restart:
 * the window arrives, once. Figures go to {@code target/reliability/failed-window-offset.txt}.
 */
class FailedWindowOffsetIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-11T00:00:00Z");
    static final Instant BACKFILLED = Instant.parse("2026-03-12T02:30:00Z");
    static final Instant NEXT = Instant.parse("2026-03-12T03:30:00Z");
    static final Duration HOSTILE_PHASE = Duration.ofSeconds(12);
    static final String NAME = "failed-window";

    GenesysSimulator sim;
    HostileGenesys peer;
    EmbeddedConnectCluster connect;

    @BeforeEach
    void start() throws Exception {
        sim = GenesysSimulator.builder().seed(5L).queues(3).agentsPerQueue(2).fixedClock(NOW).port(0).build().start();
        SimulatedClock.use(sim);
        peer = new HostileGenesys(sim.baseUrl());
        connect = new EmbeddedConnectCluster.Builder().name(NAME).numWorkers(1)
                .workerProps(new HashMap<>(Map.of("plugin.discovery", "hybrid_warn", "offset.flush.interval.ms", "500")))
                .build();
        connect.start();
    }

    @AfterEach
    void stop() {
        connect.stop();
        peer.close();
        sim.close();
    }

    Map<String, String> props() {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", peer.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.retry.max.attempts", "1");
        props.put("genesys.request.timeout.ms", "2000");
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
                + "\"metrics\":[\"nOffered\",\"tHandle\",\"oServiceLevel\"]}");
        props.put("query.queues.topic", NAME + ".queues");
        props.put("query.queues.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT15M");
        props.put("poll.interval", "PT1S");
        props.put("restatement.lookback", "PT0S");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    @Test
    void aFailingWindowNeverMovesTheCommittedOffsetAndArrivesOnceWhenAnswersAreGoodAgain() throws Exception {
        Map<String, String> props = props();
        connect.configureConnector(NAME, props);
        awaitWatermark(BACKFILLED);

        // The next window is due, and every answer to it is bad in another way.
        List<HostileGenesys.Answer> hostile = List.of(
                HostileAnswersTest.chunked("{\"results\":[{\"group\":{\"queueId\":\"q\"},\"data\":[{\"int".getBytes(
                        StandardCharsets.UTF_8)),
                HostileGenesys.json(200, HostileAnswersTest.metric("{\"sum\":\"NaN\"}")),
                HostileGenesys.json(200, "<html><body>502 Bad Gateway</body></html>"),
                HostileGenesys.json(200, "{\"junk\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                HostileGenesys.bytes(200, HostileAnswersTest.invalidUtf8()),
                HostileAnswersTest.stall(),
                HostileAnswersTest.drop());
        AtomicInteger next = new AtomicInteger();
        peer.serve(exchange -> hostile.get(next.getAndIncrement() % hostile.size()).write(exchange));
        sim.clock().set(NOW.plus(Duration.ofHours(1)));
        Set<Instant> seen = new TreeSet<>();
        long deadline = System.nanoTime() + HOSTILE_PHASE.toNanos();
        while (System.nanoTime() < deadline) {
            seen.add(watermark());
            Thread.sleep(250);
        }
        int badAnswers = peer.scriptedAnswers();
        String stateWhileBad = connect.connectorStatus(NAME).tasks().get(0).state();

        // An answer over the client's cap is permanent: the task fails, the offset still stays.
        peer.serve(HostileAnswersTest.declaredLength(300L * 1024 * 1024));
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(NAME, 1, "the task should fail");
        String trace = connect.connectorStatus(NAME).tasks().get(0).trace();
        Thread.sleep(1500); // more than offset.flush.interval.ms: a wrongly moved offset would be committed by now
        seen.add(watermark());

        // Good answers again: after a restart the window arrives, once.
        peer.serve(null);
        connect.restartTask(NAME, 0);
        awaitWatermark(NEXT);
        Map<String, JsonNode> truth = ExpectedRecords.of(sim, props, "queues", START, NEXT);
        Map<String, JsonNode> window = ExpectedRecords.of(sim, props, "queues", BACKFILLED, NEXT);
        List<ConsumerRecord<byte[], byte[]>> records = Topics.readCommitted(connect, Duration.ofMinutes(1),
                NAME + ".queues");
        Reconciliation reconciliation = Reconciliation.of(truth, records);

        FigureTable table = new FigureTable("A failing window on a real worker: the committed offset stays")
                .add("window", BACKFILLED + "/" + NEXT + " (" + window.size() + " buckets)")
                .add("hostile answers served for it (7 kinds, rotating)", badAnswers)
                .add("task state while answers were bad", stateWhileBad)
                .add("committed watermarks seen while failing", seen)
                .add("task state after an answer over the size cap", "FAILED: "
                        + trace.lines().findFirst().orElse(""))
                .add("watermark after good answers and a task restart", watermark());
        reconciliation.addTo(table);
        table.publish("failed-window-offset");

        assertTrue(badAnswers >= 3, "the window met bad answers: " + badAnswers);
        assertEquals("RUNNING", stateWhileBad, "bad answers are retried, the task keeps running");
        assertEquals(Set.of(BACKFILLED), seen, "the committed offset never moved past the failed window");
        assertTrue(trace.contains("offset stays at " + BACKFILLED), trace);
        assertEquals(0, reconciliation.missing());
        assertEquals(0, reconciliation.unexpected());
        assertEquals(0, reconciliation.differing());
        assertEquals(0, reconciliation.duplicatedSameRevision(), "the window arrived once");
        assertTrue(window.size() > 0);
    }

    Instant watermark() {
        for (ConnectorOffset offset : connect.connectorOffsets(NAME).offsets()) {
            Object value = offset.offset().get("watermark");
            if (value instanceof Number number) {
                return Instant.ofEpochMilli(number.longValue());
            }
        }
        return Instant.EPOCH;
    }

    void awaitWatermark(Instant expected) throws InterruptedException {
        TestUtils.waitForCondition(() -> expected.equals(watermark()), 90_000,
                () -> "watermark is " + watermark() + ", expected " + expected);
    }
}
