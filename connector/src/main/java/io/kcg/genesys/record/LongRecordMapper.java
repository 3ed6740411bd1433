package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record per (bucket, group, metric, qualifier) with a schema that never changes: what users pick when queries
 * change often or share a topic.
 */
public final class LongRecordMapper implements RecordMapper {
    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name(SchemaNames.LONG_KEY)
            .doc("Identity of one metric of a bucket and group.")
            .field(Fields.QUERY, Fields.query())
            .field(Fields.INTERVAL_START, Fields.intervalStart())
            .field(Fields.GROUP, Fields.group())
            .field("metric", Fields.requiredString("The metric (or view) name."))
            .field("qualifier", Fields.optionalString("The metric's qualifier, null when it has none."))
            .build();

    public static final Schema VALUE_SCHEMA = buildValueSchema();

    private final QueryDefinition query;
    private final String granularity;

    public LongRecordMapper(QueryDefinition query) {
        this.query = query;
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
    }

    private static Schema buildValueSchema() {
        SchemaBuilder builder = SchemaBuilder.struct().name(SchemaNames.LONG_VALUE)
                .doc("One metric of one bucket and group of a Genesys aggregates query.")
                .field(Fields.QUERY, Fields.query())
                .field(Fields.INTERVAL_START, Fields.intervalStart())
                .field(Fields.INTERVAL_END, Fields.intervalEnd())
                .field(Fields.GRANULARITY, Fields.granularity())
                .field(Fields.GROUP, Fields.group())
                .field("metric", Fields.requiredString("The metric (or view) name."))
                .field("qualifier", Fields.optionalString("The metric's qualifier, null when it has none."));
        for (Stat stat : Stat.values()) {
            builder.field(stat.jsonName(), Fields.stat(stat, "The " + stat.jsonName() + " stat; null when Genesys "
                    + "sent none."));
        }
        return builder.field(Fields.REVISION, Fields.revision()).build();
    }

    @Override
    public Schema keySchema() {
        return KEY_SCHEMA;
    }

    @Override
    public Schema valueSchema() {
        return VALUE_SCHEMA;
    }

    @Override
    public List<MappedRecord> map(List<AggregateRow> rows) {
        List<MappedRecord> records = new ArrayList<>(rows.size());
        Map<String, String> lastGroup = null;
        Map<String, String> sortedGroup = null;
        for (AggregateRow row : rows) {
            if (row.group() != lastGroup) { // rows of one result share their group map
                lastGroup = row.group();
                sortedGroup = new TreeMap<>(lastGroup);
            }
            Date start = Date.from(row.bucketStart());
            Struct key = new Struct(KEY_SCHEMA)
                    .put(Fields.QUERY, query.name())
                    .put(Fields.INTERVAL_START, start)
                    .put(Fields.GROUP, sortedGroup)
                    .put("metric", row.metric())
                    .put("qualifier", row.qualifier());
            Struct value = new Struct(VALUE_SCHEMA)
                    .put(Fields.QUERY, query.name())
                    .put(Fields.INTERVAL_START, start)
                    .put(Fields.INTERVAL_END, Date.from(row.bucketEnd()))
                    .put(Fields.GRANULARITY, granularity)
                    .put(Fields.GROUP, sortedGroup)
                    .put("metric", row.metric())
                    .put("qualifier", row.qualifier())
                    .put(Fields.REVISION, 0);
            for (Stat stat : Stat.values()) {
                if (row.stats().has(stat)) {
                    value.put(stat.jsonName(), row.stats().get(stat));
                }
            }
            records.add(new MappedRecord(key, value, row.bucketStart(), row.bucketEnd()));
        }
        return records;
    }
}
