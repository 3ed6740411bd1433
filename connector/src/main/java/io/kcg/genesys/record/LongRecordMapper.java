package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One record per (bucket, group, metric, qualifier) with a schema that changes only with the query's dimensions
 * ({@link LongSchema}): what users pick when queries change often or share a topic. Immutable, like
 * {@link WideRecordMapper}.
 */
public final class LongRecordMapper implements RecordMapper {
    private static final AggregateResponseParser PARSER = new AggregateResponseParser();

    private final String queryName;
    private final String granularity;
    private final LongSchema schema;

    public LongRecordMapper(QueryDefinition query) {
        this.queryName = query.name();
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
        this.schema = LongSchema.of(query);
    }

    @Override
    public Schema keySchema() {
        return schema.keySchema();
    }

    @Override
    public Schema valueSchema() {
        return schema.valueSchema();
    }

    @Override
    public List<MappedRecord> read(InputStream body) throws IOException {
        List<MappedRecord> records = new ArrayList<>();
        Map<Map<String, String>, GroupColumns.Values> groups = new HashMap<>();
        PARSER.parse(body, row -> records.add(record(row,
                groups.computeIfAbsent(row.group(), schema.groupColumns()::valuesOf))));
        return records;
    }

    private MappedRecord record(AggregateRow row, GroupColumns.Values group) {
        Date start = Date.from(row.bucketStart());
        String qualifier = row.qualifier() == null ? Fields.ABSENT : row.qualifier();
        Struct key = new Struct(schema.keySchema())
                .put(Fields.QUERY_NAME, queryName)
                .put(Fields.INTERVAL_START, start);
        Struct value = new Struct(schema.valueSchema())
                .put(Fields.QUERY_NAME, queryName)
                .put(Fields.INTERVAL_START, start)
                .put(Fields.INTERVAL_END, Date.from(row.bucketEnd()))
                .put(Fields.GRANULARITY, granularity);
        for (int i = 0; i < group.dimensionValues().size(); i++) {
            key.put(schema.keyDimensionFields().get(i), group.dimensionValues().get(i));
            value.put(schema.valueDimensionFields().get(i), group.dimensionValues().get(i));
        }
        for (Struct struct : List.of(key, value)) {
            struct.put(Fields.GROUP_EXTRA, group.groupExtra())
                    .put(Fields.METRIC, row.metric())
                    .put(Fields.QUALIFIER, qualifier);
        }
        for (Stat stat : Stat.values()) {
            Number number = row.stats().get(stat);
            if (number != null) {
                value.put(schema.statField(stat), number);
            }
        }
        value.put(Fields.REVISION, 0);
        return new MappedRecord(key, value, row.bucketStart(), row.bucketEnd());
    }
}
