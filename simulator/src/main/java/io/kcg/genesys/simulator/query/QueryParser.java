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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates an aggregates query body the way Genesys does: invalid.date for the interval, invalid.value
 * for values outside an enumeration or format, bad.request for a missing field or malformed JSON. Fields the
 * simulator does not use (views, flattenMultivaluedDimensions, ...) are accepted and ignored.
 */
final class QueryParser {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        return new AggregateQuery(interval[0], interval[1], granularity, zone, groupBy, filter, metrics);
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
