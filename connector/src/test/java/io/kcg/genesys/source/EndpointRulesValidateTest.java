package io.kcg.genesys.source;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * validate() knows Genesys's rules for the users endpoint, views and topN/bottomN, and reports each on the query's
 * body key, so such a query fails before a task runs instead of at its first poll.
 */
class EndpointRulesValidateTest {

    static String view(String name, String target, String function, String range) {
        return "{\"name\":\"" + name + "\",\"target\":\"" + target + "\",\"function\":\"" + function + "\""
                + (range == null ? "" : ",\"range\":" + range) + "}";
    }

    static String views(String... views) {
        return "\"views\":[" + String.join(",", views) + "]";
    }

    static String userPredicates(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"dimension\":\"userId\",\"value\":\"u" + i + "\"}")
                .collect(Collectors.joining(","));
    }

    static Stream<Arguments> bad() {
        String short60 = "{\"lt\":60000}";
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> view("v" + i, "tTalk", "rangeBound", short60))
                .toList();
        return Stream.of(
                Arguments.of("users grouped by queue", "users",
                        "{\"groupBy\":[\"queueId\"],\"metrics\":[\"tSystemPresence\"]}", "group by userId only"),
                Arguments.of("users with a conversation metric", "users",
                        "{\"groupBy\":[\"userId\"],\"metrics\":[\"tSystemPresence\",\"nOffered\"]}",
                        "not nOffered"),
                Arguments.of("users filtered on a queue", "users", "{\"metrics\":[\"tAgentRoutingStatus\"],"
                        + "\"filter\":{\"type\":\"and\",\"clauses\":[{\"type\":\"or\",\"predicates\":"
                        + "[{\"dimension\":\"queueId\",\"value\":\"q\"}]}]}}", "filter on userId only, not queueId"),
                Arguments.of("users with 101 userId predicates", "users", "{\"metrics\":[\"tSystemPresence\"],"
                        + "\"filter\":{\"type\":\"or\",\"predicates\":[" + userPredicates(101) + "]}}",
                        "at most 100 userId predicates"),
                Arguments.of("eleven views", "conversations",
                        "{\"metrics\":[\"tTalk\"]," + views(eleven.toArray(String[]::new)) + "}", "at most 10 views"),
                Arguments.of("a view named like a metric", "conversations",
                        "{\"metrics\":[\"tTalk\"]," + views(view("tHandle", "tTalk", "rangeBound", short60)) + "}",
                        "must not be a metric's"),
                Arguments.of("a view on a count", "conversations",
                        "{\"metrics\":[\"nOffered\"]," + views(view("few", "nOffered", "rangeBound", short60)) + "}",
                        "timer metric"),
                Arguments.of("a view with another function", "conversations",
                        "{\"metrics\":[\"tTalk\"]," + views(view("s", "tTalk", "average", short60)) + "}",
                        "must be rangeBound"),
                Arguments.of("a view without a range", "conversations",
                        "{\"metrics\":[\"tTalk\"]," + views(view("s", "tTalk", "rangeBound", null)) + "}",
                        "needs a 'range'"),
                Arguments.of("a view with a text bound", "conversations",
                        "{\"metrics\":[\"tTalk\"]," + views(view("s", "tTalk", "rangeBound", "{\"lt\":\"1m\"}"))
                                + "}", "needs a 'range'"),
                Arguments.of("two views of one name", "conversations", "{\"metrics\":[\"tTalk\"]," + views(
                        view("s", "tTalk", "rangeBound", short60), view("s", "tAcw", "rangeBound", short60)) + "}",
                        "named twice"),
                Arguments.of("an unknown queryType", "conversations",
                        "{\"metrics\":[\"nOffered\"],\"queryType\":\"top10\"}", "'queryType' must be one of"),
                Arguments.of("topN of two metrics without sortMetric", "conversations",
                        "{\"metrics\":[\"nOffered\",\"tTalk\"],\"queryType\":\"topN\",\"limit\":5}",
                        "needs a 'sortMetric'"),
                Arguments.of("a limit of zero", "conversations",
                        "{\"metrics\":[\"nOffered\"],\"queryType\":\"bottomN\",\"limit\":0}", "positive whole number"),
                Arguments.of("a sortMetric with an unknown function", "conversations", "{\"metrics\":[\"nOffered\"],"
                        + "\"queryType\":\"topN\",\"limit\":3,\"sortMetric\":{\"name\":\"nOffered\","
                        + "\"function\":\"median\"}}", "one of average, count, max, min, sum"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void eachRuleIsReportedOnTheBodyKey(String what, String endpoint, String body, String hint) {
        Map<String, String> props = ConnectorValidateTest.valid();
        props.put("query.queues.endpoint", endpoint);
        props.put("query.queues.body", body);
        Map<String, List<String>> errors = ConnectorValidateTest.errors(props);
        assertEquals(List.of("query.queues.body"), List.copyOf(errors.keySet()), what + ": " + errors);
        assertTrue(errors.get("query.queues.body").stream().anyMatch(m -> m.contains(hint)),
                what + ": " + errors + " should mention " + hint);
    }

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("users by agent", "users", "{\"granularity\":\"PT30M\",\"groupBy\":[\"userId\"],"
                        + "\"metrics\":[\"tSystemPresence\",\"tOrganizationPresence\",\"tAgentRoutingStatus\"],"
                        + "\"filter\":{\"type\":\"or\",\"predicates\":[" + userPredicates(100) + "]}}"),
                Arguments.of("ten views", "conversations", "{\"granularity\":\"PT30M\",\"metrics\":[\"tTalk\"],"
                        + views(IntStream.range(0, 10).mapToObj(i -> view("talk" + i, "tTalk", "rangeBound",
                        "{\"gte\":" + i * 1000 + ",\"lt\":" + (i + 1) * 1000 + "}")).toArray(String[]::new)) + "}"),
                Arguments.of("topN of one metric", "conversations", "{\"granularity\":\"PT30M\","
                        + "\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\"],\"queryType\":\"topN\",\"limit\":5}"),
                Arguments.of("bottomN with a sortMetric", "conversations", "{\"granularity\":\"PT30M\","
                        + "\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"tTalk\"],\"queryType\":\"bottomN\","
                        + "\"limit\":5,\"sortMetric\":{\"name\":\"tTalk\",\"function\":\"average\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void queriesWithinTheRulesPass(String what, String endpoint, String body) {
        Map<String, String> props = ConnectorValidateTest.valid();
        props.put("query.queues.endpoint", endpoint);
        props.put("query.queues.body", body);
        assertEquals(Map.of(), ConnectorValidateTest.errors(props), what);
    }
}
