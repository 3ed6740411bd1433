package io.kcg.genesys.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules Genesys applies to a query body that the connector can check before a task runs, so that such a query
 * fails {@code validate()} on its body key instead of its first poll (API.md, "More facts"):
 * <ul>
 *   <li>users aggregates: {@code groupBy} and filter on {@code userId} only, at most 100 {@code userId} predicates,
 *       metrics {@code tSystemPresence}, {@code tOrganizationPresence} and {@code tAgentRoutingStatus};</li>
 *   <li>views: at most 10, each with a name of its own that is not a metric's, a timer target, the function
 *       {@code rangeBound} and a {@code range} of numbers;</li>
 *   <li>topN/bottomN: a known {@code queryType}, a positive {@code limit}, and a {@code sortMetric} (with one of
 *       Genesys's functions) when several metrics are asked.</li>
 * </ul>
 * Metric and dimension names are otherwise free (Genesys adds to its lists), so only these rules are checked.
 */
final class QueryBodyRules {
    static final String USERS = "users";
    static final List<String> USER_METRICS = List.of("tSystemPresence", "tOrganizationPresence", "tAgentRoutingStatus");
    static final String USER_ID = "userId";
    static final int MAX_USER_PREDICATES = 100;
    static final int MAX_VIEWS = 10;
    private static final List<String> QUERY_TYPES = List.of("groupBy", "topN", "bottomN");
    private static final List<String> SORT_FUNCTIONS = List.of("average", "count", "max", "min", "sum");
    /** Genesys's metric names: n (counts), t (timers) or o (observations), then a capital. */
    private static final Pattern METRIC_SHAPED = Pattern.compile("[nto][A-Z][A-Za-z0-9]*");

    private QueryBodyRules() {
    }

    /** What is wrong with {@code body} for {@code endpoint}, one message per problem (empty when nothing is). */
    static List<String> problems(String endpoint, ObjectNode body, List<String> metrics, List<String> groupBy) {
        List<String> problems = new ArrayList<>();
        if (endpoint.equals(USERS)) {
            users(body, metrics, groupBy, problems);
        }
        views(body, metrics, problems);
        ranking(body, metrics, problems);
        return problems;
    }

    private static void users(ObjectNode body, List<String> metrics, List<String> groupBy, List<String> problems) {
        for (String dimension : groupBy) {
            if (!dimension.equals(USER_ID)) {
                problems.add("users aggregates group by userId only, not " + dimension);
            }
        }
        for (String metric : metrics) {
            if (!USER_METRICS.contains(metric)) {
                problems.add("users aggregates have the metrics " + String.join(", ", USER_METRICS) + " only, not "
                        + metric);
            }
        }
        List<String> filtered = new ArrayList<>();
        JsonNode filter = body.path("filter");
        predicateDimensions(filter.path("predicates"), filtered);
        for (JsonNode clause : filter.path("clauses")) {
            predicateDimensions(clause.path("predicates"), filtered);
        }
        Set<String> others = new HashSet<>(filtered);
        others.remove(USER_ID);
        if (!others.isEmpty()) {
            problems.add("users aggregates filter on userId only, not " + String.join(", ", others.stream().sorted()
                    .toList()));
        }
        long userPredicates = filtered.stream().filter(USER_ID::equals).count();
        if (userPredicates > MAX_USER_PREDICATES) {
            problems.add("users aggregates take at most " + MAX_USER_PREDICATES + " userId predicates in one query, "
                    + "this filter has " + userPredicates + "; split the agents over several queries");
        }
    }

    private static void predicateDimensions(JsonNode predicates, List<String> into) {
        for (JsonNode predicate : predicates) {
            String dimension = predicate.path("dimension").asText("");
            if (!dimension.isEmpty()) {
                into.add(dimension);
            }
        }
    }

    private static void views(ObjectNode body, List<String> metrics, List<String> problems) {
        JsonNode views = body.get("views");
        if (views == null || !views.isArray()) {
            return; // absent, or reported as not an array
        }
        if (views.size() > MAX_VIEWS) {
            problems.add("at most " + MAX_VIEWS + " views per query, not " + views.size());
        }
        Set<String> names = new HashSet<>();
        for (JsonNode view : views) {
            if (!view.isObject()) {
                problems.add("each entry of 'views' must be an object {name, target, function, range}");
                continue;
            }
            String name = view.path("name").asText("");
            String label = name.isEmpty() ? "a view" : "view '" + name + "'";
            if (!name.isEmpty() && !names.add(name)) {
                problems.add(label + " is named twice; view names must be unique");
            }
            if (metrics.contains(name) || METRIC_SHAPED.matcher(name).matches()) {
                problems.add(label + ": a view's name must not be a metric's (Genesys refuses names of its metrics; "
                        + "names shaped nX, tX or oX are theirs), e.g. shortTalks");
            }
            String target = view.path("target").asText("");
            if (target.isEmpty()) {
                problems.add(label + " needs a 'target': the timer metric it bounds, e.g. tTalk");
            } else if (!target.startsWith("t")) {
                problems.add(label + ": range bound views take a timer metric (tX) as target, not " + target);
            }
            String function = view.path("function").asText("");
            if (!function.equalsIgnoreCase("rangeBound")) {
                problems.add(label + ": 'function' must be rangeBound, not '" + function + "'");
            }
            JsonNode range = view.get("range");
            boolean gte = range != null && range.hasNonNull("gte");
            boolean lt = range != null && range.hasNonNull("lt");
            if (range == null || !range.isObject() || (!gte && !lt)
                    || (gte && !range.get("gte").isNumber()) || (lt && !range.get("lt").isNumber())) {
                problems.add(label + " needs a 'range' with gte and/or lt in milliseconds, e.g. {\"lt\":60000}");
            }
        }
    }

    private static void ranking(ObjectNode body, List<String> metrics, List<String> problems) {
        JsonNode type = body.get("queryType");
        String queryType = type == null || type.isNull() ? "groupBy" : type.asText("");
        String known = null;
        for (String candidate : QUERY_TYPES) {
            if (candidate.equalsIgnoreCase(queryType)) {
                known = candidate;
            }
        }
        if (known == null) {
            problems.add("'queryType' must be one of " + String.join(", ", QUERY_TYPES) + ", not '" + queryType + "'");
            return;
        }
        JsonNode limit = body.get("limit");
        if (limit != null && !limit.isNull() && (!limit.isIntegralNumber() || !limit.canConvertToInt()
                || limit.asInt() < 1)) {
            problems.add("'limit' must be a positive whole number, not " + limit);
        }
        JsonNode sort = body.get("sortMetric");
        if (sort != null && !sort.isNull()) {
            String function = sort.path("function").asText("");
            if (!sort.isObject() || sort.path("name").asText("").isEmpty()
                    || !SORT_FUNCTIONS.contains(function.toLowerCase(Locale.ROOT))) {
                problems.add("'sortMetric' must be {\"name\": a metric, \"function\": one of "
                        + String.join(", ", SORT_FUNCTIONS) + "}");
            }
        } else if (!known.equals("groupBy") && metrics.size() > 1) {
            problems.add("a " + known + " query of several metrics needs a 'sortMetric' saying which one ranks the "
                    + "groups, e.g. {\"name\":\"nOffered\",\"function\":\"count\"}");
        }
    }
}
