package io.kcg.genesys.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Where a query starts when it has no offset yet: an ISO instant ({@code 2026-03-01T00:00:00Z}), a local date in the
 * query's time zone ({@code 2026-03-01}, meaning its midnight), or a span back from now ({@code P30D}, {@code PT12H}).
 */
public final class StartSpec {
    private final String text;
    private final Instant instant;     // fixed start
    private final LocalDate localDate; // midnight in the query's zone
    private final IsoSpan backFromNow; // now minus this

    private StartSpec(String text, Instant instant, LocalDate localDate, IsoSpan backFromNow) {
        this.text = text;
        this.instant = instant;
        this.localDate = localDate;
        this.backFromNow = backFromNow;
    }

    public static StartSpec parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            IsoSpan span = IsoSpan.parse(trimmed);
            if (!span.isPositive()) {
                throw new IllegalArgumentException("'" + text + "' must be a positive span back from now, such as P30D");
            }
            return new StartSpec(trimmed, null, null, span);
        }
        try {
            return new StartSpec(trimmed, Instant.parse(trimmed), null, null);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return new StartSpec(trimmed, null, LocalDate.parse(trimmed), null);
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO instant (2026-03-01T00:00:00Z), "
                        + "a date (2026-03-01) nor a span back from now (P30D)");
            }
        }
    }

    /** The start instant, resolved against {@code now} in {@code zone}. */
    public Instant resolve(Instant now, ZoneId zone) {
        if (instant != null) {
            return instant;
        }
        if (localDate != null) {
            return localDate.atStartOfDay(zone).toInstant();
        }
        return backFromNow.subtractFrom(now.atZone(zone)).toInstant();
    }

    public boolean isRelative() {
        return backFromNow != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
