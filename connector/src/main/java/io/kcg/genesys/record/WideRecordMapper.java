package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Stat;
import io.kcg.genesys.parse.Stats;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record per (bucket, group): the group's dimensions as fields and a field per metric and stat
 * ({@link WideSchema}). The parser streams the rows of a response into a {@link Records} of the call, which puts
 * each row's stats into the Struct of its (group, bucket) with {@link Struct#put}; the KPIs and
 * {@code metrics_extra} are filled once the whole response is in. Immutable, so the task's poll thread and its
 * fetch-ahead thread share one.
 */
public final class WideRecordMapper implements RecordMapper {
    private static final AggregateResponseParser PARSER = new AggregateResponseParser();
    private static final Stat[] STATS = Stat.values();

    private final String queryName;
    private final String granularity;
    private final WideSchema schema;
    private final Field keyQueryName;
    private final Field keyIntervalStart;
    private final Field keyGroupExtra;
    private final Field valueQueryName;
    private final Field valueIntervalStart;
    private final Field valueIntervalEnd;
    private final Field valueGranularity;
    private final Field valueGroupExtra;
    private final Field valueMetricsExtra;
    private final Field valueRevision;

    public WideRecordMapper(QueryDefinition query, boolean derivedKpis) {
        this.queryName = query.name();
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
        this.schema = WideSchema.of(query, derivedKpis);
        Schema key = schema.keySchema();
        Schema value = schema.valueSchema();
        this.keyQueryName = key.field(Fields.QUERY_NAME);
        this.keyIntervalStart = key.field(Fields.INTERVAL_START);
        this.keyGroupExtra = key.field(Fields.GROUP_EXTRA);
        this.valueQueryName = value.field(Fields.QUERY_NAME);
        this.valueIntervalStart = value.field(Fields.INTERVAL_START);
        this.valueIntervalEnd = value.field(Fields.INTERVAL_END);
        this.valueGranularity = value.field(Fields.GRANULARITY);
        this.valueGroupExtra = value.field(Fields.GROUP_EXTRA);
        this.valueMetricsExtra = value.field(Fields.METRICS_EXTRA);
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
    public List<MappedRecord> read(InputStream body) throws IOException {
        Records records = new Records();
        PARSER.parse(body, records::add);
        return records.finish();
    }

    /** The records of one response, in the order their (group, bucket) first appears. */
    private final class Records {
        private final Map<BucketOfGroup, Bucket> buckets = new LinkedHashMap<>();
        private final Map<Map<String, String>, GroupColumns.Values> groups = new HashMap<>();
        private Bucket previous;

        void add(AggregateRow row) {
            // The metrics of one bucket and group come one after the other in a response, so most rows belong to
            // the previous row's record: compared by value, that saves hashing the group for each metric.
            Bucket bucket = previous != null && previous.start.equals(row.bucketStart())
                    && previous.group.equals(row.group()) ? previous : null;
            if (bucket == null) {
                BucketOfGroup id = new BucketOfGroup(row.group(), row.bucketStart());
                bucket = buckets.get(id);
                if (bucket == null) {
                    bucket = new Bucket(row);
                    buckets.put(id, bucket);
                }
                previous = bucket;
            }
            bucket.add(row);
        }

        List<MappedRecord> finish() {
            List<MappedRecord> records = new ArrayList<>(buckets.size());
            for (Bucket bucket : buckets.values()) {
                records.add(bucket.finish());
            }
            return records;
        }

        /** One record under construction: its Structs and what has no field yet. */
        private final class Bucket {
            private final Struct key = new Struct(schema.keySchema());
            private final Struct value = new Struct(schema.valueSchema());
            private final Map<String, String> group;
            private final Instant start;
            private final Instant end;
            private TreeMap<MetricId, Stats> extra; // rare: created on first need

            Bucket(AggregateRow first) {
                group = first.group();
                start = first.bucketStart();
                end = first.bucketEnd();
                GroupColumns.Values columns = groups.computeIfAbsent(group, schema.groupColumns()::valuesOf);
                Date startDate = Date.from(start);
                key.put(keyQueryName, queryName);
                key.put(keyIntervalStart, startDate);
                value.put(valueQueryName, queryName);
                value.put(valueIntervalStart, startDate);
                value.put(valueIntervalEnd, Date.from(end));
                value.put(valueGranularity, granularity);
                for (int i = 0; i < columns.dimensionValues().size(); i++) {
                    key.put(schema.keyDimensionFields().get(i), columns.dimensionValues().get(i));
                    value.put(schema.valueDimensionFields().get(i), columns.dimensionValues().get(i));
                }
                key.put(keyGroupExtra, columns.groupExtra());
                value.put(valueGroupExtra, columns.groupExtra());
                value.put(valueRevision, 0);
            }

            /** A metric of this bucket and group; Genesys may repeat a group, the later value then wins. */
            void add(AggregateRow row) {
                Field[] fields = schema.statFields(row.metric(), row.qualifier());
                Stats.Builder withoutField = null;
                for (Stat stat : STATS) {
                    Number number = row.stats().get(stat);
                    if (number == null) {
                        continue;
                    }
                    Field field = fields == null ? null : fields[stat.ordinal()];
                    if (field != null) {
                        value.put(field, number);
                    } else {
                        if (withoutField == null) {
                            withoutField = Stats.builder();
                        }
                        set(withoutField, stat, number);
                    }
                }
                if (withoutField != null || fields == null) {
                    if (extra == null) {
                        extra = new TreeMap<>();
                    }
                    extra.put(new MetricId(row.metric(), row.qualifier()),
                            withoutField == null ? Stats.empty() : withoutField.build());
                }
            }

            MappedRecord finish() {
                for (WideSchema.KpiFields kpi : schema.kpiFields()) {
                    Number[] inputs = new Number[kpi.inputs().length];
                    for (int i = 0; i < inputs.length; i++) {
                        Field input = kpi.inputs()[i];
                        inputs[i] = input == null ? null : (Number) value.get(input);
                    }
                    value.put(kpi.field(), kpi.kpi().compute(inputs));
                }
                value.put(valueMetricsExtra, extra == null ? null : ExtraJson.metricsExtra(extra));
                return new MappedRecord(key, value, start, end);
            }
        }
    }

    private static void set(Stats.Builder stats, Stat stat, Number number) {
        if (stat.integral()) {
            stats.setLong(stat, number.longValue());
        } else {
            stats.setDouble(stat, number.doubleValue());
        }
    }

    /** Which record a row belongs to: its group's entries and its bucket's start. */
    private record BucketOfGroup(Map<String, String> group, Instant start) {
    }
}
