package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.simulator.GenesysApiException;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates an aggregates query body the way Genesys does: invalid.date for the interval, invalid.value
 * for values outside an enumeration or format, bad.request for a missing field or malformed JSON. Also Genesys's
 * limits: at most 10 {@code rangeBound} views on timer metrics, named unlike any metric; topN/bottomN with a
 * {@code limit} and a {@code sortMetric}; at most 100 {@code userId} predicates on users aggregates. Fields the
 * simulator does not use (flattenMultivaluedDimensions, alternateTimeDimension) are accepted and ignored.
 */
final class QueryParser {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Genesys's limits (API.md, "More facts"). */
    static final int MAX_VIEWS = 10;
    static final int MAX_USER_PREDICATES = 100;
    /** The metrics Genesys does not sort by (its sortMetric enumeration leaves them out). */
    private static final List<String> UNSORTABLE = List.of("oCallbackServiceLevel", "oServiceLevel",
        "tShortAbandon", "tWait");
    private static final List<String> SORT_FUNCTIONS = List.of("average", "count", "max", "min", "sum");

    private final AggregateEndpoint endpoint;

    QueryParser(AggregateEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    AggregateQuery parse(byte[] body) {
        JsonNode root = readObject(body);
        long[] interval = interval(root.get("interval"));
        Granularity granularity = granularity(root.get("granularity"));
        ZoneId zone = timeZone(root.get("timeZone"));
        List<String> groupBy = names(root.get("groupBy"), "groupBy", endpoint.groupBy());
        List<String> metrics = names(root.get("metrics"), "metrics", endpoint.metrics());
        if (metrics.isEmpty()) {
            throw GenesysApiException.badRequest("The query must name at least one metric in [metrics]");
        }
        Filter filter = isAbsent(root.get("filter")) ? null : filter(root.get("filter"));
        if (endpoint == AggregateEndpoint.USERS && filter != null && filter.count("userId") > MAX_USER_PREDICATES) {
            throw GenesysApiException.badRequest("A single query may contain no more than " + MAX_USER_PREDICATES
                + " userId predicates; this one has " + filter.count("userId"));
        }
        List<AggregateQuery.View> views = views(root.get("views"));
        AggregateQuery.Ranking ranking = ranking(root, metrics);
        return new AggregateQuery(interval[0], interval[1], granularity, zone, groupBy, filter, metrics, views,
            ranking);
    }

    private List<AggregateQuery.View> views(JsonNode node) {
        if (isAbsent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw GenesysApiException.badRequest("[views] must be an array of views");
        }
        if (endpoint != AggregateEndpoint.CONVERSATIONS && node.size() > 0) {
            throw GenesysApiException.badRequest("The simulator answers views on conversation aggregates only");
        }
        if (node.size() > MAX_VIEWS) {
            throw GenesysApiException.badRequest("A query may have at most " + MAX_VIEWS + " views; this one has "
                + node.size());
        }
        List<AggregateQuery.View> views = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode view : node) {
            if (!view.isObject()) {
                throw GenesysApiException.badRequest("[views] must hold objects");
            }
            String name = requiredText(view, "name", "views.name");
            if (isMetricName(name)) {
                throw GenesysApiException.badRequest("The view name [" + name + "] is the name of a metric; "
                    + "a view needs a name of its own");
            }
            if (!names.add(name)) {
                throw GenesysApiException.badRequest("Two views are named [" + name + "]");
            }
            String target = endpoint.metrics().canonical(requiredText(view, "target", "views.target"));
            String function = requiredText(view, "function", "views.function");
            if (!function.equalsIgnoreCase("rangeBound")) {
                throw GenesysApiException.invalidValue(function, "AggregationViewFunction", "rangeBound");
            }
            if (!target.startsWith("t")) {
                throw GenesysApiException.badRequest("The view [" + name + "] targets [" + target + "]: range "
                    + "bound views apply to timer metrics only");
            }
            JsonNode range = view.get("range");
            if (isAbsent(range) || !range.isObject()) {
                throw GenesysApiException.badRequest("The view [" + name + "] needs a [range] with gte and/or lt");
            }
            Double gte = bound(range.get("gte"), name);
            Double lt = bound(range.get("lt"), name);
            if (gte == null && lt == null) {
                throw GenesysApiException.badRequest("The view [" + name + "] needs a [range] with gte and/or lt");
            }
            views.add(new AggregateQuery.View(name, target, gte, lt));
        }
        return List.copyOf(views);
    }

    private boolean isMetricName(String name) {
        try {
            endpoint.metrics().canonical(name);
            return true;
        } catch (GenesysApiException e) {
            return false;
        }
    }

    private static Double bound(JsonNode node, String view) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw GenesysApiException.badRequest("The range of the view [" + view + "] must hold numbers");
        }
        return node.asDouble();
    }

    private AggregateQuery.Ranking ranking(JsonNode root, List<String> metrics) {
        JsonNode type = root.get("queryType");
        String queryType = isAbsent(type) ? "groupBy" : type.asText();
        boolean top;
        switch (queryType.toLowerCase(Locale.ROOT)) {
            case "groupby" -> {
                return null;
            }
            case "topn" -> top = true;
            case "bottomn" -> top = false;
            default -> throw GenesysApiException.invalidValue(queryType, "QueryType", "bottomN, groupBy, topN");
        }
        if (endpoint != AggregateEndpoint.CONVERSATIONS) {
            throw GenesysApiException.badRequest("The simulator answers topN and bottomN on conversation aggregates "
                + "only");
        }
        JsonNode limit = root.get("limit");
        if (isAbsent(limit) || !limit.canConvertToInt() || !limit.isIntegralNumber() || limit.asInt() < 1) {
            throw GenesysApiException.badRequest("A " + queryType + " query needs a [limit] of at least 1");
        }
        JsonNode sort = root.get("sortMetric");
        String metric;
        String function;
        if (isAbsent(sort)) {
            if (metrics.size() != 1) {
                throw GenesysApiException.badRequest("[sortMetric] is required when requesting multiple metrics");
            }
            metric = metrics.get(0);
            function = metric.startsWith("t") ? "sum" : "count";
        } else {
            if (!sort.isObject()) {
                throw GenesysApiException.badRequest("[sortMetric] must be an object with name and function");
            }
            metric = endpoint.metrics().canonical(requiredText(sort, "name", "sortMetric.name"));
            String rawFunction = requiredText(sort, "function", "sortMetric.function");
            function = rawFunction.toLowerCase(Locale.ROOT);
            if (!SORT_FUNCTIONS.contains(function)) {
                throw GenesysApiException.invalidValue(rawFunction, "AggregationSortFunction", SORT_FUNCTIONS);
            }
        }
        if (UNSORTABLE.contains(metric)) {
            throw GenesysApiException.invalidValue(metric, "ConversationAggregationSortName",
                "the metrics except " + String.join(", ", UNSORTABLE));
        }
        ConversationMetric modelled = ConversationMetric.byName(metric);
        boolean sortable = modelled != null && (modelled.kind() == ConversationMetric.Kind.TIMER
            || modelled.kind() == ConversationMetric.Kind.COUNT && (function.equals("count")
            || function.equals("sum")));
        if (!sortable) {
            throw GenesysApiException.badRequest("The simulator cannot rank groups by the " + function + " of ["
                + metric + "]; it ranks by a modelled count (count, sum) or timer metric");
        }
        return new AggregateQuery.Ranking(top, metric, function, limit.asInt());
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (isAbsent(value) || !value.isTextual() || value.asText().isBlank()) {
            throw GenesysApiException.badRequest("[" + path + "] is required");
        }
        return value.asText();
    }

    private static JsonNode readObject(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw GenesysApiException.badRequest("The request could not be understood by the server due to "
                + "malformed syntax: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GenesysApiException.badRequest("The request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw GenesysApiException.badRequest("The request body must be a JSON object");
        }
        return root;
    }

    private static long[] interval(JsonNode node) {
        if (isAbsent(node) || !node.isTextual()) {
            throw GenesysApiException.invalidDate("An interval is required. Dates must be specified as ISO-8601 "
                + "strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ/yyyy-MM-ddTHH:mm:ss.SSSZ");
        }
        return Intervals.parse(node.asText());
    }

    private static Granularity granularity(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        return Granularity.parse(node.asText());
    }

    private static ZoneId timeZone(JsonNode node) {
        if (isAbsent(node)) {
            return ZoneOffset.UTC;
        }
        String name = node.asText();
        try {
            // Offsets like "+02:00" are not IANA names; Genesys wants a region id.
            if (!name.isEmpty() && (name.charAt(0) == '+' || name.charAt(0) == '-')) {
                throw new DateTimeException(name);
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw GenesysApiException.invalidValue(name, "DateTimeZone",
                "IANA time zone ids, e.g. UTC, Europe/London, America/New_York");
        }
    }

    private static List<String> names(JsonNode node, String field, Vocabulary vocabulary) {
        if (isAbsent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw GenesysApiException.badRequest("[" + field + "] must be an array of strings");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw GenesysApiException.badRequest("[" + field + "] must be an array of strings");
            }
            names.add(vocabulary.canonical(element.asText()));
        }
        return List.copyOf(names);
    }

    private Filter filter(JsonNode node) {
        if (!node.isObject()) {
            throw GenesysApiException.badRequest("[filter] must be an object");
        }
        List<Filter> parts = new ArrayList<>();
        JsonNode clauses = node.get("clauses");
        if (!isAbsent(clauses)) {
            for (JsonNode clause : array(clauses, "filter.clauses")) {
                if (!clause.isObject()) {
                    throw GenesysApiException.badRequest("[filter.clauses] must hold objects");
                }
                List<Filter> predicates = predicates(clause.get("predicates"), "filter.clauses.predicates");
                if (predicates.isEmpty()) {
                    throw GenesysApiException.badRequest("A clause needs at least one predicate");
                }
                parts.add(new Filter.Junction(junctionType(clause.get("type")), predicates));
            }
        }
        parts.addAll(predicates(node.get("predicates"), "filter.predicates"));
        if (parts.isEmpty()) {
            throw GenesysApiException.badRequest("A filter needs at least one clause or predicate");
        }
        return new Filter.Junction(junctionType(node.get("type")), parts);
    }

    /** True for "and", false for "or". */
    private static boolean junctionType(JsonNode node) {
        if (isAbsent(node)) {
            throw GenesysApiException.badRequest("A filter or clause needs a [type]: and, or");
        }
        String type = node.asText().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "and" -> true;
            case "or" -> false;
            default -> throw GenesysApiException.invalidValue(node.asText(), "QueryFilterType", "and, or");
        };
    }

    private List<Filter> predicates(JsonNode node, String field) {
        List<Filter> predicates = new ArrayList<>();
        if (isAbsent(node)) {
            return predicates;
        }
        for (JsonNode predicate : array(node, field)) {
            if (!predicate.isObject()) {
                throw GenesysApiException.badRequest("[" + field + "] must hold objects");
            }
            predicates.add(predicate(predicate));
        }
        return predicates;
    }

    private Filter.Predicate predicate(JsonNode node) {
        JsonNode type = node.get("type");
        if (!isAbsent(type)) {
            String name = type.asText().toLowerCase(Locale.ROOT);
            if (name.equals("property") || name.equals("metric")) {
                throw GenesysApiException.badRequest("The simulator supports dimension predicates only, not ["
                    + type.asText() + "]");
            }
            if (!name.equals("dimension")) {
                throw GenesysApiException.invalidValue(type.asText(), "QueryPredicateType",
                    "dimension, property, metric");
            }
        }
        JsonNode dimension = node.get("dimension");
        if (isAbsent(dimension)) {
            throw GenesysApiException.badRequest("A predicate needs a [dimension]");
        }
        String canonical = endpoint.filterDimensions().canonical(dimension.asText());
        Filter.Operator operator = operator(node.get("operator"));
        JsonNode value = node.get("value");
        if (operator == Filter.Operator.MATCHES && (isAbsent(value) || !value.isValueNode())) {
            throw GenesysApiException.badRequest("A [matches] predicate on [" + canonical + "] needs a [value]");
        }
        return new Filter.Predicate(canonical, operator, operator == Filter.Operator.MATCHES ? value.asText() : null);
    }

    private static Filter.Operator operator(JsonNode node) {
        if (isAbsent(node)) {
            return Filter.Operator.MATCHES;
        }
        return switch (node.asText().toLowerCase(Locale.ROOT)) {
            case "matches" -> Filter.Operator.MATCHES;
            case "exists" -> Filter.Operator.EXISTS;
            case "notexists" -> Filter.Operator.NOT_EXISTS;
            default -> throw GenesysApiException.invalidValue(node.asText(), "QueryPredicateOperator",
                "matches, exists, notExists");
        };
    }

    private static JsonNode array(JsonNode node, String field) {
        if (!node.isArray()) {
            throw GenesysApiException.badRequest("[" + field + "] must be an array");
        }
        return node;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
