package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record key without its bucket start: the series a bucket holds (the query, the group's dimensions and, in the
 * long format, the metric and qualifier). Each value is a String, a sorted string map, or null; see
 * {@link KeyLayout}. Remembered per bucket so that a vanished series' key can be rebuilt for its tombstone.
 */
public final class SeriesKey {
    /** The bucket field of the offset-wide memory ({@link RestatementState}); {@link KeyLayout} finds it by type. */
    public static final String BUCKET_FIELD = "intervalStart";

    private final Object[] values;
    private final int hash;

    SeriesKey(Object[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    SeriesKey(List<Object> values) {
        this(values.toArray());
    }

    /** For {@link RestatementState}: the key's fields but {@link #BUCKET_FIELD}. */
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

    /** For {@link RestatementState}: the names and types of a key schema's fields. */
    public static String layoutOf(Schema keySchema) {
        StringBuilder layout = new StringBuilder(keySchema.name() == null ? "" : keySchema.name());
        for (Field field : keySchema.fields()) {
            layout.append(',').append(field.name()).append(':').append(field.schema().type());
        }
        return layout.toString();
    }

    /** For {@link RestatementState}: the full key of this series' bucket. */
    public Struct keyAt(Schema keySchema, long bucketStart) {
        Struct key = new Struct(keySchema);
        int i = 0;
        for (Field field : keySchema.fields()) {
            key.put(field, field.name().equals(BUCKET_FIELD) ? new Date(bucketStart) : values[i++]);
        }
        return key;
    }

    List<Object> values() {
        return Arrays.asList(values);
    }

    int size() {
        return values.length;
    }

    Object value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey && ((SeriesKey) o).hash == hash && Arrays.equals(((SeriesKey) o).values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
