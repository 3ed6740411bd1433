package io.kcg.genesys.record;

import org.apache.kafka.connect.data.Struct;

import java.time.Instant;

/** A key and value built from one bucket and group (wide) or one metric of it (long), before it becomes a SourceRecord. */
public record MappedRecord(Struct key, Struct value, Instant bucketStart, Instant bucketEnd) {
}
