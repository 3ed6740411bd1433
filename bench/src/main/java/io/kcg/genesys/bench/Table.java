package io.kcg.genesys.bench;

import java.util.ArrayList;
import java.util.List;

/** The one table bench/run prints: each figure, our value, the comparison's value and the ratio. */
final class Table {
    record Row(String figure, String ours, String comparison, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String figure, String ours, String comparison, String ratio) {
        rows.add(new Row(figure, ours, comparison, ratio));
    }

    /** A row whose ratio is ours / theirs. */
    void ratio(String figure, double ours, double theirs, String unit, String theirName) {
        add(figure, number(ours) + " " + unit, number(theirs) + " " + unit + " (" + theirName + ")",
                String.format("%.2fx", ours / theirs));
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format("%,.0f", v);
        }
        if (a >= 10) {
            return String.format("%.1f", v);
        }
        return String.format("%.2f", v);
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    /** A Markdown table, also readable as plain text. */
    String markdown() {
        String[] header = {"figure", "ours", "comparison", "ratio"};
        int[] width = new int[4];
        for (int i = 0; i < 4; i++) {
            width[i] = header[i].length();
        }
        for (Row r : rows) {
            String[] cells = {r.figure, r.ours, r.comparison, r.ratio};
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        String[] rule = new String[4];
        for (int i = 0; i < 4; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(sb, rule, width);
        for (Row r : rows) {
            line(sb, new String[] {r.figure, r.ours, r.comparison, r.ratio}, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        sb.append('\n');
    }
}
