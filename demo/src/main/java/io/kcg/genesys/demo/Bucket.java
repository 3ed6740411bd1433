package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One 30-minute bucket of one queue and media type, as a wide record of the queue report carries it (field names
 * from the record contract: {@code nOffered_count}, {@code tHandle_sum}, {@code oServiceLevel_numerator}, ...).
 */
record Bucket(String queueId, String mediaType, Instant start, Instant end, long offered, long answered,
              long abandoned, double handleSumMs, long handleCount, double slNumerator, double slDenominator,
              int revision) {

    /** The bucket of a record value, or null when the value is not a queue-report record. */
    static Bucket of(JsonNode value) {
        if (value == null || !value.has("intervalStart")) {
            return null;
        }
        String queue = text(value, "queueId");
        String media = text(value, "mediaType");
        if (queue == null || media == null) {
            return null;
        }
        return new Bucket(queue, media,
                Instant.ofEpochMilli(value.path("intervalStart").asLong()),
                Instant.ofEpochMilli(value.path("intervalEnd").asLong()),
                value.path("nOffered_count").asLong(0),
                value.path("tAnswered_count").asLong(0),
                value.path("tAbandon_count").asLong(0),
                value.path("tHandle_sum").asDouble(0),
                value.path("tHandle_count").asLong(0),
                value.path("oServiceLevel_numerator").asDouble(0),
                value.path("oServiceLevel_denominator").asDouble(0),
                value.path("revision").asInt(0));
    }

    private static String text(JsonNode value, String field) {
        JsonNode node = value.get(field);
        if ((node == null || node.isNull()) && value.has("group")) {
            node = value.path("group").get(field);
        }
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Same queue, media type and interval: a restated bucket replaces the earlier one. */
    String key() {
        return key(queueId, mediaType, start.toEpochMilli());
    }

    /** The {@link #key()} of a record key (its fields: query, intervalStart, one per dimension), or null. */
    static String keyOf(JsonNode recordKey) {
        if (recordKey == null || !recordKey.has("intervalStart")) {
            return null;
        }
        String queue = text(recordKey, "queueId");
        String media = text(recordKey, "mediaType");
        return queue == null || media == null ? null : key(queue, media, recordKey.path("intervalStart").asLong());
    }

    private static String key(String queue, String media, long startMs) {
        return queue + "|" + media + "|" + startMs;
    }
}
