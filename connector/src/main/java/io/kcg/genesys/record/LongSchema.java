package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The long format's key and value schemas of one query (record contract v2, docs/records.md): one record per
 * bucket, group, metric and qualifier. Key: {@code query_name}, {@code interval_start}, a string per dimension,
 * {@code group_extra}, {@code metric}, {@code qualifier}; all non-null. Value: the same with {@code interval_end}
 * and {@code granularity}, a field per stat (all optional) and {@code revision}. Only the dimension fields depend on
 * the query, and they have defaults, so queries of one topic can share the record names
 * ({@link SchemaNames#LONG_KEY}, {@link SchemaNames#LONG_VALUE}).
 */
public final class LongSchema {
    private final Schema keySchema;
    private final Schema valueSchema;
    private final GroupColumns groupColumns;
    private final List<Field> keyDimensionFields = new ArrayList<>();
    private final List<Field> valueDimensionFields = new ArrayList<>();
    private final Field[] statFields = new Field[Stat.values().length];

    private LongSchema(QueryDefinition query) {
        groupColumns = new GroupColumns(query.dimensions());
        StructFields key = new StructFields(SchemaNames.LONG_KEY, "Identity of one metric of a bucket and group.");
        StructFields value = new StructFields(SchemaNames.LONG_VALUE,
                "One metric of one bucket and group of a Genesys aggregates query.");
        key.add(Fields.QUERY_NAME, Fields.queryName(), "the query name");
        key.add(Fields.INTERVAL_START, Fields.intervalStart(), "the bucket start");
        value.add(Fields.QUERY_NAME, Fields.queryName(), "the query name");
        value.add(Fields.INTERVAL_START, Fields.intervalStart(), "the bucket start");
        value.add(Fields.INTERVAL_END, Fields.intervalEnd(), "the bucket end");
        value.add(Fields.GRANULARITY, Fields.granularity(), "the granularity");
        List<String> dimensions = groupColumns.dimensions();
        for (int i = 0; i < dimensions.size(); i++) {
            String field = groupColumns.fieldNames().get(i);
            key.add(field, Fields.dimension(dimensions.get(i)), "dimension " + dimensions.get(i));
            value.add(field, Fields.dimension(dimensions.get(i)), "dimension " + dimensions.get(i));
        }
        for (StructFields struct : List.of(key, value)) {
            struct.add(Fields.GROUP_EXTRA, Fields.groupExtra(), "the group's other entries");
            struct.add(Fields.METRIC, Fields.metric(), "the metric name");
            struct.add(Fields.QUALIFIER, Fields.qualifier(), "the qualifier");
        }
        for (Stat stat : Stat.values()) {
            value.add(Fields.statField(stat), Fields.stat(stat, "The " + stat.jsonName() + " stat; null when Genesys "
                    + "sent none."), "stat " + stat.jsonName());
        }
        value.add(Fields.REVISION, Fields.revision(), "the revision");
        keySchema = key.build();
        valueSchema = value.build();
        for (String field : groupColumns.fieldNames()) {
            keyDimensionFields.add(keySchema.field(field));
            valueDimensionFields.add(valueSchema.field(field));
        }
        for (Stat stat : Stat.values()) {
            statFields[stat.ordinal()] = valueSchema.field(Fields.statField(stat));
        }
    }

    /** The schemas of {@code query}; IllegalArgumentException when a dimension's field takes a fixed field's name. */
    public static LongSchema of(QueryDefinition query) {
        return new LongSchema(query);
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    GroupColumns groupColumns() {
        return groupColumns;
    }

    List<Field> keyDimensionFields() {
        return keyDimensionFields;
    }

    List<Field> valueDimensionFields() {
        return valueDimensionFields;
    }

    /** The value field of a stat. */
    Field statField(Stat stat) {
        return statFields[stat.ordinal()];
    }
}
