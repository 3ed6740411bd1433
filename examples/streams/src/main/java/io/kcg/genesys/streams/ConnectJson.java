package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads what Kafka Connect's JsonConverter wrote: with {@code schemas.enable=true} a {@code {"schema": ...,
 * "payload": ...}} envelope, without it the payload alone. Both are accepted, so the example works whatever the
 * worker's converter setting.
 */
final class ConnectJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConnectJson() {
    }

    /** The payload of a record key or value; null for a null (tombstone) or JSON null. */
    static JsonNode payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new SerializationException("not JSON: " + e.getMessage(), e);
        }
        if (root != null && root.isObject() && root.size() == 2 && root.has("schema") && root.has("payload")) {
            root = root.get("payload");
        }
        return root == null || root.isNull() ? null : root;
    }

    /** A text field; SerializationException when it is missing. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new SerializationException("the record has no '" + field + "'");
        }
        return value.asText();
    }

    /** A text field, or null when missing. */
    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /**
     * A whole-number stat as a long; 0 when absent (Genesys omits a stat with nothing to count). Sums of times are
     * whole milliseconds, so rounding a float64 loses nothing and keeps additions and removals exact.
     */
    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new SerializationException("'" + field + "' is not a number: " + value);
        }
        return Math.round(value.asDouble());
    }

    /** A Connect Timestamp: epoch milliseconds (JsonConverter) or an ISO-8601 instant. */
    static long timestamp(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new SerializationException("'" + field + "' is not a timestamp: " + value, e);
            }
        }
        throw new SerializationException("the record has no timestamp '" + field + "'");
    }
}
