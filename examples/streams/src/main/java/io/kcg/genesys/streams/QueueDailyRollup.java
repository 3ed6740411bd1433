package io.kcg.genesys.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

/**
 * The topology: the queue report as a table (the latest record of each bucket key wins, a tombstone removes the
 * bucket), regrouped by (day in the zone, queue, media type) into sums that take a bucket's old contribution out
 * before its restated one goes in, joined on the queue id with the names of the directory's queues topic (a rename
 * updates every row of the queue), written to the output topic as JSON, with a tombstone for a row whose last
 * bucket was deleted.
 */
public final class QueueDailyRollup {
    public static final String BUCKETS_STORE = "queue-report-buckets";
    public static final String ROLLUP_STORE = "daily-rollup";
    public static final String NAMES_STORE = "queue-names";
    private static final Logger log = LoggerFactory.getLogger(QueueDailyRollup.class);

    private QueueDailyRollup() {
    }

    public static Topology build(RollupSettings settings) {
        ZoneId zone = settings.zone();
        StreamsBuilder builder = new StreamsBuilder();
        Serde<QueueBucket> bucketSerde = JsonSerde.of(QueueBucket.class);
        Serde<DailyRollup> rollupSerde = JsonSerde.of(DailyRollup.class);

        // The report as a table of buckets by key. The key is the payload of what Connect wrote, so that the same
        // bucket has the same key with or without the schema envelope (a worker's converter setting can change).
        KTable<String, QueueBucket> buckets = builder.stream(settings.reportTopic(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .flatMap((key, value) -> bucket(settings.reportTopic(), key, value), Named.as("report-bucket"))
                .toTable(Named.as("report-table"),
                        Materialized.<String, QueueBucket, KeyValueStore<Bytes, byte[]>>as(BUCKETS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(bucketSerde));

        KTable<String, DailyRollup> daily = buckets
                .groupBy((key, bucket) -> KeyValue.pair(rowKey(bucket.day(zone).toString(), bucket), bucket),
                        Grouped.with("by-day", Serdes.String(), bucketSerde))
                .aggregate(DailyRollup::empty,
                        (row, bucket, sum) -> sum.plus(bucket.day(zone).toString(), bucket),
                        (row, bucket, sum) -> sum.minus(bucket),
                        Named.as("daily-sums"),
                        Materialized.<String, DailyRollup, KeyValueStore<Bytes, byte[]>>as(ROLLUP_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(rollupSerde));

        KTable<String, String> names = builder.stream(settings.queuesTopic(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .flatMap((key, value) -> queueName(settings.queuesTopic(), key, value), Named.as("queue-name"))
                .toTable(Named.as("queue-names-table"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(NAMES_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));

        daily.leftJoin(names, DailyRollup::queueId, DailyRollup::named, TableJoined.as("names-join"),
                        Materialized.with(Serdes.String(), rollupSerde))
                .toStream(Named.as("rows"))
                .mapValues(row -> row == null ? null : output(row, zone), Named.as("row-json"))
                .to(settings.outputTopic(), Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** The key of a row, also the output record's key: a JSON object of day, queue and media type. */
    static String rowKey(String day, QueueBucket bucket) {
        ObjectNode key = ConnectJson.MAPPER.createObjectNode();
        key.put("day", day);
        key.put("queue_id", bucket.queueId());
        key.put("media_type", bucket.mediaType());
        return key.toString();
    }

    /** A queue report record as (key, bucket), a tombstone as (key, null); nothing for what is not one. */
    private static List<KeyValue<String, QueueBucket>> bucket(String topic, byte[] key, byte[] value) {
        try {
            JsonNode keyPayload = ConnectJson.payload(key);
            if (keyPayload == null) {
                log.warn("A record of {} has no key; skipped", topic);
                return List.of();
            }
            JsonNode payload = ConnectJson.payload(value);
            return List.of(KeyValue.pair(keyPayload.toString(), payload == null ? null : QueueBucket.of(payload)));
        } catch (SerializationException e) {
            log.warn("A record of {} is not a queue report record ({}); skipped", topic, e.getMessage());
            return List.of();
        }
    }

    /** The queue's id and name (null: a tombstone) from a directory record; nothing for a record without an id. */
    private static List<KeyValue<String, String>> queueName(String topic, byte[] key, byte[] value) {
        try {
            JsonNode id = ConnectJson.payload(key);
            if (id == null || !id.hasNonNull("id")) {
                log.warn("A record of {} has no id in its key; skipped", topic);
                return List.of();
            }
            JsonNode queue = ConnectJson.payload(value);
            return List.of(KeyValue.pair(id.get("id").asText(),
                    queue == null ? null : ConnectJson.optionalText(queue, "name")));
        } catch (SerializationException e) {
            log.warn("A record of {} is not a directory record ({}); skipped", topic, e.getMessage());
            return List.of();
        }
    }

    private static String output(DailyRollup row, ZoneId zone) {
        ObjectNode json = ConnectJson.MAPPER.createObjectNode();
        json.put("day", row.day());
        json.put("time_zone", zone.getId());
        json.put("queue_id", row.queueId());
        json.put("queue_name", row.queueName());
        json.put("media_type", row.mediaType());
        json.put("offered", row.offered());
        json.put("answered", row.answered());
        json.put("abandoned", row.abandoned());
        json.put("abandon_rate", row.abandonRate());
        json.put("handle_sum_ms", row.handleSumMs());
        json.put("handle_count", row.handleCount());
        json.put("aht_ms", row.ahtMs());
        json.put("service_level_numerator", row.slNumerator());
        json.put("service_level_denominator", row.slDenominator());
        json.put("service_level", row.serviceLevel());
        json.put("buckets", row.buckets());
        json.put("restated_buckets", row.restatedBuckets());
        try {
            return ConnectJson.MAPPER.writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
