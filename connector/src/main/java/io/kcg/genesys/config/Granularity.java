package io.kcg.genesys.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bucket size of a query ({@code granularity}) and the rules that cut time into its buckets in the query's time
 * zone. Sub-day sizes divide a local day, so buckets restart at every local midnight; {@code P1D} buckets start at
 * local midnight, {@code P7D} on Monday, {@code P1M} on the first of the month. These are the boundaries windows end
 * on, so that every window returns whole buckets and re-polling a window yields the same buckets.
 */
public final class Granularity {
    private static final Map<String, Granularity> SUPPORTED = new LinkedHashMap<>();
    static {
        for (String text : List.of("PT5M", "PT10M", "PT15M", "PT20M", "PT30M", "PT1H", "PT2H", "PT3H", "PT4H", "PT6H",
                "PT8H", "PT12H", "P1D", "P7D", "P1M")) {
            SUPPORTED.put(text, new Granularity(IsoSpan.parse(text)));
        }
    }

    private final IsoSpan span;

    private Granularity(IsoSpan span) {
        this.span = span;
    }

    /** The granularity for an ISO text such as {@code PT30M}, or IllegalArgumentException listing what is allowed. */
    public static Granularity of(String text) {
        Granularity granularity = text == null ? null : SUPPORTED.get(text.trim().toUpperCase());
        if (granularity == null) {
            throw new IllegalArgumentException("granularity '" + text + "' is not supported; allowed: " + allowed());
        }
        return granularity;
    }

    public static String allowed() {
        return String.join(", ", SUPPORTED.keySet());
    }

    public IsoSpan span() {
        return span;
    }

    public boolean isSubDay() {
        return !span.isCalendarBased();
    }

    /** The latest bucket boundary at or before {@code instant} in {@code zone}. */
    public Instant alignDown(Instant instant, ZoneId zone) {
        ZonedDateTime time = instant.atZone(zone);
        ZonedDateTime dayStart = time.toLocalDate().atStartOfDay(zone);
        if (isSubDay()) {
            Duration step = span.duration();
            long steps = Duration.between(dayStart, time).toNanos() / step.toNanos();
            return dayStart.plus(step.multipliedBy(steps)).toInstant();
        }
        Period period = span.period();
        if (period.getMonths() > 0) {
            return time.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        }
        if (period.getDays() == 7) {
            return time.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone)
                    .toInstant();
        }
        return dayStart.toInstant();
    }

    /** The next bucket boundary after the boundary {@code boundary}. */
    public Instant next(Instant boundary, ZoneId zone) {
        ZonedDateTime time = boundary.atZone(zone);
        if (isSubDay()) {
            // Never step over a local midnight: on a day whose length is not a multiple of the step (a 30-minute DST
            // shift) the next day still starts a fresh series of buckets.
            ZonedDateTime nextDay = time.toLocalDate().plusDays(1).atStartOfDay(zone);
            ZonedDateTime stepped = time.plus(span.duration());
            return (stepped.isBefore(nextDay) ? stepped : nextDay).toInstant();
        }
        return time.toLocalDate().plus(span.period()).atStartOfDay(zone).toInstant();
    }

    /**
     * Whether a window of {@code windowMax} always holds whole buckets: sub-day buckets need a window that is a whole
     * number of them (days count as 24 h, DST days stay whole because they are whole hours), day buckets a window
     * in whole days, weeks in whole weeks, months in whole months.
     */
    public boolean divides(IsoSpan windowMax) {
        if (isSubDay()) {
            if (windowMax.isCalendarBased()) {
                return windowMax.period().toTotalMonths() == 0;
            }
            return windowMax.duration().toNanos() % span.duration().toNanos() == 0;
        }
        if (!windowMax.isCalendarBased()) {
            return false;
        }
        Period window = windowMax.period();
        Period bucket = span.period();
        if (bucket.getMonths() > 0) {
            return window.getDays() == 0 && window.toTotalMonths() > 0;
        }
        return window.toTotalMonths() == 0 && window.getDays() % bucket.getDays() == 0;
    }

    @Override
    public String toString() {
        return span.toString();
    }
}
