package io.kcg.genesys.it;

import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Late and restated data on a small org, with windows that settle before their numbers do: the connector follows
 * the agent report live for three simulated days with a settle delay (5 minutes) shorter than the simulator's late
 * postings (up to 10 minutes after their bucket), so buckets change after their first emission and the recent pass
 * (the last day, every 2 hours) must catch them; the simulator's nightly job restates and deletes conversations 48 h
 * and older, which the nightly pass catches. A restart in the middle. Afterwards the whole emitted range is
 * reconciled with the ground truth: every key's latest value equals it, no deleted group is left, no key came again
 * with unchanged numbers, no revision twice. {@link RestatementAtScaleIT} does the same at 1,200 agents with the
 * default settings.
 */
// Opt-in with -Dkcg.long.tests=true (CI's time budget); RestatementAtScaleIT and QueryRunnerTest run on every build.
@EnabledIfSystemProperty(named = "kcg.long.tests", matches = "true")
class RestatementIT {
    static final Instant LIVE_FROM = Instant.parse("2026-03-10T00:00:00Z");
    static final Instant START = LIVE_FROM.minus(Duration.ofDays(2));
    static final Duration STEP = Duration.ofHours(2);
    static final int STEPS = 39; // three simulated days and a quarter, across three 02:00 jobs and 04:00 passes

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
        props.put("restatement.recent.lookback", "P1D");
        props.put("restatement.recent.interval", "PT2H");
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

        Instant watermark = settledEnd(now);
        Map<String, Long> truth = new HashMap<>();
        TopicReconciliation.addTruth(truth, ExpectedRecords.of(sim, props, "agents", START, watermark));
        TopicReconciliation.Result result = null;
        long deadline = System.currentTimeMillis() + 60_000; // the last passes may still be under way
        while (System.currentTimeMillis() < deadline) {
            result = TopicReconciliation.read(connect, topic).against(truth);
            if (result.missing() == 0 && result.mismatched() == 0 && result.deletedButPresent() == 0) {
                break;
            }
            Thread.sleep(2_000);
        }
        System.out.printf("restatement reconciliation: keys %d, records %d, re-emitted %d, tombstoned %d, missing %d, "
                        + "mismatched %d, deleted but present %d, re-emitted unchanged %d, duplicate revisions %d%n",
                result.truthKeys(), result.records(), result.reEmitted(), result.tombstones(), result.missing(),
                result.mismatched(), result.deletedButPresent(), result.reEmittedUnchanged(),
                result.duplicateRevisions());
        assertEquals(0, result.missing(), "missing keys");
        assertEquals(0, result.mismatched(), "keys whose latest revision differs from the truth");
        assertEquals(0, result.deletedButPresent(), "groups Genesys deleted that are still in the topic");
        assertEquals(0, result.reEmittedUnchanged(), "re-emissions with unchanged numbers");
        assertEquals(0, result.duplicateRevisions(), "a key emitted twice with the same revision");
        assertTrue(result.reEmitted() > 0, "late data and restatements were re-emitted");
        assertTrue(result.tombstones() > 0, "deleted conversations made groups vanish");
        assertTrue(result.truthKeys() > 800, "a meaningful range: " + result.truthKeys());
    }

    /** The end of the last bucket settled at {@code now} (settle 5 minutes, 30-minute buckets). */
    static Instant settledEnd(Instant now) {
        long bucket = Duration.ofMinutes(30).toMillis();
        return Instant.ofEpochMilli((now.minus(Duration.ofMinutes(5)).toEpochMilli() / bucket) * bucket);
    }
}
