package io.kcg.genesys.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows a warehouse table of one query must hold, derived from the simulator's ground truth (an aggregates
 * response) by the record contract v2 alone: one row per bucket and group (wide) or per bucket, group, metric and
 * qualifier (long), keyed by the record key's fields. Independent of the connector's mapper on purpose: the table is
 * checked against what Genesys holds and what the contract promises, not against the code that wrote it.
 */
final class GroundTruthRows {
    /** A dimension Genesys left out of a group: the contract's non-null placeholder. */
    static final String ABSENT = "-";
    static final Set<String> WIDE_IGNORED = Set.of("revision");
    static final Set<String> LONG_IGNORED = Set.of("revision");
    static final Set<String> KPIS = Set.of("avg_handle_ms", "avg_talk_ms", "avg_hold_ms", "avg_acw_ms",
            "avg_answer_ms", "avg_abandon_ms", "abandon_rate", "service_level");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String queryName;
    private final String granularity;
    private final List<String> dimensions;
    private final List<String> metrics;

    /**
     * @param dimensions the query's groupBy, plus mediaType when it does not ask for it (Genesys adds it)
     * @param metrics    the query's metrics (which derived KPIs a wide record has)
     */
    GroundTruthRows(String queryName, String granularity, List<String> dimensions, List<String> metrics) {
        this.queryName = queryName;
        this.granularity = granularity;
        this.dimensions = List.copyOf(dimensions);
        this.metrics = List.copyOf(metrics);
    }

    /**
     * The table a query's records land in, for its buckets in [from, to) as the simulator holds them now: named
     * after the topic as Debezium's JDBC sink does (genesys.N -> genesys_N, genesys.N.long -> genesys_N_long).
     */
    static ExpectedTable table(GenesysSimulator sim, String query, String body, Instant from, Instant to,
                               boolean longFormat) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> dimensions = new ArrayList<>();
        json.path("groupBy").forEach(d -> dimensions.add(d.asText()));
        if (!dimensions.contains("mediaType")) {
            dimensions.add("mediaType");
        }
        List<String> metrics = new ArrayList<>();
        json.path("metrics").forEach(m -> metrics.add(m.asText()));
        GroundTruthRows rows = new GroundTruthRows(query, json.path("granularity").asText(), dimensions, metrics);
        ObjectNode withInterval = ((ObjectNode) json).deepCopy();
        withInterval.put("interval", from + "/" + to);
        String truth = sim.groundTruth("conversations", withInterval.toString());
        return longFormat ? rows.longFormat("genesys_" + query + "_long", truth) : rows.wide("genesys_" + query, truth);
    }

    List<String> wideKeyColumns() {
        List<String> columns = new ArrayList<>(List.of("query_name", "interval_start"));
        dimensions.forEach(d -> columns.add(ContractNames.snake(d)));
        columns.add("group_extra");
        return columns;
    }

    List<String> longKeyColumns() {
        List<String> columns = wideKeyColumns();
        columns.add("metric");
        columns.add("qualifier");
        return columns;
    }

    /** The wide table of {@code truth} (an aggregates response). */
    ExpectedTable wide(String table, String truth) {
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        forEachBucket(truth, (group, interval, bucketMetrics) -> {
            Map<String, Object> row = bucketColumns(group, interval);
            for (JsonNode metric : bucketMetrics) {
                String name = metric.path("metric").asText();
                if (metric.hasNonNull("qualifier")) {
                    throw new IllegalArgumentException("the scenario's queries have no qualified metrics: " + metric);
                }
                metric.path("stats").fields().forEachRemaining(stat ->
                        row.put(ContractNames.metricStat(name, stat.getKey()), number(stat.getValue())));
            }
            row.putAll(kpis(bucketMetrics));
            rows.put(key(row, wideKeyColumns()), row);
        });
        return new ExpectedTable(table, wideKeyColumns(), rows, WIDE_IGNORED, KPIS);
    }

    /** The long table of {@code truth}: one row per metric (and qualifier) of each bucket and group. */
    ExpectedTable longFormat(String table, String truth) {
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        forEachBucket(truth, (group, interval, bucketMetrics) -> {
            for (JsonNode metric : bucketMetrics) {
                Map<String, Object> row = bucketColumns(group, interval);
                row.put("metric", metric.path("metric").asText());
                row.put("qualifier", metric.hasNonNull("qualifier") ? metric.path("qualifier").asText() : ABSENT);
                metric.path("stats").fields().forEachRemaining(stat ->
                        row.put(ContractNames.longStat(stat.getKey()), number(stat.getValue())));
                rows.put(key(row, longKeyColumns()), row);
            }
        });
        return new ExpectedTable(table, longKeyColumns(), rows, LONG_IGNORED, Set.of());
    }

    private interface BucketVisitor {
        void visit(JsonNode group, String interval, JsonNode metrics);
    }

    private static void forEachBucket(String truth, BucketVisitor visitor) {
        JsonNode response;
        try {
            response = JSON.readTree(truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode result : response.path("results")) {
            for (JsonNode data : result.path("data")) {
                visitor.visit(result.path("group"), data.path("interval").asText(), data.path("metrics"));
            }
        }
    }

    /** Key and bucket columns of a row: the query, the bucket, the dimensions and the group entries without one. */
    private Map<String, Object> bucketColumns(JsonNode group, String interval) {
        String[] bounds = interval.split("/");
        Map<String, Object> row = new TreeMap<>();
        row.put("query_name", queryName);
        row.put("interval_start", Instant.parse(bounds[0]).toEpochMilli());
        row.put("interval_end", Instant.parse(bounds[1]).toEpochMilli());
        row.put("granularity", granularity);
        ObjectNode extra = JSON.createObjectNode();
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            sorted.put(entry.getKey(), entry.getValue().asText());
        }
        for (String dimension : dimensions) {
            String value = sorted.remove(dimension);
            row.put(ContractNames.snake(dimension), value == null ? ABSENT : value);
        }
        sorted.forEach(extra::put);
        row.put("group_extra", extra.toString());
        return row;
    }

    /** The derived KPIs of a wide record whose query asks for their inputs, as the contract defines them. */
    private Map<String, Object> kpis(JsonNode bucketMetrics) {
        Map<String, JsonNode> stats = new LinkedHashMap<>();
        for (JsonNode metric : bucketMetrics) {
            stats.put(metric.path("metric").asText(), metric.path("stats"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        average(out, stats, "avg_handle_ms", "tHandle");
        average(out, stats, "avg_talk_ms", "tTalk");
        average(out, stats, "avg_hold_ms", "tHeld");
        average(out, stats, "avg_acw_ms", "tAcw");
        average(out, stats, "avg_answer_ms", "tAnswered");
        average(out, stats, "avg_abandon_ms", "tAbandon");
        if (metrics.contains("tAbandon") && metrics.contains("nOffered")) {
            Double offered = stat(stats, "nOffered", "count");
            Double abandoned = stat(stats, "tAbandon", "count");
            putRatio(out, "abandon_rate", abandoned == null ? 0.0 : abandoned, offered);
        }
        if (metrics.contains("oServiceLevel")) {
            Double numerator = stat(stats, "oServiceLevel", "numerator");
            Double denominator = stat(stats, "oServiceLevel", "denominator");
            if (numerator == null || denominator == null) {
                Double ratio = stat(stats, "oServiceLevel", "ratio");
                if (ratio != null) {
                    out.put("service_level", ratio);
                }
            } else {
                putRatio(out, "service_level", numerator, denominator);
            }
        }
        return out;
    }

    private void average(Map<String, Object> out, Map<String, JsonNode> stats, String column, String timer) {
        if (metrics.contains(timer)) {
            putRatio(out, column, stat(stats, timer, "sum"), stat(stats, timer, "count"));
        }
    }

    private static void putRatio(Map<String, Object> out, String column, Double numerator, Double denominator) {
        if (numerator != null && denominator != null && denominator != 0.0) {
            out.put(column, numerator / denominator);
        }
    }

    private static Double stat(Map<String, JsonNode> stats, String metric, String stat) {
        JsonNode node = stats.getOrDefault(metric, JSON.nullNode()).get(stat);
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static Number number(JsonNode node) {
        return node.isIntegralNumber() ? (Number) node.asLong() : (Number) node.asDouble();
    }

    static List<String> key(Map<String, Object> row, List<String> keyColumns) {
        List<String> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            key.add(String.valueOf(row.get(column)));
        }
        return key;
    }
}
