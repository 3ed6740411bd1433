package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.Stat;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wide key and value schemas of one query, and the Field handles the mapper fills. The same query config always
 * yields the same schemas; adding a metric or a dimension only adds optional fields.
 */
public final class WideSchema {
    static final String EXTRA_METRICS = "extraMetrics";
    static final String EXTRA_GROUP = "extraGroup";

    private final Schema keySchema;
    private final Schema valueSchema;
    private final Map<String, String> dimensionFields;          // Genesys dimension -> field name
    private final Map<String, Field[]> statFields = new HashMap<>(); // metric -> field per Stat ordinal
    private final Map<DerivedKpi, Field> kpiFields = new EnumMap<>(DerivedKpi.class);

    private WideSchema(QueryDefinition query, boolean derivedKpis) {
        Map<String, String> owners = new LinkedHashMap<>(); // field name -> what defined it, to report collisions
        SchemaBuilder value = SchemaBuilder.struct().name(SchemaNames.wideValue(query.name()))
                .doc("Genesys aggregates of query " + query.name() + " (" + query.endpoint()
                        + "): one record per bucket and group.");
        SchemaBuilder key = SchemaBuilder.struct().name(SchemaNames.wideKey(query.name()))
                .doc("Identity of a bucket and group of query " + query.name() + ".");

        add(value, owners, Fields.QUERY, Fields.query(), "the query name");
        add(value, owners, Fields.INTERVAL_START, Fields.intervalStart(), "the bucket start");
        add(value, owners, Fields.INTERVAL_END, Fields.intervalEnd(), "the bucket end");
        add(value, owners, Fields.GRANULARITY, Fields.granularity(), "the granularity");
        key.field(Fields.QUERY, Fields.query());
        key.field(Fields.INTERVAL_START, Fields.intervalStart());

        dimensionFields = new LinkedHashMap<>();
        for (String dimension : query.dimensions()) {
            String field = AvroNames.sanitize(dimension);
            add(value, owners, field, Fields.dimension(dimension), "dimension " + dimension);
            key.field(field, Fields.dimension(dimension));
            dimensionFields.put(dimension, field);
        }
        add(value, owners, Fields.GROUP, Fields.group(), "the group map");
        key.field(EXTRA_GROUP, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional()
                .doc("Group entries for dimensions this schema has no field for (null when there are none), so that "
                        + "two groups never share a key.").build());

        List<String> metricNames = new ArrayList<>(query.metrics());
        metricNames.addAll(query.viewNames());
        for (int m = 0; m < metricNames.size(); m++) {
            String metric = metricNames.get(m);
            String owner = (m < query.metrics().size() ? "metric " : "view ") + metric;
            Set<Stat> stats = MetricStats.statsOf(metric);
            for (Stat stat : Stat.values()) {
                if (stats.contains(stat)) {
                    String field = AvroNames.sanitize(metric) + "_" + stat.jsonName();
                    add(value, owners, field, Fields.stat(stat, "The " + stat.jsonName() + " stat of " + metric
                            + (metric.startsWith("t") ? " (ms)" : "") + "; null when Genesys sent none."), owner);
                }
            }
        }
        if (derivedKpis) {
            for (DerivedKpi kpi : DerivedKpi.values()) {
                if (kpi.applies(query.metrics())) {
                    add(value, owners, kpi.fieldName(), Fields.optionalDouble(kpi.doc() + " Null when an input is "
                            + "absent or its count is 0."), "derived KPI " + kpi.fieldName());
                }
            }
        }
        add(value, owners, EXTRA_METRICS, SchemaBuilder.map(Schema.STRING_SCHEMA, Fields.metricStatsStruct())
                .optional().doc("Metrics this schema has no fields for, by <metric> or <metric>_<qualifier>: "
                        + "qualified metrics, metrics the query did not list, stats outside a metric's fields. Null "
                        + "when there are none.").build(), "extra metrics");
        add(value, owners, Fields.REVISION, Fields.revision(), "the revision");

        this.keySchema = key.build();
        this.valueSchema = value.build();
        for (String metric : metricNames) {
            Field[] byStat = new Field[Stat.values().length];
            for (Stat stat : MetricStats.statsOf(metric)) {
                byStat[stat.ordinal()] = valueSchema.field(AvroNames.sanitize(metric) + "_" + stat.jsonName());
            }
            statFields.put(metric, byStat);
        }
        for (DerivedKpi kpi : DerivedKpi.values()) {
            Field field = valueSchema.field(kpi.fieldName());
            if (field != null) {
                kpiFields.put(kpi, field);
            }
        }
    }

    /** The schemas of {@code query}; IllegalArgumentException when two names map to the same field. */
    public static WideSchema of(QueryDefinition query, boolean derivedKpis) {
        return new WideSchema(query, derivedKpis);
    }

    private static void add(SchemaBuilder builder, Map<String, String> owners, String field, Schema schema, String owner) {
        String previous = owners.putIfAbsent(field, owner);
        if (previous != null) {
            throw new IllegalArgumentException("field '" + field + "' would be defined twice, by " + previous
                    + " and by " + owner + "; rename the view or drop one of them");
        }
        builder.field(field, schema);
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    Map<String, String> dimensionFields() {
        return dimensionFields;
    }

    /** The fields of {@code metric} by Stat ordinal (null entries for stats it has no field for), or null. */
    Field[] statFields(String metric) {
        return statFields.get(metric);
    }

    Map<DerivedKpi, Field> kpiFields() {
        return kpiFields;
    }
}
