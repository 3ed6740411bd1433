package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One row of the stream processor's daily rollup as its output topic holds it (examples/streams, QueueDailyRollup:
 * JSON key {@code day, queue_id, media_type}, JSON value with the sums and KPIs of that day, queue and media type).
 */
record RollupRow(Key key, String queueName, long offered, long answered, Double abandonRate, Double ahtMs,
                 Double serviceLevel, long buckets) {

    /** A row's identity: the same day (UTC), queue and media type as a line of the demo's report. */
    record Key(LocalDate day, String queueId, String mediaType) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byQueue = queueId.compareTo(other.queueId);
            return byQueue != 0 ? byQueue : mediaType.compareTo(other.mediaType);
        }
    }

    /** The key of an output record's key or value, or null when it is not a rollup row's. */
    static Key key(JsonNode json) {
        if (json == null || !json.hasNonNull("day") || !json.hasNonNull("queue_id") || !json.hasNonNull("media_type")) {
            return null;
        }
        try {
            return new Key(LocalDate.parse(json.get("day").asText()), json.get("queue_id").asText(),
                    json.get("media_type").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The row of an output record's value, or null when it is not one. */
    static RollupRow of(JsonNode value) {
        Key key = key(value);
        if (key == null) {
            return null;
        }
        return new RollupRow(key, value.hasNonNull("queue_name") ? value.get("queue_name").asText() : null,
                value.path("offered").asLong(), value.path("answered").asLong(), number(value, "abandon_rate"),
                number(value, "aht_ms"), number(value, "service_level"), value.path("buckets").asLong());
    }

    private static Double number(JsonNode value, String field) {
        return value.hasNonNull(field) ? value.get(field).asDouble() : null;
    }
}
