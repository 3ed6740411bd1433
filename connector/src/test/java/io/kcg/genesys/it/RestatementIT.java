package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Late and restated data: the connector follows a query live for several simulated days while the simulator posts
 * metrics late (up to 10 minutes after their bucket) and its nightly job restates and deletes conversations 48 h and
 * older. Afterwards the latest revision of every key in the topic equals the ground truth for every bucket in the
 * lookback, nothing is missing, nothing is extra, and no key was emitted again with unchanged numbers. A restart in
 * the middle keeps that true.
 */
class RestatementIT {
    static final Instant LIVE_FROM = Instant.parse("2026-03-10T00:00:00Z");
    static final Instant START = LIVE_FROM.minus(Duration.ofDays(2));
    static final Duration STEP = Duration.ofHours(2);
    static final int STEPS = 36; // three simulated days, across three 02:00 restatement jobs
    static final Duration LOOKBACK = Duration.ofDays(3);

    static ConnectHarness harness;
    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() {
        harness = ConnectHarness.start("genesys-restatement", GenesysSimulator.builder().seed(23L).queues(2)
                .agentsPerQueue(3).fixedClock(LIVE_FROM).port(0).build().start(), Map.of(), new Properties());
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
    void latestRevisionOfEveryKeyEqualsTheTruthAcrossLateDataRestatementsAndARestart() throws Exception {
        Map<String, String> props = harness.connectorProps("restated");
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("queries", "agents");
        props.put("tasks.max", "1");
        // Agent groups in 30-minute buckets often hold one conversation, so a deleted conversation makes a group vanish.
        props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
                + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}");
        props.put("query.agents.start", START.toString());
        props.put("window.max", "P1D");
        props.put("window.settle.delay", "PT5M"); // shorter than the late posting: buckets change after first emission
        props.put("restatement.lookback", "P3D");
        props.put("restatement.interval", "PT2H");
        String topic = "restated.agents";

        connect.configureConnector("restated", props);
        Instant now = LIVE_FROM;
        harness.waitForWatermark("restated", "agents", settledEnd(now));
        for (int step = 1; step <= STEPS; step++) {
            now = now.plus(STEP);
            sim.clock().set(now);
            if (step == STEPS / 2) {
                connect.restartConnectorAndTasks("restated", false, true, false);
            }
            harness.waitForWatermark("restated", "agents", settledEnd(now));
        }

        Instant lookbackStart = now.minus(LOOKBACK);
        Instant watermark = settledEnd(now);
        Map<String, JsonNode> truth = stripRevision(ExpectedRecords.of(sim, props, "agents", lookbackStart, watermark));
        Reconciliation result = null;
        long deadline = System.currentTimeMillis() + 60_000; // the last pass may still be under way
        while (System.currentTimeMillis() < deadline) {
            result = reconcile(topic, truth, lookbackStart, watermark);
            if (result.missing == 0 && result.extra == 0 && result.mismatched == 0) {
                break;
            }
            Thread.sleep(2_000);
        }
        System.out.printf("restatement reconciliation: buckets checked %d, records %d, re-emitted %d, tombstoned %d, "
                        + "missing %d, extra %d, mismatched %d, re-emitted unchanged %d, duplicate revisions %d%n",
                truth.size(), result.records, result.reEmitted, result.tombstones, result.missing, result.extra,
                result.mismatched, result.reEmittedUnchanged, result.duplicateRevisions);
        assertEquals(0, result.missing, "missing keys");
        assertEquals(0, result.extra, "extra keys");
        assertEquals(0, result.mismatched, "keys whose latest revision differs from the truth");
        assertEquals(0, result.reEmittedUnchanged, "re-emissions with unchanged numbers");
        assertEquals(0, result.duplicateRevisions, "a key emitted twice with the same revision");
        assertTrue(result.reEmitted > 0, "late data and restatements were re-emitted");
        assertTrue(result.tombstones > 0, "deleted conversations made groups vanish");
        assertTrue(truth.size() > 500, "a meaningful lookback: " + truth.size());
    }

    /** The end of the last bucket settled at {@code now} (settle 5 minutes, 30-minute buckets). */
    static Instant settledEnd(Instant now) {
        long bucket = Duration.ofMinutes(30).toMillis();
        return Instant.ofEpochMilli((now.minus(Duration.ofMinutes(5)).toEpochMilli() / bucket) * bucket);
    }

    static final class Reconciliation {
        int records;
        int reEmitted;
        int tombstones;
        int missing;
        int extra;
        int mismatched;
        int reEmittedUnchanged;
        int duplicateRevisions;
    }

    static Reconciliation reconcile(String topic, Map<String, JsonNode> truth, Instant from, Instant to) throws Exception {
        Reconciliation r = new Reconciliation();
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        Map<String, JsonNode> previousValue = new HashMap<>();
        Set<String> keyRevisions = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        connect.kafka().consumeAll(30_000, topic).forEach(records::add);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            r.records++;
            String key = ExpectedRecords.key(record);
            if (record.value() == null) {
                r.tombstones++;
                latest.put(key, null);
                previousValue.remove(key);
                continue;
            }
            JsonNode value = ExpectedRecords.value(record);
            int revision = value.get("revision").asInt();
            if (revision > 0) {
                r.reEmitted++;
            }
            if (!keyRevisions.add(key + "#" + revision)) {
                r.duplicateRevisions++;
            }
            JsonNode numbers = stripRevision(value);
            if (numbers.equals(previousValue.get(key))) {
                r.reEmittedUnchanged++;
            }
            previousValue.put(key, numbers);
            latest.put(key, numbers);
        }
        for (Map.Entry<String, JsonNode> entry : truth.entrySet()) {
            JsonNode got = latest.get(entry.getKey());
            if (got == null) {
                r.missing++;
            } else if (!got.equals(entry.getValue())) {
                r.mismatched++;
            }
        }
        for (Map.Entry<String, JsonNode> entry : latest.entrySet()) {
            long start = entry.getValue() == null ? -1 : entry.getValue().get("interval_start").asLong();
            boolean inLookback = start >= from.toEpochMilli() && start < to.toEpochMilli();
            if (inLookback && !truth.containsKey(entry.getKey())) {
                r.extra++;
            }
        }
        return r;
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
}
