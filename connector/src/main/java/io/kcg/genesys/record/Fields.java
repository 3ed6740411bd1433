package io.kcg.genesys.record;

import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Field schemas with their documentation. Each call builds a new schema because the doc belongs to the field:
 * Connect's shared constants (Schema.OPTIONAL_STRING_SCHEMA) carry none.
 */
final class Fields {
    static final String QUERY = "query";
    static final String INTERVAL_START = "intervalStart";
    static final String INTERVAL_END = "intervalEnd";
    static final String GRANULARITY = "granularity";
    static final String GROUP = "group";
    static final String REVISION = "revision";

    private Fields() {
    }

    static Schema query() {
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

    static Schema dimension(String dimension) {
        return SchemaBuilder.string().optional().doc("The group's value of the Genesys dimension " + dimension
                + ", null when the group has none.").build();
    }

    static Schema group() {
        return SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
                .doc("Every entry of the response's group (dimension to value), verbatim, including dimensions the "
                        + "query did not ask for.").build();
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

    static Schema requiredString(String doc) {
        return SchemaBuilder.string().doc(doc).build();
    }

    static Schema optionalString(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    /** A struct with one optional field per stat: the stats of a metric the wide schema has no fields for. */
    static Schema metricStatsStruct() {
        SchemaBuilder builder = SchemaBuilder.struct().name(SchemaNames.METRIC_STATS)
                .doc("The stats of one metric; a stat Genesys did not send is null.");
        for (Stat stat : Stat.values()) {
            builder.field(stat.jsonName(), stat(stat, "The " + stat.jsonName() + " stat."));
        }
        return builder.build();
    }
}
