package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per group, the buckets of a day add up to the same query without granularity. */
class BucketConsistencyTest {

    private static final String DAY = "2026-03-09T00:00:00Z/2026-03-10T00:00:00Z";
    private static final GenesysSimulator SIM = GenesysSimulator.builder().seed(3)
        .fixedClock(Instant.parse("2026-03-10T06:00:00Z")).build();

    @ParameterizedTest
    @ValueSource(strings = {"PT15M", "PT30M", "PT1H", "PT6H"})
    void bucketsAddUpToTheWholeInterval(String granularity) {
        Rows buckets = Rows.parse(SIM.groundTruth("conversations", Queries.interval(DAY).granularity(granularity)
            .groupBy("queueId", "userId").allMetrics().json()));
        Rows whole = Rows.parse(SIM.groundTruth("conversations", Queries.interval(DAY)
            .groupBy("queueId", "userId").allMetrics().json()));

        Map<String, long[]> added = new HashMap<>();
        for (Rows.Row row : buckets.rows()) {
            if (row.metric().equals("oServiceTarget")) {
                continue;
            }
            long[] acc = added.computeIfAbsent(row.group() + row.metric(),
                k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
            JsonNode s = row.stats();
            if (row.metric().equals("oServiceLevel")) {
                acc[4] += s.get("numerator").asLong();
                acc[5] += s.get("denominator").asLong();
                continue;
            }
            acc[0] += s.get("count").asLong();
            if (s.has("sum")) {
                acc[1] += s.get("sum").asLong();
                acc[2] = Math.min(acc[2], s.get("min").asLong());
                acc[3] = Math.max(acc[3], s.get("max").asLong());
            }
        }
        int compared = 0;
        for (Rows.Row row : whole.rows()) {
            assertEquals(DAY.replace(":00Z", ":00.000Z"), row.interval());
            if (row.metric().equals("oServiceTarget")) {
                continue;
            }
            long[] acc = added.remove(row.group() + row.metric());
            JsonNode s = row.stats();
            String what = row.group() + " " + row.metric() + " by " + granularity;
            if (row.metric().equals("oServiceLevel")) {
                assertEquals(s.get("numerator").asLong(), acc[4], what);
                assertEquals(s.get("denominator").asLong(), acc[5], what);
                assertEquals((double) acc[4] / acc[5], s.get("ratio").asDouble(), 1e-12, what);
            } else {
                assertEquals(s.get("count").asLong(), acc[0], what);
                if (s.has("sum")) {
                    assertEquals(s.get("sum").asLong(), acc[1], what);
                    assertEquals(s.get("min").asLong(), acc[2], what);
                    assertEquals(s.get("max").asLong(), acc[3], what);
                }
            }
            compared++;
        }
        assertTrue(added.isEmpty(), "buckets hold groups or metrics the whole interval lacks: " + added.keySet());
        assertTrue(compared > 50, "too little data to compare: " + compared);
    }

    @Test
    void agentSideAndQueueSideMetricsLandInTheirOwnGroups() {
        Rows rows = Rows.parse(SIM.groundTruth("conversations", Queries.interval(DAY)
            .groupBy("queueId", "userId").allMetrics().json()));
        List<String> queueSide = List.of("nOffered", "tWait", "tAbandon", "nOverSla", "oServiceLevel");
        for (Rows.Row row : rows.rows()) {
            assertTrue(row.group().containsKey("mediaType"));
            assertTrue(row.group().containsKey("queueId"));
            if (queueSide.contains(row.metric())) {
                assertTrue(!row.group().containsKey("userId"), row.toString());
            } else if (!row.metric().equals("oServiceTarget")) {
                assertTrue(row.group().containsKey("userId"), row.toString());
            }
        }
        // Every answered conversation is offered once and connected once, so over a day far from its edges the
        // counts nearly agree; abandons are the difference.
        long offered = rows.totalCount("nOffered");
        long connected = rows.totalCount("nConnected");
        long abandoned = rows.totalCount("tAbandon");
        assertTrue(Math.abs(offered - connected - abandoned) < offered / 50, offered + " " + connected + " " + abandoned);
    }
}
