package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Stat;
import io.kcg.genesys.parse.Stats;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One record per (bucket, group): the group's dimensions as fields and a field per metric and stat. */
public final class WideRecordMapper implements RecordMapper {
    private final QueryDefinition query;
    private final WideSchema schema;
    private final Schema metricStatsSchema;
    private final String granularity;

    public WideRecordMapper(QueryDefinition query, boolean derivedKpis) {
        this.query = query;
        this.schema = WideSchema.of(query, derivedKpis);
        this.metricStatsSchema = schema.valueSchema().field(WideSchema.EXTRA_METRICS).schema().valueSchema();
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
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
    public List<MappedRecord> map(List<AggregateRow> rows) {
        // Rows arrive grouped by result and bucket; a map keeps that order and tolerates any other.
        Map<BucketGroup, List<AggregateRow>> byBucketGroup = new LinkedHashMap<>();
        for (AggregateRow row : rows) {
            byBucketGroup.computeIfAbsent(new BucketGroup(row.group(), row.bucketStart(), row.bucketEnd()),
                    k -> new ArrayList<>(16)).add(row);
        }
        List<MappedRecord> records = new ArrayList<>(byBucketGroup.size());
        for (Map.Entry<BucketGroup, List<AggregateRow>> entry : byBucketGroup.entrySet()) {
            records.add(toRecord(entry.getKey(), entry.getValue()));
        }
        return records;
    }

    private MappedRecord toRecord(BucketGroup bucketGroup, List<AggregateRow> rows) {
        Date start = Date.from(bucketGroup.start);
        Struct key = new Struct(schema.keySchema());
        Struct value = new Struct(schema.valueSchema());
        key.put(Fields.QUERY, query.name());
        key.put(Fields.INTERVAL_START, start);
        value.put(Fields.QUERY, query.name());
        value.put(Fields.INTERVAL_START, start);
        value.put(Fields.INTERVAL_END, Date.from(bucketGroup.end));
        value.put(Fields.GRANULARITY, granularity);

        Map<String, String> group = new TreeMap<>(bucketGroup.group);
        Map<String, String> extraGroup = null;
        for (Map.Entry<String, String> entry : group.entrySet()) {
            String field = schema.dimensionFields().get(entry.getKey());
            if (field != null) {
                key.put(field, entry.getValue());
                value.put(field, entry.getValue());
            } else {
                if (extraGroup == null) {
                    extraGroup = new TreeMap<>();
                }
                extraGroup.put(entry.getKey(), entry.getValue());
            }
        }
        key.put(WideSchema.EXTRA_GROUP, extraGroup);
        value.put(Fields.GROUP, group);

        Map<String, Stats> unqualified = new HashMap<>();
        Map<String, Struct> extraMetrics = null;
        for (AggregateRow row : rows) {
            Field[] fields = row.qualifier() == null ? schema.statFields(row.metric()) : null;
            boolean allInFields = fields != null;
            if (fields != null) {
                unqualified.put(row.metric(), row.stats());
                for (Stat stat : Stat.values()) {
                    if (row.stats().has(stat)) {
                        Field field = fields[stat.ordinal()];
                        if (field == null) {
                            allInFields = false;
                        } else {
                            value.put(field, row.stats().get(stat));
                        }
                    }
                }
            }
            if (!allInFields) {
                if (extraMetrics == null) {
                    extraMetrics = new TreeMap<>();
                }
                String name = row.qualifier() == null ? row.metric() : row.metric() + "_" + row.qualifier();
                extraMetrics.put(name, statsStruct(row.stats()));
            }
        }
        value.put(WideSchema.EXTRA_METRICS, extraMetrics);
        for (Map.Entry<DerivedKpi, Field> kpi : schema.kpiFields().entrySet()) {
            value.put(kpi.getValue(), kpi.getKey().compute(unqualified));
        }
        value.put(Fields.REVISION, 0);
        return new MappedRecord(key, value, bucketGroup.start, bucketGroup.end);
    }

    private Struct statsStruct(Stats stats) {
        Struct struct = new Struct(metricStatsSchema);
        for (Stat stat : Stat.values()) {
            if (stats.has(stat)) {
                struct.put(stat.jsonName(), stats.get(stat));
            }
        }
        return struct;
    }

    /** A bucket of a group; groups compare by content because Genesys may repeat a group in another result. */
    private static final class BucketGroup {
        final Map<String, String> group;
        final Instant start;
        final Instant end;
        final int hash;

        BucketGroup(Map<String, String> group, Instant start, Instant end) {
            this.group = group;
            this.start = start;
            this.end = end;
            this.hash = Objects.hash(group, start);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BucketGroup && ((BucketGroup) o).start.equals(start)
                    && ((BucketGroup) o).group.equals(group);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
