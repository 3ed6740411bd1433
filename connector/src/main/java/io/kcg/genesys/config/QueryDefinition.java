package io.kcg.genesys.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * One named query of the connector's config, validated: the aggregates endpoint it polls, the user's query body
 * (without {@code interval}), where its records go, where it starts, and what its body says about bucket size, time
 * zone, dimensions and metrics.
 */
public final class QueryDefinition {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter INTERVAL_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneId.of("UTC"));

    private final String name;
    private final String endpoint;
    private final ObjectNode body;
    private final String topic;
    private final StartSpec start;
    private final Granularity granularity; // null: one bucket per request
    private final ZoneId timeZone;
    private final List<String> dimensions;  // groupBy, plus mediaType for conversations
    private final List<String> metrics;
    private final List<String> viewNames;

    QueryDefinition(String name, String endpoint, ObjectNode body, String topic, StartSpec start,
                    Granularity granularity, ZoneId timeZone, List<String> dimensions, List<String> metrics,
                    List<String> viewNames) {
        this.name = name;
        this.endpoint = endpoint;
        this.body = body;
        this.topic = topic;
        this.start = start;
        this.granularity = granularity;
        this.timeZone = timeZone;
        this.dimensions = List.copyOf(dimensions);
        this.metrics = List.copyOf(metrics);
        this.viewNames = List.copyOf(viewNames);
    }

    public String name() {
        return name;
    }

    public String endpoint() {
        return endpoint;
    }

    public String topic() {
        return topic;
    }

    public StartSpec start() {
        return start;
    }

    /** The query's granularity, or null when the body has none (Genesys then answers one bucket per window). */
    public Granularity granularity() {
        return granularity;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    /** The group dimensions every record of this query has a field for, in a stable order. */
    public List<String> dimensions() {
        return dimensions;
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<String> viewNames() {
        return viewNames;
    }

    /** The request body for the window {@code [start, end)}: the user's body with {@code interval} set. */
    public String bodyFor(Instant windowStart, Instant windowEnd) {
        ObjectNode request = body.deepCopy();
        request.put("interval", intervalText(windowStart, windowEnd));
        try {
            return JSON.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the body of query " + name, e);
        }
    }

    /** The ISO-8601 interval text Genesys expects, {@code start/end} in UTC with milliseconds. */
    public static String intervalText(Instant start, Instant end) {
        return INTERVAL_INSTANT.format(start) + "/" + INTERVAL_INSTANT.format(end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryDefinition && ((QueryDefinition) o).name.equals(name)
                && ((QueryDefinition) o).body.equals(body) && ((QueryDefinition) o).endpoint.equals(endpoint)
                && ((QueryDefinition) o).topic.equals(topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, endpoint, body, topic);
    }

    @Override
    public String toString() {
        return "query " + name + " (" + endpoint + ", granularity " + granularity + ", " + timeZone + ")";
    }
}
