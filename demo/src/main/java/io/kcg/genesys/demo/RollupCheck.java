package io.kcg.genesys.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's report and the stream processor's rollup side by side: for each whole day of the report (a day the
 * backfill cuts is partial in the report but whole in the rollup, which reads all of the topic), the rollup's row of
 * the same day, queue and media type must add up the same buckets to the same offered and answered.
 */
final class RollupCheck {
    private final Map<RollupRow.Key, Totals> expected = new TreeMap<>();

    RollupCheck(DailyReport report) {
        for (DailyReport.Line line : report.lines()) {
            if (!line.partialDay()) {
                expected.put(new RollupRow.Key(line.day(), line.queueId(), line.mediaType()), line.totals());
            }
        }
    }

    /** Whole days in the report: without one there is nothing to compare. */
    boolean hasWholeDays() {
        return !expected.isEmpty();
    }

    int rows() {
        return expected.size();
    }

    long days() {
        return expected.keySet().stream().map(RollupRow.Key::day).distinct().count();
    }

    /** True when the rollup holds a row of every whole-day line, made of as many buckets: it has read them all. */
    boolean complete(Map<RollupRow.Key, RollupRow> rollup) {
        for (Map.Entry<RollupRow.Key, Totals> line : expected.entrySet()) {
            RollupRow row = rollup.get(line.getKey());
            if (row == null || row.buckets() != line.getValue().buckets) {
                return false;
            }
        }
        return true;
    }

    /** The whole-day lines whose rollup row is missing or differs in buckets, offered or answered; empty when equal. */
    List<String> differences(Map<RollupRow.Key, RollupRow> rollup) {
        List<String> differences = new ArrayList<>();
        expected.forEach((key, totals) -> {
            RollupRow row = rollup.get(key);
            String line = key.day() + " queue " + key.queueId() + " " + key.mediaType();
            if (row == null) {
                differences.add(line + ": no rollup row (report: offered " + totals.offered + ", answered "
                        + totals.answered + ")");
            } else if (row.buckets() != totals.buckets || row.offered() != totals.offered
                    || row.answered() != totals.answered) {
                differences.add(String.format(Locale.ROOT, "%s: rollup offered %d, answered %d (%d buckets); report "
                                + "offered %d, answered %d (%d buckets)", line, row.offered(), row.answered(),
                        row.buckets(), totals.offered, totals.answered, totals.buckets));
            }
        });
        return differences;
    }

    /**
     * A few rows of the rollup to compare by eye with the report: the last whole day, queue by queue (by name), as many
     * whole queues as fit in {@code max} lines (at least one).
     */
    String render(Map<RollupRow.Key, RollupRow> rollup, DailyReport report, int max) {
        LocalDate last = expected.keySet().stream().map(RollupRow.Key::day).max(LocalDate::compareTo).orElseThrow();
        Map<String, List<RollupRow>> byQueue = new TreeMap<>();
        expected.keySet().stream().filter(k -> k.day().equals(last)).map(rollup::get).forEach(row ->
                byQueue.computeIfAbsent(name(row, report), q -> new ArrayList<>()).add(row));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-11s %-14s %-9s %8s %8s %8s %8s %9s%n", "day (UTC)", "queue",
                "media", "offered", "answered", "abandon", "AHT", "SL"));
        int shown = 0;
        int all = 0;
        boolean full = false;
        for (Map.Entry<String, List<RollupRow>> queue : byQueue.entrySet()) {
            all += queue.getValue().size();
            full |= shown > 0 && shown + queue.getValue().size() > max;
            if (full) {
                continue;
            }
            for (RollupRow row : queue.getValue()) {
                shown++;
                out.append(String.format(Locale.ROOT, "  %-11s %-14s %-9s %,8d %,8d %8s %8s %9s%n", row.key().day(),
                        queue.getKey(), row.key().mediaType(), row.offered(), row.answered(),
                        Totals.percent(nanIfNull(row.abandonRate())), Totals.minutesSeconds(nanIfNull(row.ahtMs())),
                        Totals.percent(nanIfNull(row.serviceLevel()))));
            }
        }
        if (all > shown) {
            out.append(String.format(Locale.ROOT, "  ... %d more rows of %s in the topic%n", all - shown, last));
        }
        return out.toString();
    }

    private static String name(RollupRow row, DailyReport report) {
        return row.queueName() != null ? row.queueName() : report.queueName(row.key().queueId());
    }

    private static double nanIfNull(Double value) {
        return value == null ? Double.NaN : value;
    }
}
