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
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record per (bucket, group): the group's dimensions as fields and a field per metric and stat. Immutable: each
 * call keeps its state in an assembler of its own, so the task's poll thread and its fetch-ahead thread share one.
 */
public final class WideRecordMapper implements RecordMapper {
    private static final Stat[] STATS = Stat.values();
    private static final AggregateResponseParser PARSER = new AggregateResponseParser();

    private final QueryDefinition query;
    private final WideSchema schema;
    private final Schema metricStatsSchema;
    private final String granularity;
    // The fields' indexes in the Structs' value arrays, looked up once.
    private final int keyQuery;
    private final int keyIntervalStart;
    private final int keyExtraGroup;
    private final int valueQuery;
    private final int valueIntervalStart;
    private final int valueIntervalEnd;
    private final int valueGranularity;
    private final int valueGroup;
    private final int valueExtraMetrics;
    private final int valueRevision;
    private final DerivedKpi[] kpis;
    private final int[] kpiIndexes;

    public WideRecordMapper(QueryDefinition query, boolean derivedKpis) {
        this.query = query;
        this.schema = WideSchema.of(query, derivedKpis);
        this.metricStatsSchema = schema.valueSchema().field(WideSchema.EXTRA_METRICS).schema().valueSchema();
        this.granularity = query.granularity() == null ? null : query.granularity().toString();
        Schema key = schema.keySchema();
        Schema value = schema.valueSchema();
        this.keyQuery = key.field(Fields.QUERY).index();
        this.keyIntervalStart = key.field(Fields.INTERVAL_START).index();
        this.keyExtraGroup = key.field(WideSchema.EXTRA_GROUP).index();
        this.valueQuery = value.field(Fields.QUERY).index();
        this.valueIntervalStart = value.field(Fields.INTERVAL_START).index();
        this.valueIntervalEnd = value.field(Fields.INTERVAL_END).index();
        this.valueGranularity = value.field(Fields.GRANULARITY).index();
        this.valueGroup = value.field(Fields.GROUP).index();
        this.valueExtraMetrics = value.field(WideSchema.EXTRA_METRICS).index();
        this.valueRevision = value.field(Fields.REVISION).index();
        this.kpis = schema.kpiFields().keySet().toArray(new DerivedKpi[0]);
        this.kpiIndexes = schema.kpiFields().values().stream().mapToInt(Field::index).toArray();
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
        Assembler assembler = new Assembler();
        for (AggregateRow row : rows) {
            assembler.onMetric(row.group(), row.bucketStart(), row.bucketEnd(), row.metric(), row.qualifier(),
                    row.stats());
        }
        return assembler.records();
    }

    /**
     * Builds the records as the parser streams the metrics, with no row object per metric: the task's way, where a
     * day of 2,000 queues is a million metrics.
     */
    @Override
    public List<MappedRecord> read(InputStream body) throws IOException {
        Assembler assembler = new Assembler();
        PARSER.parse(body, row -> assembler.onMetric(row.group(), row.bucketStart(), row.bucketEnd(), row.metric(),
                row.qualifier(), row.stats()));
        return assembler.records();
    }

    /**
     * Turns the metrics of one response into records, one per (group, bucket) in the order of first sight. Metrics
     * arrive in runs of one (group, bucket): the parser shares one group map per result and one Instant per bucket,
     * so a run is recognised by identity. A group met again in another result (Genesys may repeat one) is found by
     * content, once per result, and its bucket's record by start. Values go straight into the record's Struct
     * ({@link StructValues}); the KPIs are computed once every metric is in.
     */
    private final class Assembler {
        private final List<MappedRecord> records = new ArrayList<>();
        private final List<Object[]> valueArrays = new ArrayList<>();
        private final List<Object[]> keyArrays = new ArrayList<>();
        private final Map<Integer, Map<String, Struct>> extraMetrics = new HashMap<>(); // by record index; rare
        private final Map<Map<String, String>, GroupFields> groupsByContent = new HashMap<>();
        private final MetricFields metricFields = new MetricFields();
        private final KpiInputs kpiInputs = new KpiInputs(new MetricFields()); // its own: the KPIs' names are literals
        private Map<String, String> runGroup;
        private Instant runStart;
        private Object[] runValues;
        private int runIndex;
        private GroupFields groupFields;

        void onMetric(Map<String, String> group, Instant start, Instant end, String metric, String qualifier,
                             Stats stats) {
            if (group != runGroup || start != runStart) {
                startRun(group, start, end);
            }
            Field[] fields = qualifier == null ? metricFields.of(metric) : null;
            boolean allInFields = fields != null;
            if (fields != null) {
                for (Stat stat : STATS) {
                    if (!stats.has(stat)) {
                        continue;
                    }
                    Field field = fields[stat.ordinal()];
                    if (field == null) {
                        allInFields = false;
                    } else {
                        runValues[field.index()] = stats.get(stat);
                    }
                }
            }
            if (!allInFields) {
                String name = qualifier == null ? metric : metric + "_" + qualifier;
                extraMetrics.computeIfAbsent(runIndex, i -> new TreeMap<>()).put(name, statsStruct(stats));
            }
        }

        private void startRun(Map<String, String> group, Instant start, Instant end) {
            finishRun();
            if (group != runGroup) { // once per result, not per bucket
                groupFields = groupsByContent.computeIfAbsent(group, GroupFields::new);
            }
            runGroup = group;
            runStart = start;
            Integer seen = groupFields.recordIndexes.putIfAbsent(start, records.size());
            if (seen != null) {
                runIndex = seen;
                runValues = valueArrays.get(seen);
                return;
            }
            runIndex = records.size();
            Struct key = new Struct(schema.keySchema());
            Struct value = new Struct(schema.valueSchema());
            Object[] k = StructValues.writable(key);
            Object[] v = StructValues.writable(value);
            Date startDate = Date.from(start);
            k[keyQuery] = query.name();
            k[keyIntervalStart] = startDate;
            v[valueQuery] = query.name();
            v[valueIntervalStart] = startDate;
            v[valueIntervalEnd] = Date.from(end);
            v[valueGranularity] = granularity;
            for (int i = 0; i < groupFields.keyIndexes.length; i++) {
                k[groupFields.keyIndexes[i]] = groupFields.values[i];
                v[groupFields.valueIndexes[i]] = groupFields.values[i];
            }
            k[keyExtraGroup] = groupFields.extraGroup;
            v[valueGroup] = groupFields.sorted;
            v[valueRevision] = 0;
            records.add(new MappedRecord(key, value, start, end));
            keyArrays.add(k);
            valueArrays.add(v);
            runValues = v;
        }

        /**
         * The KPIs and extra metrics of the record just filled, while its values are in the CPU's cache. A record
         * that a later result adds to is finished again.
         */
        private void finishRun() {
            if (runValues == null) {
                return;
            }
            runValues[valueExtraMetrics] = extraMetrics.get(runIndex);
            kpiInputs.values = runValues;
            for (int k = 0; k < kpis.length; k++) {
                runValues[kpiIndexes[k]] = kpis[k].compute(kpiInputs);
            }
        }

        List<MappedRecord> records() {
            finishRun();
            for (int i = 0; i < records.size() && !StructValues.writesInPlace(); i++) { // the fallback only
                StructValues.fill(records.get(i).key(), keyArrays.get(i));
                StructValues.fill(records.get(i).value(), valueArrays.get(i));
            }
            return records;
        }
    }

    /** A KPI's inputs read from the value array of one record. */
    private static final class KpiInputs implements DerivedKpi.Inputs {
        private final MetricFields metricFields;
        Object[] values;

        KpiInputs(MetricFields metricFields) {
            this.metricFields = metricFields;
        }

        @Override
        public Number stat(String metric, Stat stat) {
            Field[] fields = metricFields.of(metric);
            Field field = fields == null ? null : fields[stat.ordinal()];
            return field == null ? null : (Number) values[field.index()];
        }
    }

    /**
     * The schema's stat fields of a metric name, remembered by identity: the parser mostly hands the same String for
     * every occurrence of a name (its cache of short strings may make a new one) and the KPIs ask with their
     * literals, so a scan of a few references replaces a hash lookup per metric (a million in a large response). A
     * new instance of a known name replaces the old one; names it has no room for take the schema's map.
     */
    private final class MetricFields {
        private static final int ROOM = 64;
        private final String[] names = new String[ROOM];
        private final Field[][] fields = new Field[ROOM][];
        private int size;

        Field[] of(String metric) {
            for (int i = 0; i < size; i++) {
                if (names[i] == metric) {
                    return fields[i];
                }
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(metric)) {
                    names[i] = metric;
                    return fields[i];
                }
            }
            Field[] found = schema.statFields(metric);
            if (size < ROOM) {
                names[size] = metric;
                fields[size++] = found;
            }
            return found;
        }
    }

    /** A metric outside the schema's fields, kept whole in extraMetrics (rare: put() is fine here). */
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
        final Map<String, String> sorted;
        final int[] keyIndexes;
        final int[] valueIndexes;
        final String[] values;
        final Map<String, String> extraGroup;
        /** The index of this group's record of each bucket start met so far. */
        final Map<Instant, Integer> recordIndexes = new HashMap<>();

        GroupFields(Map<String, String> group) {
            TreeMap<String, String> sortedGroup = new TreeMap<>(group);
            this.sorted = Collections.unmodifiableMap(sortedGroup);
            List<Integer> keys = new ArrayList<>();
            List<Integer> vals = new ArrayList<>();
            List<String> dimensionValues = new ArrayList<>();
            TreeMap<String, String> extra = null;
            for (Map.Entry<String, String> entry : sortedGroup.entrySet()) {
                String field = schema.dimensionFields().get(entry.getKey());
                if (field != null) {
                    keys.add(schema.keySchema().field(field).index());
                    vals.add(schema.valueSchema().field(field).index());
                    dimensionValues.add(entry.getValue());
                } else {
                    if (extra == null) {
                        extra = new TreeMap<>();
                    }
                    extra.put(entry.getKey(), entry.getValue());
                }
            }
            this.keyIndexes = keys.stream().mapToInt(Integer::intValue).toArray();
            this.valueIndexes = vals.stream().mapToInt(Integer::intValue).toArray();
            this.values = dimensionValues.toArray(new String[0]);
            this.extraGroup = extra == null ? null : Collections.unmodifiableMap(extra);
        }
    }
}
