package io.kcg.genesys.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the per-query keys of a connector config. Every problem is reported against the key it is
 * about, with what is allowed, so {@code validate()} can show it next to that key.
 */
public final class QueryDefinitionParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ENDPOINT = Pattern.compile("[a-z]{1,64}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** Genesys puts mediaType into every conversation group, asked for or not. */
    private static final String MEDIA_TYPE = "mediaType";

    /** The queries that parsed cleanly and the errors per config key. */
    public record Result(List<QueryDefinition> queries, Map<String, List<String>> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private QueryDefinitionParser() {
    }

    /** True for a legal Kafka topic name. */
    public static boolean isTopicName(String topic) {
        return TOPIC.matcher(topic).matches();
    }

    /** Checks the names themselves (syntax, duplicates); errors go to {@code queries}. */
    public static List<String> checkNames(List<String> names) {
        List<String> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!QUERY_NAME.matcher(name).matches()) {
                errors.add("query name '" + name + "' must be 1-64 letters, digits, '_' or '-'");
            } else if (!seen.add(name)) {
                errors.add("query name '" + name + "' is listed twice; names must be unique");
            }
        }
        if (names.isEmpty()) {
            errors.add("list at least one query name, e.g. queues30m");
        }
        return errors;
    }

    public static Result parse(List<String> names, Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<QueryDefinition> queries = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!QUERY_NAME.matcher(name).matches()) {
                continue; // reported against 'queries'
            }
            QueryDefinition query = parseOne(name, props, errors);
            if (query != null) {
                queries.add(query);
            }
        }
        return new Result(queries, errors);
    }

    private static QueryDefinition parseOne(String name, Map<String, String> props, Map<String, List<String>> errors) {
        int errorsBefore = count(errors);

        String endpointKey = QueryKeys.key(name, QueryKeys.ENDPOINT);
        String endpoint = props.getOrDefault(endpointKey, QueryKeys.DEFAULT_ENDPOINT).trim();
        if (!ENDPOINT.matcher(endpoint).matches()) {
            error(errors, endpointKey, "endpoint '" + endpoint + "' must be the lowercase segment X of "
                    + "/api/v2/analytics/X/aggregates/query, e.g. conversations, users or flows");
        }

        String topicKey = QueryKeys.key(name, QueryKeys.TOPIC);
        String topic = props.getOrDefault(topicKey, QueryKeys.DEFAULT_TOPIC_PREFIX + name).trim();
        if (!TOPIC.matcher(topic).matches()) {
            error(errors, topicKey, "topic '" + topic + "' must be 1-249 letters, digits, '.', '_' or '-'");
        }

        String startKey = QueryKeys.key(name, QueryKeys.START);
        StartSpec start = null;
        try {
            start = StartSpec.parse(props.getOrDefault(startKey, QueryKeys.DEFAULT_START));
        } catch (IllegalArgumentException e) {
            error(errors, startKey, e.getMessage());
        }

        String bodyKey = QueryKeys.key(name, QueryKeys.BODY);
        String bodyText = props.get(bodyKey);
        ObjectNode body = null;
        if (bodyText == null || bodyText.isBlank()) {
            error(errors, bodyKey, "is required: the aggregation query JSON, e.g. "
                    + "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"tHandle\"]}");
        } else {
            try {
                JsonNode parsed = JSON.readTree(bodyText);
                if (parsed == null || !parsed.isObject()) {
                    error(errors, bodyKey, "must be a JSON object, not " + (parsed == null ? "empty" : parsed.getNodeType()));
                } else {
                    body = (ObjectNode) parsed;
                }
            } catch (JsonProcessingException e) {
                // A violated read limit (nesting too deep, say) carries no location.
                JsonLocation at = e.getLocation();
                error(errors, bodyKey, "is not valid JSON: " + e.getOriginalMessage()
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
            }
        }

        Granularity granularity = null;
        ZoneId zone = ZoneId.of("UTC");
        List<String> dimensions = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        List<String> views = new ArrayList<>();
        if (body != null) {
            if (body.has("interval")) {
                error(errors, bodyKey, "must not contain 'interval': the connector sets it for every window");
            }
            JsonNode granularityNode = body.get("granularity");
            if (granularityNode != null && !granularityNode.isNull()) {
                try {
                    granularity = Granularity.of(granularityNode.isTextual() ? granularityNode.asText() : granularityNode.toString());
                } catch (IllegalArgumentException e) {
                    error(errors, bodyKey, e.getMessage());
                }
            }
            JsonNode zoneNode = body.get("timeZone");
            if (zoneNode != null && !zoneNode.isNull()) {
                try {
                    zone = ZoneId.of(zoneNode.asText());
                } catch (DateTimeException e) {
                    error(errors, bodyKey, "timeZone '" + zoneNode.asText() + "' is not an IANA time zone such as UTC, "
                            + "Europe/London or America/New_York");
                }
            }
            metrics = identifiers(body, "metrics", bodyKey, errors);
            if (metrics.isEmpty() && body.has("metrics") && body.get("metrics").isArray()) {
                error(errors, bodyKey, "'metrics' must list at least one metric, e.g. [\"nOffered\",\"tHandle\"]");
            } else if (!body.has("metrics")) {
                error(errors, bodyKey, "'metrics' is required, e.g. [\"nOffered\",\"tHandle\"]");
            }
            dimensions = identifiers(body, "groupBy", bodyKey, errors);
            for (String problem : QueryBodyRules.problems(endpoint, body, metrics, dimensions)) {
                error(errors, bodyKey, problem);
            }
            if (endpoint.equals("conversations") && !dimensions.contains(MEDIA_TYPE)) {
                dimensions.add(MEDIA_TYPE);
            }
            checkShapes(body, bodyKey, errors);
            JsonNode viewsNode = body.get("views");
            if (viewsNode != null && viewsNode.isArray()) {
                for (JsonNode view : viewsNode) {
                    String viewName = view.path("name").asText("");
                    if (viewName.isEmpty()) {
                        error(errors, bodyKey, "every entry of 'views' needs a 'name'");
                    } else {
                        views.add(viewName);
                    }
                }
            }
        }

        if (count(errors) > errorsBefore) {
            return null;
        }
        return new QueryDefinition(name, endpoint, body, topic, start, granularity, zone, dimensions, metrics, views);
    }

    /**
     * The shapes Genesys would refuse with a 400 once the task runs: a filter that is not an object, a filter or
     * clause type other than and/or, views that are not a list, a flattenMultivaluedDimensions that is not a boolean.
     */
    private static void checkShapes(ObjectNode body, String key, Map<String, List<String>> errors) {
        JsonNode filter = body.get("filter");
        if (filter != null && !filter.isNull()) {
            if (!filter.isObject()) {
                error(errors, key, "'filter' must be an object such as {\"type\":\"and\",\"predicates\":[...]}");
            } else {
                checkLogicType(filter, "filter", key, errors);
                for (JsonNode clause : filter.path("clauses")) {
                    checkLogicType(clause, "each filter clause", key, errors);
                }
            }
        }
        JsonNode views = body.get("views");
        if (views != null && !views.isNull() && !views.isArray()) {
            error(errors, key, "'views' must be an array of views");
        }
        JsonNode flatten = body.get("flattenMultivaluedDimensions");
        if (flatten != null && !flatten.isNull() && !flatten.isBoolean()) {
            error(errors, key, "'flattenMultivaluedDimensions' must be true or false");
        }
    }

    private static void checkLogicType(JsonNode node, String what, String key, Map<String, List<String>> errors) {
        String type = node.path("type").asText("");
        if (!type.equalsIgnoreCase("and") && !type.equalsIgnoreCase("or")) {
            error(errors, key, what + " needs a 'type' of and or or, not '" + type + "'");
        }
    }

    private static List<String> identifiers(ObjectNode body, String field, String key, Map<String, List<String>> errors) {
        List<String> values = new ArrayList<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            error(errors, key, "'" + field + "' must be an array of strings");
            return values;
        }
        for (JsonNode item : node) {
            String value = item.isTextual() ? item.asText() : null;
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                error(errors, key, "'" + field + "' entry " + item + " must be a name such as "
                        + (field.equals("metrics") ? "nOffered or tHandle" : "queueId or mediaType"));
            } else if (values.contains(value)) {
                error(errors, key, "'" + field + "' lists " + value + " twice");
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private static void error(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(key + ": " + message);
    }

    private static int count(Map<String, List<String>> errors) {
        return errors.values().stream().mapToInt(List::size).sum();
    }
}
