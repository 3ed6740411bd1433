package io.kcg.genesys.restate;

import io.kcg.genesys.record.Fields;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record key without its bucket start: the series a bucket belongs to (query, group and, in the long format,
 * metric and qualifier). Remembered once per series, so that a vanished group's key can be rebuilt for its
 * tombstone from the series and the bucket start. Key fields are strings in both formats (maps in older layouts).
 */
public final class SeriesKey {
    public static final String BUCKET_FIELD = Fields.INTERVAL_START;

    private final List<Object> values; // key fields in schema order, without the bucket start

    SeriesKey(List<Object> values) {
        this.values = Collections.unmodifiableList(values);
    }

    public static SeriesKey of(Struct key) {
        List<Object> values = new ArrayList<>();
        for (Field field : key.schema().fields()) {
            if (!field.name().equals(BUCKET_FIELD)) {
                Object value = key.get(field);
                values.add(value instanceof Map ? new TreeMap<>((Map<?, ?>) value) : value);
            }
        }
        return new SeriesKey(values);
    }

    /** The names and types of a key schema's fields: series remembered under one layout fit only that layout. */
    public static String layoutOf(Schema keySchema) {
        StringBuilder layout = new StringBuilder(keySchema.name() == null ? "" : keySchema.name());
        for (Field field : keySchema.fields()) {
            layout.append(',').append(field.name()).append(':').append(field.schema().type());
        }
        return layout.toString();
    }

    /** The full key of this series' bucket starting at {@code bucketStart}. */
    public Struct keyAt(Schema keySchema, long bucketStart) {
        Struct key = new Struct(keySchema);
        int i = 0;
        for (Field field : keySchema.fields()) {
            key.put(field, field.name().equals(BUCKET_FIELD) ? new Date(bucketStart) : values.get(i++));
        }
        return key;
    }

    List<Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey && ((SeriesKey) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
