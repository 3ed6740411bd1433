package io.kcg.genesys.source;

import io.kcg.genesys.restate.BucketMemoryCodec;
import io.kcg.genesys.restate.DamagedMemoryException;
import io.kcg.genesys.restate.HorizonMemory;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source partitions and offsets of a query. These maps are what users see and write through the Connect REST
 * API's offsets endpoints, so their shape is part of the contract:
 * <ul>
 *   <li>{@code {"query": name}}: {@code {"watermark": epoch ms}}, the end of the last forward window whose records
 *   were all written; with restatement on also {@code memory_from} (buckets from here on are remembered),
 *   {@code memory_oldest} (no bucket partition of the query is older) and {@code nightly_pass} (when the last
 *   complete nightly pass started), all epoch ms.</li>
 *   <li>{@code {"query": name, "bucket": epoch ms}}, one per bucket inside the restatement horizon:
 *   {@code {"memory": "..."}}, what was emitted for the bucket (see {@link BucketMemoryCodec}), or
 *   {@code {"given_up": "reason"}} for a bucket whose memory could not be kept.</li>
 * </ul>
 */
public final class SourceOffsets {
    public static final String QUERY = "query";
    public static final String BUCKET = "bucket";
    public static final String WATERMARK = "watermark";
    public static final String MEMORY_FROM = "memory_from";
    public static final String MEMORY_OLDEST = "memory_oldest";
    public static final String NIGHTLY_PASS = "nightly_pass";
    public static final String MEMORY = "memory";
    public static final String GIVEN_UP = "given_up";
    /** The whole restatement memory in the query's offset, as versions before per-bucket memories wrote it. */
    public static final String LEGACY_RESTATEMENT = "restatement";

    private static final Set<String> QUERY_OFFSET_KEYS = Set.of(WATERMARK, MEMORY_FROM, MEMORY_OLDEST, NIGHTLY_PASS);

    private SourceOffsets() {
    }

    public static Map<String, String> partition(String queryName) {
        return Map.of(QUERY, queryName);
    }

    /**
     * A bucket's partition. Connect stores an offset under its partition serialized to JSON, fields in the map's
     * iteration order, and finds it again by those bytes alone. When it resets or alters offsets through its REST API
     * it rebuilds each partition as a HashMap (JsonConverter's), so the partitions the task writes and reads iterate as
     * a HashMap does too: an order that String.hashCode fixes for every JVM. Map.of's order changes from one JVM to
     * the next, so a restarted worker would not find the memories and a reset would not delete them.
     */
    public static Map<String, Object> bucketPartition(String queryName, long bucketStart) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(QUERY, queryName);
        partition.put(BUCKET, bucketStart);
        return Collections.unmodifiableMap(partition);
    }

    /**
     * What a query's offset says. {@code ours} is false for an offset the connector did not write with restatement
     * on: a bare watermark a user wrote to rewind, or one from an older version.
     */
    public record QueryOffset(Instant watermark, Instant memoryFrom, Instant memoryOldest, Instant nightlyPass,
                              boolean legacyMemory, boolean ours) {
        /** The offset to write for these positions. */
        public Map<String, Object> toMap() {
            Map<String, Object> offset = new LinkedHashMap<>();
            offset.put(WATERMARK, watermark.toEpochMilli());
            if (memoryFrom != null) {
                offset.put(MEMORY_FROM, memoryFrom.toEpochMilli());
            }
            if (memoryOldest != null) {
                offset.put(MEMORY_OLDEST, memoryOldest.toEpochMilli());
            }
            if (nightlyPass != null) {
                offset.put(NIGHTLY_PASS, nightlyPass.toEpochMilli());
            }
            return offset;
        }
    }

    /** The offset of a query without restatement: its watermark only. */
    public static Map<String, Object> offset(Instant watermark) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(WATERMARK, watermark.toEpochMilli());
        return offset;
    }

    /** What a stored query offset says, or null when there is none or it holds no watermark. */
    public static QueryOffset queryOffset(Map<String, ?> offset) {
        Instant watermark = instant(offset, WATERMARK);
        if (watermark == null) {
            return null;
        }
        Instant memoryFrom = instant(offset, MEMORY_FROM);
        return new QueryOffset(watermark, memoryFrom, instant(offset, MEMORY_OLDEST), instant(offset, NIGHTLY_PASS),
                offset.containsKey(LEGACY_RESTATEMENT), memoryFrom != null);
    }

    /** The watermark of a stored offset, or null when there is none. Stored numbers come back as Long or Integer. */
    public static Instant watermark(Map<String, ?> offset) {
        return instant(offset, WATERMARK);
    }

    /** The offset of a bucket partition for what is kept of the bucket, or null (nothing: the offset is deleted). */
    public static Map<String, Object> bucketOffset(HorizonMemory.Bucket bucket) {
        if (bucket == null) {
            return null;
        }
        return bucket.memory() != null ? Map.of(MEMORY, bucket.memory()) : Map.of(GIVEN_UP, bucket.givenUp());
    }

    /** What a stored bucket offset keeps; an offset of another shape gives the bucket up. */
    public static HorizonMemory.Bucket bucket(Map<String, ?> offset) {
        Object memory = offset.get(MEMORY);
        if (memory instanceof String text && offset.size() == 1) {
            return HorizonMemory.Bucket.remembered(text);
        }
        Object givenUp = offset.get(GIVEN_UP);
        if (givenUp instanceof String reason && offset.size() == 1) {
            return HorizonMemory.Bucket.gaveUp(reason);
        }
        return HorizonMemory.Bucket.gaveUp("an offset of unknown shape with keys " + offset.keySet());
    }

    private static Instant instant(Map<String, ?> offset, String key) {
        Object value = offset == null ? null : offset.get(key);
        return value instanceof Long || value instanceof Integer ? Instant.ofEpochMilli(((Number) value).longValue())
                : null;
    }

    /** What is wrong with an offset a user wants to write for {@code partition}, or null when it is fine. */
    public static String problem(Map<String, ?> partition, Map<String, ?> offset, List<String> queryNames) {
        boolean bucketPartition = partition != null && partition.size() == 2 && partition.containsKey(BUCKET);
        if (partition == null || !(partition.get(QUERY) instanceof String)
                || (partition.size() != 1 && !bucketPartition)) {
            return "a source partition must be {\"" + QUERY + "\": \"<query name>\"} or {\"" + QUERY + "\": \"<query "
                    + "name>\", \"" + BUCKET + "\": <epoch milliseconds>}, not " + partition;
        }
        String query = (String) partition.get(QUERY);
        if (!queryNames.contains(query)) {
            return "query '" + query + "' is not in this connector's 'queries': " + queryNames;
        }
        if (bucketPartition) {
            return bucketProblem(query, partition.get(BUCKET), offset);
        }
        if (offset == null) {
            return null; // a reset: the query starts again from its configured start
        }
        if (offset.containsKey(LEGACY_RESTATEMENT)) {
            return "the offset of query '" + query + "' has '" + LEGACY_RESTATEMENT + "', the restatement memory of "
                    + "versions before per-bucket memories, which this version does not read; leave it out";
        }
        for (String key : offset.keySet()) {
            if (!QUERY_OFFSET_KEYS.contains(key)) {
                return "the offset of query '" + query + "' has an unknown key '" + key + "'; allowed: "
                        + String.join(", ", List.of(WATERMARK, MEMORY_FROM, MEMORY_OLDEST, NIGHTLY_PASS));
            }
            Object value = offset.get(key);
            if (!(value instanceof Long) && !(value instanceof Integer)) {
                return "the " + key + " of query '" + query + "' must be epoch milliseconds, not " + value
                        + (key.equals(WATERMARK) ? "; the offset is {\"" + WATERMARK + "\": <epoch milliseconds>}" : "");
            }
            if (((Number) value).longValue() < 0) {
                return "the " + key + " of query '" + query + "' must not be negative: " + value;
            }
        }
        if (!offset.containsKey(WATERMARK)) {
            return "the offset of query '" + query + "' must be {\"" + WATERMARK + "\": <epoch milliseconds>}, not "
                    + offset;
        }
        return null;
    }

    private static String bucketProblem(String query, Object bucket, Map<String, ?> offset) {
        if (!(bucket instanceof Long) && !(bucket instanceof Integer) || ((Number) bucket).longValue() < 0) {
            return "the " + BUCKET + " of a partition of query '" + query + "' must be a bucket start in epoch "
                    + "milliseconds, not " + bucket;
        }
        if (offset == null) {
            return null; // forgets the bucket: its changes are not re-emitted
        }
        if (offset.size() == 1 && offset.get(GIVEN_UP) instanceof String) {
            return null;
        }
        if (offset.size() != 1 || !(offset.get(MEMORY) instanceof String)) {
            return "the offset of bucket " + Instant.ofEpochMilli(((Number) bucket).longValue()) + " of query '"
                    + query + "' must be {\"" + MEMORY + "\": \"...\"} as the connector wrote it, or null to forget "
                    + "the bucket, not keys " + offset.keySet();
        }
        try {
            BucketMemoryCodec.decode((String) offset.get(MEMORY));
        } catch (DamagedMemoryException e) {
            return "the " + MEMORY + " of bucket " + Instant.ofEpochMilli(((Number) bucket).longValue()) + " of query '"
                    + query + "' is not one the connector wrote (" + e.getMessage() + "); copy it from GET "
                    + "/connectors/<name>/offsets or write null to forget the bucket";
        }
        return null;
    }
}
