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
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One record per (bucket, group): the group's dimensions as fields and a field per metric and stat. */
public final class WideRecordMapper implements RecordMapper {
    private static final Stat[] STATS = Stat.values();

    private final QueryDefinition query;
    private final WideSchema schema;
    private final Schema metricStatsSchema;
    private final String granularity;
    // Field handles, so that a put does not look the name up (Struct.put(String, ...) does, per call).
    private final Field keyQuery;
    private final Field keyIntervalStart;
    private final Field keyExtraGroup;
    private final Field valueQuery;
    private final Field valueIntervalStart;
    private final Field valueIntervalEnd;
    private final Field valueGranularity;
    private final Field valueGroup;
    private final Field valueExtraMetrics;
    private final Field valueRevision;

    public WideRecordMapper(QueryDefinition query, boolean derivedKpis) {
        this.query = query;
        this.schema = WideSchema.of(query, derivedKpis);
        this.metricStatsSchema = schema.valueSchema().field(WideSchema.EXTRA_METRICS).schema().valueSchema();
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
        Schema key = schema.keySchema();
        Schema value = schema.valueSchema();
        this.keyQuery = key.field(Fields.QUERY);
        this.keyIntervalStart = key.field(Fields.INTERVAL_START);
        this.keyExtraGroup = key.field(WideSchema.EXTRA_GROUP);
        this.valueQuery = value.field(Fields.QUERY);
        this.valueIntervalStart = value.field(Fields.INTERVAL_START);
        this.valueIntervalEnd = value.field(Fields.INTERVAL_END);
        this.valueGranularity = value.field(Fields.GRANULARITY);
        this.valueGroup = value.field(Fields.GROUP);
        this.valueExtraMetrics = value.field(WideSchema.EXTRA_METRICS);
        this.valueRevision = value.field(Fields.REVISION);
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
        // Rows arrive in runs of one (group, bucket): the parser shares one group map per result and one Instant per
        // bucket, so a run is recognised by identity and hashed once. The map merges the runs of a (group, bucket)
        // that are not adjacent (Genesys may repeat a group in another result) and keeps the order of first sight.
        Map<BucketGroup, List<AggregateRow>> byBucketGroup = new LinkedHashMap<>();
        AggregateRow first = null;
        List<AggregateRow> run = null;
        for (AggregateRow row : rows) {
            if (first == null || row.group() != first.group() || row.bucketStart() != first.bucketStart()) {
                first = row;
                run = byBucketGroup.computeIfAbsent(new BucketGroup(row.group(), row.bucketStart(), row.bucketEnd()),
                        k -> new ArrayList<>(16));
            }
            run.add(row);
        }
        List<MappedRecord> records = new ArrayList<>(byBucketGroup.size());
        Map<String, Stats> unqualified = new HashMap<>();
        GroupFields groupFields = null;
        for (Map.Entry<BucketGroup, List<AggregateRow>> entry : byBucketGroup.entrySet()) {
            Map<String, String> group = entry.getKey().group;
            if (groupFields == null || groupFields.source != group) {
                groupFields = new GroupFields(group); // once per result, not per bucket
            }
            unqualified.clear();
            records.add(toRecord(entry.getKey(), groupFields, entry.getValue(), unqualified));
        }
        return records;
    }

    private MappedRecord toRecord(BucketGroup bucketGroup, GroupFields group, List<AggregateRow> rows,
                                  Map<String, Stats> unqualified) {
        Date start = Date.from(bucketGroup.start);
        Struct key = new Struct(schema.keySchema());
        Struct value = new Struct(schema.valueSchema());
        key.put(keyQuery, query.name());
        key.put(keyIntervalStart, start);
        value.put(valueQuery, query.name());
        value.put(valueIntervalStart, start);
        value.put(valueIntervalEnd, Date.from(bucketGroup.end));
        if (granularity != null) {
            value.put(valueGranularity, granularity);
        }
        for (int i = 0; i < group.keyFields.length; i++) {
            key.put(group.keyFields[i], group.values[i]);
            value.put(group.valueFields[i], group.values[i]);
        }
        if (group.extraGroup != null) {
            key.put(keyExtraGroup, group.extraGroup);
        }
        value.put(valueGroup, group.sorted);

        Map<String, Struct> extraMetrics = null;
        for (AggregateRow row : rows) {
            Stats stats = row.stats();
            Field[] fields = row.qualifier() == null ? schema.statFields(row.metric()) : null;
            boolean allInFields = fields != null;
            if (fields != null) {
                unqualified.put(row.metric(), stats);
                for (Stat stat : STATS) {
                    if (stats.has(stat)) {
                        Field field = fields[stat.ordinal()];
                        if (field == null) {
                            allInFields = false;
                        } else {
                            value.put(field, stats.get(stat));
                        }
                    }
                }
            }
            if (!allInFields) {
                if (extraMetrics == null) {
                    extraMetrics = new TreeMap<>();
                }
                String name = row.qualifier() == null ? row.metric() : row.metric() + "_" + row.qualifier();
                extraMetrics.put(name, statsStruct(stats));
            }
        }
        if (extraMetrics != null) {
            value.put(valueExtraMetrics, extraMetrics);
        }
        for (Map.Entry<DerivedKpi, Field> kpi : schema.kpiFields().entrySet()) {
            Double v = kpi.getKey().compute(unqualified);
            if (v != null) {
                value.put(kpi.getValue(), v);
            }
        }
        value.put(valueRevision, 0);
        return new MappedRecord(key, value, bucketGroup.start, bucketGroup.end);
    }

    private Struct statsStruct(Stats stats) {
        Struct struct = new Struct(metricStatsSchema);
        for (Stat stat : STATS) {
            if (stats.has(stat)) {
                struct.put(stat.jsonName(), stats.get(stat));
            }
        }
        return struct;
    }

    /**
     * What a group contributes to every record of its buckets, worked out once per group: its entries sorted (the
     * {@code group} field, shared read-only by those records), the dimension fields, and the entries without one.
     */
    private final class GroupFields {
        final Map<String, String> source;
        final Map<String, String> sorted;
        final Field[] keyFields;
        final Field[] valueFields;
        final String[] values;
        final Map<String, String> extraGroup;

        GroupFields(Map<String, String> group) {
            this.source = group;
            TreeMap<String, String> sortedGroup = new TreeMap<>(group);
            this.sorted = Collections.unmodifiableMap(sortedGroup);
            List<Field> keys = new ArrayList<>();
            List<Field> vals = new ArrayList<>();
            List<String> dimensionValues = new ArrayList<>();
            TreeMap<String, String> extra = null;
            for (Map.Entry<String, String> entry : sortedGroup.entrySet()) {
                String field = schema.dimensionFields().get(entry.getKey());
                if (field != null) {
                    keys.add(schema.keySchema().field(field));
                    vals.add(schema.valueSchema().field(field));
                    dimensionValues.add(entry.getValue());
                } else {
                    if (extra == null) {
                        extra = new TreeMap<>();
                    }
                    extra.put(entry.getKey(), entry.getValue());
                }
            }
            this.keyFields = keys.toArray(new Field[0]);
            this.valueFields = vals.toArray(new Field[0]);
            this.values = dimensionValues.toArray(new String[0]);
            this.extraGroup = extra == null ? null : Collections.unmodifiableMap(extra);
        }
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
