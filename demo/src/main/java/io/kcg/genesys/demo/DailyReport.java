package io.kcg.genesys.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buckets added up per queue, day (UTC, the query's time zone) and media type: offered, answered, abandon rate,
 * average handle time and service level, as a contact-center daily report shows them.
 */
final class DailyReport {
    /** One line of the report. */
    record Line(String queueId, LocalDate day, String mediaType, Totals totals, boolean partialDay) {
    }

    private final List<Line> lines;
    private final Map<String, String> queueNames;
    private final Map<String, Totals> queueTotals;

    private DailyReport(List<Line> lines, Map<String, String> queueNames, Map<String, Totals> queueTotals) {
        this.lines = lines;
        this.queueNames = queueNames;
        this.queueTotals = queueTotals;
    }

    /** {@code from}/{@code to}: the span backfilled; days it cuts are marked partial. */
    static DailyReport of(List<Bucket> buckets, Map<String, String> queueNames, Instant from, Instant to) {
        Map<String, Map<LocalDate, Map<String, Totals>>> byQueue = new TreeMap<>();
        Map<String, Totals> queueTotals = new TreeMap<>();
        for (Bucket b : buckets) {
            LocalDate day = b.start().atZone(ZoneOffset.UTC).toLocalDate();
            byQueue.computeIfAbsent(b.queueId(), q -> new TreeMap<>())
                    .computeIfAbsent(day, d -> new TreeMap<>())
                    .computeIfAbsent(b.mediaType(), m -> new Totals()).add(b);
            queueTotals.computeIfAbsent(b.queueId(), q -> new Totals()).add(b);
        }
        List<Line> lines = new ArrayList<>();
        byQueue.forEach((queue, days) -> days.forEach((day, media) -> media.forEach((type, totals) ->
                lines.add(new Line(queue, day, type, totals, isPartial(day, from, to))))));
        return new DailyReport(lines, queueNames, queueTotals);
    }

    private static boolean isPartial(LocalDate day, Instant from, Instant to) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return dayStart.isBefore(from) || dayStart.plusSeconds(86_400).isAfter(to);
    }

    List<Line> lines() {
        return lines;
    }

    String queueName(String queueId) {
        return queueNames.getOrDefault(queueId, queueId);
    }

    Map<String, Totals> queueTotals() {
        return queueTotals;
    }

    /** The report as text for a terminal. */
    String render() {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "  %-11s %-9s %8s %8s %8s %8s %9s%n",
                "day (UTC)", "media", "offered", "answered", "abandon", "AHT", "SL");
        String queue = null;
        LocalDate day = null;
        boolean anyPartial = false;
        for (Line line : lines) {
            if (!line.queueId().equals(queue)) {
                queue = line.queueId();
                day = null;
                Totals all = queueTotals.get(queue);
                String name = queueNames.get(queue);
                out.append(String.format(Locale.ROOT, "%n%s%s%n", name != null ? name + "  " : "", "queue " + queue));
                out.append(String.format(Locale.ROOT, "  whole period: offered %,d, answered %,d, abandon %s, "
                                + "AHT %s, service level %s%n", all.offered, all.answered,
                        Totals.percent(all.abandonRate()), Totals.minutesSeconds(all.averageHandleMs()),
                        Totals.percent(all.serviceLevel())));
                out.append(header);
            }
            boolean newDay = !line.day().equals(day);
            day = line.day();
            anyPartial |= line.partialDay();
            Totals t = line.totals();
            out.append(String.format(Locale.ROOT, "  %-11s %-9s %,8d %,8d %8s %8s %9s%n",
                    newDay ? line.day() + (line.partialDay() ? "*" : "") : "", line.mediaType(), t.offered, t.answered,
                    Totals.percent(t.abandonRate()), Totals.minutesSeconds(t.averageHandleMs()),
                    Totals.percent(t.serviceLevel())));
        }
        if (anyPartial) {
            out.append(String.format(Locale.ROOT, "%n  * part of the day: the backfill starts or ends inside it.%n"));
        }
        out.append(String.format(Locale.ROOT, "  abandon = abandoned / offered; AHT = average handle time (talk + "
                + "hold + after-call work, m:ss);%n  SL = service level, answered within the media type's target / "
                + "(answered + abandoned).%n"));
        return out.toString();
    }
}
