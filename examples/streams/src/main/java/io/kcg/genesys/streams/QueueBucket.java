package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The part of one queue report record (contract v2 wide value: one bucket of one queue and media type) that the
 * daily rollup adds up. Counts and sums are whole numbers, so adding and removing contributions is exact.
 */
public record QueueBucket(String queueId, String mediaType, long intervalStart, long offered, long answered,
                          long abandoned, long handleSumMs, long handleCount, long slNumerator, long slDenominator,
                          int revision) {

    /** Reads a wide value payload of the queue report. */
    static QueueBucket of(JsonNode value) {
        JsonNode revision = value.get("revision");
        return new QueueBucket(ConnectJson.text(value, "queue_id"), ConnectJson.text(value, "media_type"),
                ConnectJson.timestamp(value, "interval_start"),
                ConnectJson.number(value, "n_offered_count"),
                ConnectJson.number(value, "t_answered_count"),
                ConnectJson.number(value, "t_abandon_count"),
                ConnectJson.number(value, "t_handle_sum"),
                ConnectJson.number(value, "t_handle_count"),
                ConnectJson.number(value, "o_service_level_numerator"),
                ConnectJson.number(value, "o_service_level_denominator"),
                revision != null && revision.canConvertToInt() ? revision.asInt() : 0);
    }

    /** The day of the bucket's start in {@code zone}. */
    LocalDate day(ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(intervalStart), zone);
    }
}
