package io.kcg.genesys.record;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import java.time.Instant;
import java.util.Date;

/**
 * Heartbeat records: one per window that returned no data. Connect commits a source offset only with a record, so
 * without them a quiet query would fetch its empty windows again after every restart.
 */
public final class Heartbeats {
    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name(SchemaNames.HEARTBEAT_KEY)
            .doc("The query a heartbeat is about.")
            .field(Fields.QUERY_NAME, Fields.queryName())
            .build();

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name(SchemaNames.HEARTBEAT_VALUE)
            .doc("A window of a query that Genesys answered with no data; the query's watermark is now its end.")
            .field(Fields.QUERY_NAME, Fields.queryName())
            .field(Fields.WINDOW_START, Timestamp.builder().doc("Start of the empty window (inclusive).").build())
            .field(Fields.WINDOW_END, Timestamp.builder().doc("End of the empty window (exclusive): the new watermark.").build())
            .build();

    private Heartbeats() {
    }

    public static Struct key(String query) {
        return new Struct(KEY_SCHEMA).put(Fields.QUERY_NAME, query);
    }

    public static Struct value(String query, Instant windowStart, Instant windowEnd) {
        return new Struct(VALUE_SCHEMA)
                .put(Fields.QUERY_NAME, query)
                .put(Fields.WINDOW_START, Date.from(windowStart))
                .put(Fields.WINDOW_END, Date.from(windowEnd));
    }
}
