package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views, topN/bottomN, the users endpoint's limits and the extended stats, over HTTP and against the answers of
 * plain queries: a view's stats are those of the target's observations in its range, a topN keeps the groups a plain
 * query ranks first.
 */
class QueryFeaturesTest {

    private static final String DAY = "2026-03-09T00:00:00Z/2026-03-10T00:00:00Z";
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");

    private static GenesysSimulator sim;
    private static Http http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        sim = GenesysSimulator.builder().seed(21).queues(6).agentsPerQueue(3).fixedClock(NOW).build().start();
        http = new Http(sim);
        token = http.token();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) Rows.JSON.readTree(json);
    }

    private static String view(String name, String target, String range) {
        return "{\"name\":\"" + name + "\",\"target\":\"" + target + "\",\"function\":\"rangeBound\",\"range\":"
            + range + "}";
    }

    @Test
    void viewsAreAnsweredInDataViewsWithTheStatsOfTheTargetWithinTheirRange() throws Exception {
        ObjectNode query = body(Queries.interval(DAY).granularity("PT1H").groupBy("queueId")
            .metrics("nOffered", "tTalk").json());
        query.set("views", Rows.JSON.readTree("[" + view("shortTalks", "tTalk", "{\"lt\":60000}") + ","
            + view("longTalks", "tTalk", "{\"gte\":60000}") + "]"));
        HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, query.toString());
        assertEquals(200, response.statusCode(), response.body());
        int buckets = 0;
        for (JsonNode result : Http.json(response).get("results")) {
            for (JsonNode bucket : result.get("data")) {
                Map<String, JsonNode> views = new HashMap<>();
                bucket.path("views").forEach(v -> views.put(v.get("name").asText(), v.get("stats")));
                JsonNode talk = null;
                for (JsonNode metric : bucket.get("metrics")) {
                    if (metric.get("metric").asText().equals("tTalk")) {
                        talk = metric.get("stats");
                    }
                }
                if (talk == null) {
                    assertTrue(views.isEmpty(), "no view without observations of its target");
                    continue;
                }
                buckets++;
                long count = 0;
                long sum = 0;
                for (JsonNode stats : views.values()) {
                    count += stats.get("count").asLong();
                    sum += stats.get("sum").asLong();
                }
                assertEquals(talk.get("count").asLong(), count, "the two ranges split the observations");
                assertEquals(talk.get("sum").asLong(), sum);
                if (views.containsKey("shortTalks")) {
                    assertTrue(views.get("shortTalks").get("max").asLong() < 60_000);
                }
                if (views.containsKey("longTalks")) {
                    assertTrue(views.get("longTalks").get("min").asLong() >= 60_000);
                }
            }
        }
        assertTrue(buckets > 50, "the day has talk: " + buckets);
    }

    @Test
    void viewsOutsideGenesyssLimitsAre400() throws Exception {
        String base = Queries.interval(DAY).metrics("tTalk").json();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tooMany.add(view("v" + i, "tTalk", "{\"lt\":1000}"));
        }
        Map<String, String> bad = Map.of(
            "eleven views", "[" + String.join(",", tooMany) + "]",
            "a count target", "[" + view("offers", "nOffered", "{\"lt\":5}") + "]",
            "named like a metric", "[" + view("tHandle", "tTalk", "{\"lt\":1000}") + "]",
            "another function", "[{\"name\":\"v\",\"target\":\"tTalk\",\"function\":\"average\","
                + "\"range\":{\"lt\":1}}]",
            "no range", "[{\"name\":\"v\",\"target\":\"tTalk\",\"function\":\"rangeBound\"}]",
            "the same name twice", "[" + view("v", "tTalk", "{\"lt\":1}") + "," + view("v", "tAcw", "{\"lt\":1}") + "]");
        for (Map.Entry<String, String> c : bad.entrySet()) {
            ObjectNode query = body(base);
            query.set("views", Rows.JSON.readTree(c.getValue()));
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, query.toString());
            assertEquals(400, response.statusCode(), c.getKey() + ": " + response.body());
        }
        List<String> ten = tooMany.subList(0, 10);
        ObjectNode query = body(base);
        query.set("views", Rows.JSON.readTree("[" + String.join(",", ten) + "]"));
        assertEquals(200, http.post(Http.CONVERSATIONS, token, query.toString()).statusCode(), "ten views are fine");
    }

    @Test
    void topNAndBottomNKeepTheGroupsAPlainQueryRanksFirstAndLast() throws Exception {
        Rows plain = Rows.parse(sim.groundTruth("conversations", Queries.interval(DAY).granularity("PT1H")
            .groupBy("queueId").metrics("nOffered", "tHandle").json()));
        Map<String, Long> offered = plain.metric("nOffered").rows().stream().collect(Collectors.groupingBy(
            r -> r.group().get("queueId") + "/" + r.group().get("mediaType"), Collectors.summingLong(Rows.Row::count)));
        List<String> ranked = offered.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();

        for (String type : new String[] {"topN", "bottomN"}) {
            ObjectNode query = body(Queries.interval(DAY).granularity("PT1H").groupBy("queueId")
                .metrics("nOffered", "tHandle").json());
            query.put("queryType", type).put("limit", 3);
            query.putObject("sortMetric").put("name", "nOffered").put("function", "count");
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, query.toString());
            assertEquals(200, response.statusCode(), response.body());
            List<String> groups = new ArrayList<>();
            for (JsonNode result : Http.json(response).get("results")) {
                groups.add(result.get("group").get("queueId").asText() + "/" + result.get("group").get("mediaType")
                    .asText());
            }
            List<String> reversed = new ArrayList<>(ranked);
            Collections.reverse(reversed);
            List<String> expected = (type.equals("topN") ? ranked : reversed).subList(0, 3);
            assertEquals(expected.stream().map(offered::get).toList(), groups.stream().map(offered::get).toList(),
                type + " keeps the groups of the highest (lowest) totals, in order");
            Rows answered = Rows.parse(response.body());
            assertEquals(plain.where(r -> groups.contains(r.group().get("queueId") + "/" + r.group().get("mediaType")))
                .byKey(), answered.byKey(), "the kept groups have all their buckets and metrics");
        }
    }

    @Test
    void topNNeedsALimitAndASortMetricForSeveralMetrics() throws Exception {
        ObjectNode noLimit = body(Queries.interval(DAY).groupBy("queueId").metrics("nOffered").json());
        noLimit.put("queryType", "topN");
        assertEquals(400, http.post(Http.CONVERSATIONS, token, noLimit.toString()).statusCode());
        ObjectNode noSort = body(Queries.interval(DAY).groupBy("queueId").metrics("nOffered", "tTalk").json());
        noSort.put("queryType", "topN").put("limit", 2);
        assertEquals(400, http.post(Http.CONVERSATIONS, token, noSort.toString()).statusCode());
        ObjectNode oneMetric = body(Queries.interval(DAY).groupBy("queueId").metrics("tTalk").json());
        oneMetric.put("queryType", "bottomN").put("limit", 2);
        HttpResponse<String> ok = http.post(Http.CONVERSATIONS, token, oneMetric.toString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(2, Http.json(ok).get("results").size());
        ObjectNode unsortable = body(Queries.interval(DAY).groupBy("queueId").metrics("tWait", "nOffered").json());
        unsortable.put("queryType", "topN").put("limit", 2);
        unsortable.putObject("sortMetric").put("name", "tWait").put("function", "sum");
        HttpResponse<String> refused = http.post(Http.CONVERSATIONS, token, unsortable.toString());
        assertEquals(400, refused.statusCode());
        assertEquals("invalid.value", Http.json(refused).get("code").asText());
    }

    @Test
    void usersAggregatesTakeAtMostOneHundredUserIdPredicates() throws Exception {
        for (int n : new int[] {100, 101}) {
            StringBuilder predicates = new StringBuilder();
            for (int i = 0; i < n; i++) {
                predicates.append(i == 0 ? "" : ",").append("{\"dimension\":\"userId\",\"value\":\"u").append(i)
                    .append("\"}");
            }
            String query = Queries.interval(DAY).groupBy("userId").metrics("tSystemPresence")
                .filter("{\"type\":\"or\",\"predicates\":[" + predicates + "]}").json();
            HttpResponse<String> response = http.post("/api/v2/analytics/users/aggregates/query", token, query);
            assertEquals(n <= 100 ? 200 : 400, response.statusCode(), n + " predicates: " + response.body());
            if (n > 100) {
                assertTrue(Http.json(response).get("message").asText().contains("no more than 100 userId"));
            }
        }
        String viewOnUsers = "{\"interval\":\"" + DAY + "\",\"metrics\":[\"tSystemPresence\"],\"views\":["
            + view("v", "tSystemPresence", "{\"lt\":1}") + "]}";
        assertEquals(400, http.post("/api/v2/analytics/users/aggregates/query", token, viewOnUsers).statusCode());
    }

    @Test
    void extendedStatsAddPercentilesAndNowAndThenLeaveOutMin() throws Exception {
        String query = Queries.interval(DAY).granularity("PT30M").groupBy("queueId").allMetrics().json();
        GenesysSimulator extended = GenesysSimulator.builder().seed(21).queues(6).agentsPerQueue(3).fixedClock(NOW)
            .extendedStats(true).build();
        Rows plain = Rows.parse(sim.groundTruth("conversations", query));
        Rows rich = Rows.parse(extended.groundTruth("conversations", query));
        assertEquals(plain.byKey().keySet(), rich.byKey().keySet(), "the same groups, buckets and metrics");
        int timers = 0;
        int withoutMin = 0;
        Map<String, JsonNode> plainByKey = plain.byKey();
        for (Map.Entry<String, JsonNode> entry : rich.byKey().entrySet()) {
            JsonNode stats = entry.getValue();
            JsonNode before = plainByKey.get(entry.getKey());
            if (!before.has("sum")) {
                assertFalse(stats.has("p95"), "only timers have percentiles");
                continue;
            }
            timers++;
            if (!stats.has("min")) {
                withoutMin++;
            }
            long p95 = stats.get("p95").asLong();
            long p99 = stats.get("p99").asLong();
            assertTrue(before.get("min").asLong() <= p95 && p95 <= p99 && p99 <= before.get("max").asLong(),
                entry.getKey() + ": " + stats);
            for (String stat : new String[] {"max", "count", "sum"}) {
                assertEquals(before.get(stat), stats.get(stat), entry.getKey());
            }
        }
        assertTrue(timers > 1000, "timers: " + timers);
        double share = (double) withoutMin / timers;
        assertTrue(share > 0.02 && share < 0.08, "about one in twenty lacks min: " + share);
        List<JsonNode> ordered = rich.rows().stream().map(Rows.Row::stats).filter(s -> s.has("p95"))
            .sorted(Comparator.comparingLong(s -> s.get("count").asLong())).toList();
        JsonNode single = ordered.get(0);
        assertEquals(single.get("max"), single.get("p95"), "under 20 observations the 95th is the largest");
    }
}
