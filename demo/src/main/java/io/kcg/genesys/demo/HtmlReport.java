package io.kcg.genesys.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A self-contained HTML page: per queue, offered volume per interval (a line per media type) and service level per
 * interval (all media, with the 80 % target), as inline SVG, then the daily table. No script, no network.
 */
final class HtmlReport {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    private static final int WIDTH = 960;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final double SERVICE_LEVEL_TARGET = 0.8;

    private HtmlReport() {
    }

    static String render(String title, String subtitle, List<Bucket> buckets, DailyReport report, Instant from,
                         Instant to) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222}\n")
                .append("h1{font-size:22px;margin-bottom:4px} h2{font-size:18px;margin-top:36px}\n")
                .append("p.sub{color:#555;margin-top:0} svg{display:block;margin:6px 0 14px}\n")
                .append("table{border-collapse:collapse;font-size:13px} td,th{padding:3px 10px;text-align:right}\n")
                .append("th{border-bottom:1px solid #999} td:nth-child(-n+2),th:nth-child(-n+2){text-align:left}\n")
                .append("tr.day td{border-top:1px solid #ddd} .legend span{margin-right:14px;font-size:13px}\n")
                .append(".axis{font-size:11px;fill:#555} .grid{stroke:#eee} .target{stroke:#c00;stroke-dasharray:4 3}\n")
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(escape(subtitle)).append("</p>\n");

        Map<String, List<Bucket>> byQueue = new TreeMap<>();
        for (Bucket b : buckets) {
            byQueue.computeIfAbsent(b.queueId(), q -> new ArrayList<>()).add(b);
        }
        List<String> mediaTypes = buckets.stream().map(Bucket::mediaType).distinct().sorted().toList();
        for (Map.Entry<String, List<Bucket>> queue : byQueue.entrySet()) {
            String name = report.queueName(queue.getKey());
            html.append("<h2>").append(escape(name)).append("</h2>\n");
            if (!name.equals(queue.getKey())) {
                html.append("<p class=\"sub\">queue ").append(escape(queue.getKey())).append("</p>\n");
            }
            html.append("<div class=\"legend\">Offered per 30-minute interval: ");
            for (int i = 0; i < mediaTypes.size(); i++) {
                html.append("<span style=\"color:").append(COLORS[i % COLORS.length]).append("\">&#9632; ")
                        .append(escape(mediaTypes.get(i))).append("</span>");
            }
            html.append("</div>\n").append(offeredChart(queue.getValue(), mediaTypes, from, to));
            html.append("<div class=\"legend\">Service level per interval, all media "
                    + "(<span style=\"color:#c00;margin:0\">- - target 80%</span>)</div>\n");
            html.append(serviceLevelChart(queue.getValue(), from, to));
            html.append(table(report, queue.getKey()));
        }
        html.append("<p class=\"sub\">Abandon = abandoned / offered. AHT = average handle time (talk + hold + "
                + "after-call work). SL = service level: answered within the media type's target / (answered + "
                + "abandoned), from Genesys's oServiceLevel. Days are UTC; * marks a day the backfill covers "
                + "only in part.</p>\n</body></html>\n");
        return html.toString();
    }

    private static String offeredChart(List<Bucket> buckets, List<String> mediaTypes, Instant from, Instant to) {
        Map<String, TreeMap<Instant, Long>> series = new TreeMap<>();
        long max = 1;
        for (Bucket b : buckets) {
            series.computeIfAbsent(b.mediaType(), m -> new TreeMap<>()).merge(b.start(), b.offered(), Long::sum);
        }
        for (TreeMap<Instant, Long> points : series.values()) {
            for (long v : points.values()) {
                max = Math.max(max, v);
            }
        }
        double top = niceCeiling(max);
        StringBuilder svg = frame(from, to, top, false);
        for (int i = 0; i < mediaTypes.size(); i++) {
            TreeMap<Instant, Long> points = series.get(mediaTypes.get(i));
            if (points == null) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            points.forEach((t, v) -> path.append(path.length() == 0 ? "M" : " L").append(fmt(x(t, from, to)))
                    .append(',').append(fmt(y(v, top))));
            svg.append("<path fill=\"none\" stroke-width=\"1.3\" stroke=\"").append(COLORS[i % COLORS.length])
                    .append("\" d=\"").append(path).append("\"/>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String serviceLevelChart(List<Bucket> buckets, Instant from, Instant to) {
        TreeMap<Instant, double[]> sums = new TreeMap<>();
        for (Bucket b : buckets) {
            double[] s = sums.computeIfAbsent(b.start(), t -> new double[2]);
            s[0] += b.slNumerator();
            s[1] += b.slDenominator();
        }
        StringBuilder svg = frame(from, to, 1.0, true);
        double targetY = y(SERVICE_LEVEL_TARGET, 1.0);
        svg.append("<line class=\"target\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(fmt(targetY)).append("\" y2=\"").append(fmt(targetY)).append("\"/>\n");
        StringBuilder path = new StringBuilder();
        Instant previous = null;
        for (Map.Entry<Instant, double[]> point : sums.entrySet()) {
            if (point.getValue()[1] == 0) {
                previous = null; // nothing answered or abandoned: a gap, not a zero
                continue;
            }
            double ratio = point.getValue()[0] / point.getValue()[1];
            boolean connected = previous != null && previous.plusSeconds(1800).equals(point.getKey());
            path.append(connected ? " L" : " M").append(fmt(x(point.getKey(), from, to))).append(',')
                    .append(fmt(y(ratio, 1.0)));
            previous = point.getKey();
        }
        svg.append("<path fill=\"none\" stroke=\"#2a6\" stroke-width=\"1.3\" d=\"").append(path.toString().trim())
                .append("\"/>\n");
        return svg.append("</svg>\n").toString();
    }

    /** The SVG element with its grid, y labels and one x label per UTC day. */
    private static StringBuilder frame(Instant from, Instant to, double top, boolean percent) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\">\n");
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double yy = y(v, top);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(yy)).append("\" y2=\"").append(fmt(yy)).append("\"/>")
                    .append("<text class=\"axis\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(fmt(yy + 4)).append("\">")
                    .append(percent ? Math.round(v * 100) + "%" : fmtCount(v)).append("</text>\n");
        }
        DateTimeFormatter label = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);
        LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        for (Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant(); t.isBefore(to); t = t.plusSeconds(86_400)) {
            double xx = x(t, from, to);
            if (xx + 64 > WIDTH) {
                break; // no room left for the label
            }
            svg.append("<line class=\"grid\" x1=\"").append(fmt(xx)).append("\" x2=\"").append(fmt(xx))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(fmt(xx + 3)).append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 16).append("\">").append(label.format(t.atZone(ZoneOffset.UTC)))
                    .append("</text>\n");
        }
        return svg;
    }

    private static String table(DailyReport report, String queueId) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th>day (UTC)</th><th>media</th><th>offered</th>"
                + "<th>answered</th><th>abandon</th><th>AHT (m:ss)</th><th>SL</th></tr>\n");
        LocalDate day = null;
        for (DailyReport.Line line : report.lines()) {
            if (!line.queueId().equals(queueId)) {
                continue;
            }
            boolean newDay = !line.day().equals(day);
            day = line.day();
            Totals t = line.totals();
            html.append(newDay ? "<tr class=\"day\">" : "<tr>").append("<td>")
                    .append(newDay ? line.day() + (line.partialDay() ? "*" : "") : "").append("</td><td>")
                    .append(escape(line.mediaType())).append("</td><td>").append(String.format(Locale.ROOT, "%,d",
                            t.offered)).append("</td><td>").append(String.format(Locale.ROOT, "%,d", t.answered))
                    .append("</td><td>").append(Totals.percent(t.abandonRate())).append("</td><td>")
                    .append(Totals.minutesSeconds(t.averageHandleMs())).append("</td><td>")
                    .append(Totals.percent(t.serviceLevel())).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static double x(Instant t, Instant from, Instant to) {
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return LEFT + (t.toEpochMilli() - from.toEpochMilli()) / span * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double v, double top) {
        return TOP + (1 - v / top) * (HEIGHT - TOP - BOTTOM);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max}: round numbers on the y axis. */
    static double niceCeiling(double max) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(max, 1))));
        for (double step : new double[] {1, 2, 4, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmtCount(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
