package io.kcg.genesys.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily queue report of examples/sql (the SQL docs/sinks.md shows), run on the tables the sink wrote, against
 * the simulator's own daily figures: a query with granularity P1D, so the simulator adds up the day itself and the
 * table's 30-minute buckets must add up to the same.
 */
final class DailyQueueReport {
    static final Path WIDE_SQL = RepoFiles.ROOT.resolve("examples/sql/daily-queue-report.sql");
    static final Path LONG_SQL = RepoFiles.ROOT.resolve("examples/sql/daily-queue-report-long.sql");
    static final String[] FIGURES = {"offered", "answered", "abandoned", "abandon_rate", "aht_seconds", "service_level"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many report lines (queue, media type, day) were compared, and what differed. */
    record Comparison(int lines, List<String> differences) {
        @Override
        public String toString() {
            return lines + " lines (queue, media type, day) compared, " + differences.size() + " different"
                    + (differences.isEmpty() ? "" : ": " + differences.subList(0, Math.min(5, differences.size())));
        }
    }

    private DailyQueueReport() {
    }

    /** The report from {@code sql} (the file's text with its table renamed to {@code table}) on whole days in [from, to). */
    static Comparison compare(Connection db, Path sql, String table, GenesysSimulator sim, String queryBody,
                              Instant from, Instant to) throws SQLException, IOException {
        String text = Files.readString(sql).replace("FROM genesys_queues30m", "FROM " + table);
        Map<String, double[]> reported = new TreeMap<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(text)) {
            while (rs.next()) {
                LocalDate day = rs.getObject("report_day", LocalDate.class);
                Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                if (dayStart.isBefore(from) || dayStart.plusSeconds(86_400).isAfter(to)) {
                    continue; // only whole days of [from, to)
                }
                double[] figures = new double[FIGURES.length];
                for (int i = 0; i < FIGURES.length; i++) {
                    Object value = rs.getObject(FIGURES[i]);
                    figures[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
                }
                reported.put(line(rs.getString("queue_id"), rs.getString("media_type"), day), figures);
            }
        }
        Map<String, double[]> truth = truth(sim, queryBody, from, to);
        List<String> differences = new ArrayList<>();
        for (String line : truth.keySet()) {
            if (!reported.containsKey(line)) {
                differences.add(line + " is missing from the report");
            }
        }
        reported.forEach((line, figures) -> {
            double[] expected = truth.get(line);
            if (expected == null) {
                differences.add(line + " is in the report but not in the truth");
                return;
            }
            for (int i = 0; i < FIGURES.length; i++) {
                if (!close(expected[i], figures[i])) {
                    differences.add(line + " " + FIGURES[i] + " " + figures[i] + ", the truth " + expected[i]);
                }
            }
        });
        return new Comparison(reported.size(), differences);
    }

    /** The same figures from the simulator's P1D answer. */
    private static Map<String, double[]> truth(GenesysSimulator sim, String queryBody, Instant from, Instant to) {
        JsonNode answer;
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(queryBody);
            body.put("granularity", "P1D");
            body.put("interval", from + "/" + to);
            answer = JSON.readTree(sim.groundTruth("conversations", body.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (JsonNode result : answer.path("results")) {
            JsonNode group = result.path("group");
            for (JsonNode data : result.path("data")) {
                Map<String, JsonNode> stats = new LinkedHashMap<>();
                data.path("metrics").forEach(m -> stats.put(m.path("metric").asText(), m.path("stats")));
                double offered = stat(stats, "nOffered", "count", 0);
                double abandoned = stat(stats, "tAbandon", "count", 0);
                double[] figures = {
                    offered,
                    stat(stats, "tAnswered", "count", 0),
                    abandoned,
                    offered == 0 ? Double.NaN : abandoned / offered,
                    ratio(stat(stats, "tHandle", "sum", Double.NaN), stat(stats, "tHandle", "count", Double.NaN)) / 1000.0,
                    ratio(stat(stats, "oServiceLevel", "numerator", Double.NaN),
                            stat(stats, "oServiceLevel", "denominator", Double.NaN)),
                };
                LocalDate day = Instant.parse(data.path("interval").asText().split("/")[0]).atZone(ZoneOffset.UTC)
                        .toLocalDate();
                lines.put(line(group.path("queueId").asText(), group.path("mediaType").asText(), day), figures);
            }
        }
        return lines;
    }

    private static double stat(Map<String, JsonNode> stats, String metric, String stat, double absent) {
        JsonNode node = stats.containsKey(metric) ? stats.get(metric).get(stat) : null;
        return node == null || node.isNull() ? absent : node.asDouble();
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 || Double.isNaN(denominator) ? Double.NaN : numerator / denominator;
    }

    private static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    }

    private static String line(String queue, String mediaType, LocalDate day) {
        return queue + " " + mediaType + " " + day;
    }
}
