package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One 30-minute bucket of one queue and media type, as a wide record of the queue report carries it (field names
 * from record contract v2, docs/records.md: {@code n_offered_count}, {@code t_handle_sum},
 * {@code o_service_level_numerator}, ...).
 */
record Bucket(String queueId, String mediaType, Instant start, Instant end, long offered, long answered,
              long abandoned, double handleSumMs, long handleCount, double slNumerator, double slDenominator,
              int revision) {

    /** The bucket of a record value, or null when the value is not a queue-report record. */
    static Bucket of(JsonNode value) {
        if (value == null || !value.has("interval_start")) {
            return null;
        }
        String queue = text(value, "queue_id");
        String media = text(value, "media_type");
        if (queue == null || media == null) {
            return null;
        }
        return new Bucket(queue, media,
                Instant.ofEpochMilli(value.path("interval_start").asLong()),
                Instant.ofEpochMilli(value.path("interval_end").asLong()),
                value.path("n_offered_count").asLong(0),
                value.path("t_answered_count").asLong(0),
                value.path("t_abandon_count").asLong(0),
                value.path("t_handle_sum").asDouble(0),
                value.path("t_handle_count").asLong(0),
                value.path("o_service_level_numerator").asDouble(0),
                value.path("o_service_level_denominator").asDouble(0),
                value.path("revision").asInt(0));
    }

    /** A dimension's value, or null when the record has none ("-", the contract's value for an absent dimension). */
    private static String text(JsonNode value, String field) {
        JsonNode node = value.get(field);
        return node == null || node.isNull() || node.asText().equals("-") ? null : node.asText();
    }

    /** Same queue, media type and interval: a restated bucket replaces the earlier one. */
    String key() {
        return key(queueId, mediaType, start.toEpochMilli());
    }

    /** The {@link #key()} of a record key (its fields: query_name, interval_start, one per dimension), or null. */
    static String keyOf(JsonNode recordKey) {
        if (recordKey == null || !recordKey.has("interval_start")) {
            return null;
        }
        String queue = text(recordKey, "queue_id");
        String media = text(recordKey, "media_type");
        return queue == null || media == null ? null : key(queue, media, recordKey.path("interval_start").asLong());
    }

    private static String key(String queue, String media, long startMs) {
        return queue + "|" + media + "|" + startMs;
    }
}
