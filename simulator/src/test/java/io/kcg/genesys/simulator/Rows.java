package io.kcg.genesys.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** An aggregates response flattened to one row per (group, bucket, metric, qualifier), for assertions. */
record Rows(List<Row> rows) {

    static final ObjectMapper JSON = new ObjectMapper();

    record Row(Map<String, String> group, String interval, String metric, String qualifier, JsonNode stats) {
        long count() {
            return stats.get("count").asLong();
        }

        long sum() {
            return stats.get("sum").asLong();
        }
    }

    static Rows parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            Map<String, String> group = new TreeMap<>();
            result.get("group").properties().forEach(e -> group.put(e.getKey(), e.getValue().asText()));
            for (JsonNode bucket : result.get("data")) {
                for (JsonNode metric : bucket.get("metrics")) {
                    String qualifier = metric.has("qualifier") ? metric.get("qualifier").asText() : null;
                    rows.add(new Row(group, bucket.get("interval").asText(), metric.get("metric").asText(), qualifier,
                        metric.get("stats")));
                }
            }
        }
        return new Rows(rows);
    }

    Rows where(Predicate<Row> predicate) {
        return new Rows(rows.stream().filter(predicate).toList());
    }

    Rows metric(String name) {
        return where(r -> r.metric().equals(name));
    }

    long totalCount(String metric) {
        return metric(metric).rows().stream().mapToLong(Row::count).sum();
    }

    /** Rows keyed by "group|interval|metric|qualifier", in a stable order. */
    Map<String, JsonNode> byKey() {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (Row row : rows) {
            map.put(row.group() + "|" + row.interval() + "|" + row.metric() + "|" + row.qualifier(), row.stats());
        }
        return map;
    }

    /** The distinct groups, in first-seen order. */
    List<Map<String, String>> groups() {
        return rows.stream().map(Row::group).distinct().toList();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }
}
