package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wide key and value schemas of one query (record contract v2, docs/records.md) and the fields the mapper
 * fills. The same query config always yields the same schemas; adding a metric or a dimension only adds fields with
 * defaults (BACKWARD compatible in a schema registry).
 *
 * <p>Key: {@code query_name}, {@code interval_start}, a string per dimension, {@code group_extra}; all non-null.
 * Value: the same with {@code interval_end} and {@code granularity}, then {@code <metric>_<stat>} per listed metric
 * and view (the stats {@link MetricStats} gives it), {@code <metric>_<qualifier>_<stat>} per documented qualifier
 * ({@link QualifiedMetrics}), the derived KPIs, {@code metrics_extra} and {@code revision}.
 */
public final class WideSchema {
    private final Schema keySchema;
    private final Schema valueSchema;
    private final GroupColumns groupColumns;
    private final List<Field> keyDimensionFields = new ArrayList<>();
    private final List<Field> valueDimensionFields = new ArrayList<>();
    // The stat fields of a metric, a Field per Stat ordinal (null for a stat it has no field for): unqualified
    // metrics and views by name, the documented qualifiers by metric, then qualifier.
    private final Map<String, Field[]> statFields = new HashMap<>();
    private final Map<String, Map<String, Field[]>> qualifiedStatFields = new HashMap<>();
    private final List<KpiFields> kpiFields = new ArrayList<>();

    private WideSchema(QueryDefinition query, boolean derivedKpis) {
        groupColumns = new GroupColumns(query.dimensions());
        StructFields key = new StructFields(SchemaNames.wideKey(query.name()),
                "Identity of a bucket and group of query " + query.name() + ".");
        StructFields value = new StructFields(SchemaNames.wideValue(query.name()), "Genesys aggregates of query "
                + query.name() + " (" + query.endpoint() + "): one record per bucket and group.");

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
        key.add(Fields.GROUP_EXTRA, Fields.groupExtra(), "the group's other entries");
        value.add(Fields.GROUP_EXTRA, Fields.groupExtra(), "the group's other entries");

        List<Map.Entry<MetricId, String>> withFields = new ArrayList<>(); // what has stat fields, and its owner
        for (String metric : query.metrics()) {
            List<String> qualifiers = QualifiedMetrics.qualifiersOf(metric);
            if (qualifiers.isEmpty()) {
                withFields.add(Map.entry(new MetricId(metric, null), "metric " + metric));
            }
            for (String qualifier : qualifiers) {
                withFields.add(Map.entry(new MetricId(metric, qualifier), "metric " + metric + " with qualifier " + qualifier));
            }
        }
        for (String view : query.viewNames()) {
            withFields.add(Map.entry(new MetricId(view, null), "view " + view));
        }
        Map<MetricId, List<String>> statFieldNames = new HashMap<>();
        for (Map.Entry<MetricId, String> entry : withFields) {
            MetricId metric = entry.getKey();
            String owner = entry.getValue();
            Set<Stat> stats = MetricStats.statsOf(metric.metric());
            List<String> names = new ArrayList<>();
            for (Stat stat : Stat.values()) {
                String field = null;
                if (stats.contains(stat)) {
                    field = metric.qualifier() == null ? FieldNames.joined(metric.metric(), stat.jsonName())
                            : FieldNames.joined(metric.metric(), metric.qualifier(), stat.jsonName());
                    value.add(field, Fields.stat(stat, statDoc(metric, stat)), owner);
                }
                names.add(field);
            }
            statFieldNames.put(metric, names);
        }
        if (derivedKpis) {
            for (DerivedKpi kpi : DerivedKpi.values()) {
                if (kpi.applies(query.metrics())) {
                    value.add(kpi.fieldName(), Fields.optionalDouble(kpi.doc() + " Null when an input is absent or its "
                            + "count is 0."), "derived KPI " + kpi.fieldName());
                }
            }
        }
        value.add(Fields.METRICS_EXTRA, Fields.metricsExtra(), "the metrics without fields");
        value.add(Fields.REVISION, Fields.revision(), "the revision");

        keySchema = key.build();
        valueSchema = value.build();
        for (String field : groupColumns.fieldNames()) {
            keyDimensionFields.add(keySchema.field(field));
            valueDimensionFields.add(valueSchema.field(field));
        }
        statFieldNames.forEach((metric, names) -> {
            Field[] byStat = new Field[names.size()];
            for (int i = 0; i < byStat.length; i++) {
                byStat[i] = names.get(i) == null ? null : valueSchema.field(names.get(i));
            }
            if (metric.qualifier() == null) {
                statFields.put(metric.metric(), byStat);
            } else {
                qualifiedStatFields.computeIfAbsent(metric.metric(), m -> new HashMap<>()).put(metric.qualifier(), byStat);
            }
        });
        for (DerivedKpi kpi : DerivedKpi.values()) {
            Field field = valueSchema.field(kpi.fieldName());
            if (field != null) {
                Field[] inputs = new Field[kpi.inputs().size()];
                for (int i = 0; i < inputs.length; i++) {
                    DerivedKpi.Input input = kpi.inputs().get(i);
                    Field[] fields = statFields(input.metric(), null);
                    inputs[i] = fields == null ? null : fields[input.stat().ordinal()]; // null: read as absent
                }
                kpiFields.add(new KpiFields(kpi, field, inputs));
            }
        }
    }

    private static String statDoc(MetricId metric, Stat stat) {
        return "The " + stat.jsonName() + " stat of " + metric.metric()
                + (metric.qualifier() == null ? "" : " with qualifier " + metric.qualifier())
                + (metric.metric().startsWith("t") ? " (ms)" : "") + "; null when Genesys sent none.";
    }

    /** The schemas of {@code query}; IllegalArgumentException when two names map to the same field. */
    public static WideSchema of(QueryDefinition query, boolean derivedKpis) {
        return new WideSchema(query, derivedKpis);
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

    /** The key's dimension fields, in {@link GroupColumns#fieldNames()} order. */
    List<Field> keyDimensionFields() {
        return keyDimensionFields;
    }

    /** The value's dimension fields, in {@link GroupColumns#fieldNames()} order. */
    List<Field> valueDimensionFields() {
        return valueDimensionFields;
    }

    /** The fields of a metric by Stat ordinal (null entries for stats it has no field for), or null when it has none. */
    Field[] statFields(String metric, String qualifier) {
        if (qualifier == null) {
            return statFields.get(metric);
        }
        Map<String, Field[]> byQualifier = qualifiedStatFields.get(metric);
        return byQualifier == null ? null : byQualifier.get(qualifier);
    }

    /** The KPIs of this schema, each with its field and the fields of its inputs (in {@link DerivedKpi#inputs()} order). */
    List<KpiFields> kpiFields() {
        return kpiFields;
    }

    record KpiFields(DerivedKpi kpi, Field field, Field[] inputs) {
    }
}
