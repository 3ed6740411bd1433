package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a query's record key splits into its bucket and its series: the one Timestamp field is the bucket start, the
 * other fields (strings, or string maps) name the series. Read from the key schema alone, so it holds for any key
 * the mapper builds. Its {@link #text()} is stored with every bucket memory: a memory written under another layout
 * (a changed groupBy, another output format, another record contract) cannot be matched to today's keys.
 */
public final class KeyLayout {
    private final Schema keySchema;
    private final Field bucketField;
    private final List<Field> seriesFields;
    private final String text;

    private KeyLayout(Schema keySchema, Field bucketField, List<Field> seriesFields, String text) {
        this.keySchema = keySchema;
        this.bucketField = bucketField;
        this.seriesFields = seriesFields;
        this.text = text;
    }

    /** The layout of {@code keySchema}; IllegalArgumentException when it has no single bucket field or odd fields. */
    public static KeyLayout of(Schema keySchema) {
        Field bucket = null;
        List<Field> series = new ArrayList<>();
        StringBuilder text = new StringBuilder(keySchema.name() == null ? "" : keySchema.name());
        for (Field field : keySchema.fields()) {
            if (Timestamp.LOGICAL_NAME.equals(field.schema().name())) {
                if (bucket != null) {
                    throw new IllegalArgumentException("the key has two timestamp fields, " + bucket.name() + " and "
                            + field.name() + "; restatement needs one bucket start");
                }
                bucket = field;
                text.append(",@").append(field.name());
                continue;
            }
            boolean string = field.schema().type() == Schema.Type.STRING;
            boolean stringMap = field.schema().type() == Schema.Type.MAP
                    && field.schema().keySchema().type() == Schema.Type.STRING
                    && field.schema().valueSchema().type() == Schema.Type.STRING;
            if (!string && !stringMap) {
                throw new IllegalArgumentException("key field " + field.name() + " is a " + field.schema().type()
                        + "; restatement remembers string (or string map) key fields only");
            }
            series.add(field);
            text.append(',').append(field.name()).append(':').append(field.schema().type());
        }
        if (bucket == null) {
            throw new IllegalArgumentException("the key has no timestamp field: restatement needs the bucket start");
        }
        return new KeyLayout(keySchema, bucket, List.copyOf(series), text.toString());
    }

    /** The key schema's name and fields, e.g. {@code AgentsKey,query_name:STRING,@interval_start,queue_id:STRING}. */
    public String text() {
        return text;
    }

    int seriesFieldCount() {
        return seriesFields.size();
    }

    /** The bucket start of a key, in epoch ms. */
    public long bucketOf(Struct key) {
        return ((Date) key.get(bucketField)).getTime();
    }

    /** The series of a key: its fields other than the bucket start. */
    public SeriesKey seriesOf(Struct key) {
        Object[] values = new Object[seriesFields.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = key.get(seriesFields.get(i));
            values[i] = value instanceof Map ? new TreeMap<>((Map<?, ?>) value) : value;
        }
        return new SeriesKey(values);
    }

    /** The key of {@code series} in the bucket starting at {@code bucketStart}: what a tombstone is sent with. */
    public Struct keyOf(SeriesKey series, long bucketStart) {
        Struct key = new Struct(keySchema);
        key.put(bucketField, new Date(bucketStart));
        for (int i = 0; i < seriesFields.size(); i++) {
            key.put(seriesFields.get(i), series.value(i));
        }
        return key;
    }

    @Override
    public String toString() {
        return text;
    }
}
