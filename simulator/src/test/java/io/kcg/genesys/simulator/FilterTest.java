package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterTest {

    private static final String DAY = "2026-03-09T00:00:00Z/2026-03-10T00:00:00Z";
    private static final GenesysSimulator SIM = GenesysSimulator.builder().seed(9).queues(3)
        .fixedClock(Instant.parse("2026-03-10T12:00:00Z")).build();

    private static Rows query(String filter, String... groupBy) {
        Queries q = Queries.interval(DAY).groupBy(groupBy).allMetrics();
        if (filter != null) {
            q.filter(filter);
        }
        return Rows.parse(SIM.groundTruth("conversations", q.json()));
    }

    private static Set<String> values(Rows rows, String dimension) {
        return rows.groups().stream().map(g -> g.get(dimension)).collect(Collectors.toSet());
    }

    @Test
    void matchesSelectsOneMediaType() {
        Rows voice = query("{\"type\":\"and\",\"predicates\":[{\"type\":\"dimension\",\"dimension\":\"mediaType\","
            + "\"operator\":\"matches\",\"value\":\"voice\"}]}", "queueId");
        assertEquals(Set.of("voice"), values(voice, "mediaType"));
        Rows all = query(null, "queueId");
        assertEquals(all.where(r -> r.group().get("mediaType").equals("voice")).byKey(), voice.byKey());
    }

    @Test
    void orOfPredicatesSelectsEitherQueue() {
        List<String> queues = SIM.queueIds();
        Rows two = query("{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"" + queues.get(0)
            + "\"},{\"dimension\":\"queueId\",\"value\":\"" + queues.get(1) + "\"}]}", "queueId");
        assertEquals(Set.of(queues.get(0), queues.get(1)), values(two, "queueId"));
        Rows all = query(null, "queueId");
        assertEquals(all.where(r -> !r.group().get("queueId").equals(queues.get(2))).byKey(), two.byKey());
    }

    @Test
    void clausesAndPredicatesCombine() {
        List<String> queues = SIM.queueIds();
        Rows rows = query("{\"type\":\"AND\",\"clauses\":[{\"type\":\"Or\",\"predicates\":["
            + "{\"dimension\":\"queueId\",\"value\":\"" + queues.get(0) + "\"},"
            + "{\"dimension\":\"queueId\",\"value\":\"" + queues.get(2) + "\"}]}],"
            + "\"predicates\":[{\"dimension\":\"mediaType\",\"operator\":\"MATCHES\",\"value\":\"chat\"}]}",
            "queueId");
        assertEquals(Set.of("chat"), values(rows, "mediaType"));
        assertEquals(Set.of(queues.get(0), queues.get(2)), values(rows, "queueId"));
    }

    @Test
    void existsKeepsAgentMetricsAndNotExistsKeepsQueueMetrics() {
        Rows all = query(null, "queueId", "userId");
        Rows withAgent = query("{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]}",
            "queueId", "userId");
        Rows withoutAgent = query("{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\","
            + "\"operator\":\"notExists\"}]}", "queueId", "userId");

        assertFalse(withAgent.isEmpty());
        assertFalse(withoutAgent.isEmpty());
        withAgent.groups().forEach(g -> assertTrue(g.containsKey("userId")));
        withoutAgent.groups().forEach(g -> assertFalse(g.containsKey("userId")));
        assertEquals(0, withAgent.totalCount("nOffered"));
        assertEquals(all.totalCount("nOffered"), withoutAgent.totalCount("nOffered"));
        assertEquals(all.totalCount("tHandle"), withAgent.totalCount("tHandle"));
        assertEquals(0, withoutAgent.totalCount("tHandle"));
    }

    @Test
    void matchesOneAgentGivesOnlyThatAgent() {
        String agent = SIM.userIds().get(4);
        Rows rows = query("{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"value\":\"" + agent + "\"}]}",
            "userId");
        assertEquals(Set.of(agent), values(rows, "userId"));
        Rows all = query(null, "userId");
        assertEquals(all.where(r -> agent.equals(r.group().get("userId"))).byKey(), rows.byKey());
    }

    @Test
    void aDimensionWithoutDataNeverMatchesAndAlwaysNotExists() {
        assertEquals("{}", SIM.groundTruth("conversations", Queries.interval(DAY).allMetrics()
            .filter("{\"type\":\"and\",\"predicates\":[{\"dimension\":\"ani\",\"value\":\"tel:+15551234\"}]}").json()));
        Rows none = query("{\"type\":\"and\",\"predicates\":[{\"dimension\":\"ani\",\"operator\":\"notExists\"}]}",
            "queueId");
        assertEquals(query(null, "queueId").byKey(), none.byKey());
    }

    @Test
    void directionIsADimension() {
        Map<String, Long> offered = query(null, "direction").metric("nOffered").rows().stream()
            .collect(Collectors.groupingBy(r -> r.group().get("direction"), Collectors.summingLong(Rows.Row::count)));
        assertEquals(Set.of("inbound", "outbound"), offered.keySet());
        assertTrue(offered.get("inbound") > 4 * offered.get("outbound"), "mostly inbound: " + offered);
    }
}
