package io.kcg.genesys.source;

import io.kcg.genesys.restate.RestatementState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source partition and offset of a query. Partition {@code {"query": name}}; offset {@code {"watermark": epoch
 * ms, "restatement": "..."}}: the end of the last window whose records were all handed to Connect, and (with
 * restatement on) the encoded memory of what was emitted inside the lookback. These maps are what users see and
 * write through the Connect REST API's offsets endpoints, so their shape is part of the contract.
 */
public final class SourceOffsets {
    public static final String QUERY = "query";
    public static final String WATERMARK = "watermark";
    public static final String RESTATEMENT = "restatement";

    private SourceOffsets() {
    }

    public static Map<String, String> partition(String queryName) {
        return Map.of(QUERY, queryName);
    }

    /** The offset for a watermark and, when restatement is on, its encoded state (else null). */
    public static Map<String, Object> offset(Instant watermark, String restatementState) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(WATERMARK, watermark.toEpochMilli());
        if (restatementState != null) {
            offset.put(RESTATEMENT, restatementState);
        }
        return offset;
    }

    /** The encoded restatement state of a stored offset, or null. */
    public static String restatement(Map<String, ?> offset) {
        Object value = offset == null ? null : offset.get(RESTATEMENT);
        return value instanceof String ? (String) value : null;
    }

    /** The watermark of a stored offset, or null when there is none. Stored numbers come back as Long or Integer. */
    public static Instant watermark(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        Object value = offset.get(WATERMARK);
        return value instanceof Number ? Instant.ofEpochMilli(((Number) value).longValue()) : null;
    }

    /** What is wrong with an offset a user wants to write for {@code partition}, or null when it is fine. */
    public static String problem(Map<String, ?> partition, Map<String, ?> offset, Iterable<String> queryNames) {
        if (partition == null || !(partition.get(QUERY) instanceof String) || partition.size() != 1) {
            return "a source partition must be {\"" + QUERY + "\": \"<query name>\"}, not " + partition;
        }
        String query = (String) partition.get(QUERY);
        boolean known = false;
        for (String name : queryNames) {
            known |= name.equals(query);
        }
        if (!known) {
            return "query '" + query + "' is not in this connector's 'queries': " + queryNames;
        }
        if (offset == null) {
            return null; // a reset: the query starts again from its configured start
        }
        Object watermark = offset.get(WATERMARK);
        if (!(watermark instanceof Long) && !(watermark instanceof Integer)) {
            return "the offset of query '" + query + "' must be {\"" + WATERMARK + "\": <epoch milliseconds>}, not " + offset;
        }
        if (((Number) watermark).longValue() < 0) {
            return "the watermark of query '" + query + "' must not be negative: " + watermark;
        }
        for (String key : offset.keySet()) {
            if (!key.equals(WATERMARK) && !key.equals(RESTATEMENT)) {
                return "the offset of query '" + query + "' has an unknown key '" + key + "'; allowed: " + WATERMARK
                        + " and " + RESTATEMENT;
            }
        }
        Object state = offset.get(RESTATEMENT);
        if (state != null) {
            try {
                RestatementState.decode(String.valueOf(state));
            } catch (IllegalArgumentException e) {
                return "the " + RESTATEMENT + " of query '" + query + "' is not one the connector wrote; leave it out "
                        + "(the query then re-emits from revision 0) or copy it from GET /connectors/<name>/offsets";
            }
        }
        return null;
    }
}
