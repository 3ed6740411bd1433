package io.kcg.genesys.config;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An ISO-8601 span as users write it: a calendar {@link Period} ({@code P1D}, {@code P7D}, {@code P1M}) that is added
 * in local time, or an exact {@link Duration} ({@code PT30M}, {@code PT1H}, {@code P1DT12H}) that is added on the
 * instant time line. The difference matters across DST: {@code P1D} in America/New_York is 23 or 25 hours long.
 */
public final class IsoSpan {
    private final String text;
    private final Period period;     // non-null for date-based spans
    private final Duration duration; // non-null for time-based spans

    private IsoSpan(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    /** Parses {@code text}; throws IllegalArgumentException with what is allowed. */
    public static IsoSpan parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        try {
            if (trimmed.toUpperCase().contains("T")) {
                return new IsoSpan(trimmed, null, Duration.parse(trimmed));
            }
            return new IsoSpan(trimmed, Period.parse(trimmed), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT30M, PT1H, P1D or P7D");
        }
    }

    public boolean isCalendarBased() {
        return period != null;
    }

    /** True when the span is longer than zero (a Period with mixed signs counts as not positive). */
    public boolean isPositive() {
        if (duration != null) {
            return !duration.isNegative() && !duration.isZero();
        }
        return !period.isNegative() && !period.isZero();
    }

    public ZonedDateTime addTo(ZonedDateTime time) {
        return period != null ? time.plus(period) : time.plus(duration);
    }

    public ZonedDateTime subtractFrom(ZonedDateTime time) {
        return period != null ? time.minus(period) : time.minus(duration);
    }

    /** The nominal length in seconds, counting a day as 24 h and a month as 30 days (for sanity checks only). */
    public long nominalSeconds() {
        if (duration != null) {
            return duration.getSeconds();
        }
        return period.toTotalMonths() * 30L * 86_400L + period.getDays() * 86_400L;
    }

    public Period period() {
        return period;
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsoSpan && Objects.equals(((IsoSpan) o).period, period)
                && Objects.equals(((IsoSpan) o).duration, duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, duration);
    }

    @Override
    public String toString() {
        return text;
    }
}
