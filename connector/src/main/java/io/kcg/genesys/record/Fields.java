package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The names of the fields every record has (record contract v2, docs/records.md) and their schemas with their
 * documentation. Each call builds a new schema because the doc belongs to the field: Connect's shared constants
 * (Schema.OPTIONAL_STRING_SCHEMA) carry none.
 */
public final class Fields {
    public static final String QUERY_NAME = "query_name";
    public static final String INTERVAL_START = "interval_start";
    public static final String INTERVAL_END = "interval_end";
    public static final String GRANULARITY = "granularity";
    public static final String GROUP_EXTRA = "group_extra";
    public static final String METRICS_EXTRA = "metrics_extra";
    public static final String METRIC = "metric";
    public static final String QUALIFIER = "qualifier";
    public static final String REVISION = "revision";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";

    /** The value of a dimension field when the group has no such dimension, and of a long record's qualifier. */
    public static final String ABSENT = "-";
    /** The value of {@link #GROUP_EXTRA} when every group entry has a field of its own. */
    public static final String NO_EXTRA_GROUP = "{}";

    private Fields() {
    }

    static Schema queryName() {
        return SchemaBuilder.string().doc("The query's name from the connector config.").build();
    }

    static Schema intervalStart() {
        return Timestamp.builder().doc("Start of the bucket (inclusive), as Genesys returned it.").build();
    }

    static Schema intervalEnd() {
        return Timestamp.builder().doc("End of the bucket (exclusive), as Genesys returned it.").build();
    }

    static Schema granularity() {
        return SchemaBuilder.string().optional().doc("The query's granularity (ISO-8601 duration), null when the "
                + "query has none and every window is one bucket.").build();
    }

    /**
     * A dimension's field: never null, so that it can be part of a primary key. Its default lets a registry take a
     * schema with a new dimension as compatible with the old one (records written before read as "-").
     */
    static Schema dimension(String dimension) {
        return SchemaBuilder.string().defaultValue(ABSENT).doc("The group's value of the Genesys dimension "
                + dimension + "; \"" + ABSENT + "\" when the group has none.").build();
    }

    static Schema groupExtra() {
        return SchemaBuilder.string().defaultValue(NO_EXTRA_GROUP).doc("The group entries this schema has no field "
                + "for, as a JSON object with sorted keys (Genesys's dimension names and values, verbatim); \""
                + NO_EXTRA_GROUP + "\" when there are none. Part of the key, so that two groups never share one.")
                .build();
    }

    static Schema metricsExtra() {
        return SchemaBuilder.string().optional().doc("What Genesys sent that this schema has no field for, as a JSON "
                + "array of Genesys's own metric entries ({\"metric\", \"qualifier\", \"stats\"}, names verbatim), "
                + "sorted by metric and qualifier: qualified metrics without fields of their own, metrics the query "
                + "did not list, stats outside a metric's fields. Null when there are none.").build();
    }

    static Schema metric() {
        return SchemaBuilder.string().doc("The metric (or view) name, as Genesys names it.").build();
    }

    static Schema qualifier() {
        return SchemaBuilder.string().defaultValue(ABSENT).doc("The metric's qualifier, as Genesys sent it; \""
                + ABSENT + "\" when it has none.").build();
    }

    static Schema revision() {
        return SchemaBuilder.int32().defaultValue(0).doc("0 at the first emission of this key; +1 each time a "
                + "restated bucket is emitted again with changed numbers.").build();
    }

    static Schema stat(Stat stat, String doc) {
        SchemaBuilder builder = stat.integral() ? SchemaBuilder.int64() : SchemaBuilder.float64();
        return builder.optional().doc(doc).build();
    }

    static Schema optionalDouble(String doc) {
        return SchemaBuilder.float64().optional().doc(doc).build();
    }

    /** The field name of a stat on its own (the long format's columns): {@code count}, {@code count_negative}, ... */
    static String statField(Stat stat) {
        return FieldNames.of(stat.jsonName());
    }
}
