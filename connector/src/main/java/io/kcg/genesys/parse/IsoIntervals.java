package io.kcg.genesys.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

/**
 * Parses the {@code start/end} ISO-8601 intervals of {@code data[].interval} with java.time. Genesys sends
 * {@code 2025-03-01T00:00:00.000Z/2025-03-01T00:30:00.000Z}; offsets are accepted as {@code +02:00}, {@code +0200}
 * or {@code +02}. A date-time without an offset is rejected: it would be ambiguous.
 */
final class IsoIntervals {
    private static final DateTimeFormatter DATE_TIME_WITH_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT); // 2025-02-30 is an error, not the 28th

    private IsoIntervals() {
    }

    /** The interval's [start, end] instants, or null when {@code text} is not a {@code start/end} interval. */
    static Instant[] parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash != text.lastIndexOf('/') || slash == text.length() - 1) {
            return null;
        }
        try {
            Instant start = DATE_TIME_WITH_OFFSET.parse(text.substring(0, slash), OffsetDateTime::from).toInstant();
            Instant end = DATE_TIME_WITH_OFFSET.parse(text.substring(slash + 1), OffsetDateTime::from).toInstant();
            return new Instant[] {start, end};
        } catch (DateTimeException e) { // DateTimeParseException, or no offset to make an OffsetDateTime from
            return null;
        }
    }
}
