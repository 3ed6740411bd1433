package io.kcg.genesys.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses the {@code start/end} ISO-8601 intervals of {@code data[].interval}. Genesys sends
 * {@code 2025-03-01T00:00:00.000Z/2025-03-01T00:30:00.000Z}; offsets ({@code +02:00}) are accepted too. The common
 * shapes are parsed by hand (no formatter allocation); anything else falls back to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}. A date-time without an offset is rejected: it would be ambiguous.
 */
final class IsoIntervals {
    private IsoIntervals() {
    }

    /** The interval's [start, end] instants, or null when {@code text} is not a {@code start/end} interval. */
    static Instant[] parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash != text.lastIndexOf('/') || slash == text.length() - 1) {
            return null;
        }
        Instant start = parseInstant(text, 0, slash);
        if (start == null) {
            return null;
        }
        Instant end = parseInstant(text, slash + 1, text.length());
        if (end == null) {
            return null;
        }
        return new Instant[] {start, end};
    }

    /** One ISO-8601 date-time with an offset, or null when it is not one. */
    static Instant parseInstant(String s, int from, int to) {
        Instant fast = parseFast(s, from, to);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s.substring(from, to), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]](Z|±HH:mm|±HHmm|±HH)}, or null for any other shape or an invalid value. */
    private static Instant parseFast(String s, int from, int to) {
        int len = to - from;
        if (len < 17) { // yyyy-MM-ddTHH:mmZ
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        if ((year | month | day | hour | minute) < 0
                || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-'
                || (s.charAt(from + 10) != 'T' && s.charAt(from + 10) != 't') || s.charAt(from + 13) != ':') {
            return null;
        }
        int i = from + 16;
        int second = 0;
        int nanos = 0;
        if (i < to && s.charAt(i) == ':') {
            if (i + 3 > to) {
                return null;
            }
            second = digits(s, i + 1, 2);
            if (second < 0) {
                return null;
            }
            i += 3;
            if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int n = 0;
                int scale = 0;
                while (i < to && scale < 10) {
                    char c = s.charAt(i);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    n = n * 10 + (c - '0');
                    scale++;
                    i++;
                }
                if (scale == 0 || scale > 9) {
                    return null;
                }
                for (int k = scale; k < 9; k++) {
                    n *= 10;
                }
                nanos = n;
            }
        }
        if (i >= to) {
            return null; // no offset: ambiguous
        }
        int offsetSeconds;
        char z = s.charAt(i);
        if (z == 'Z' || z == 'z') {
            if (i + 1 != to) {
                return null;
            }
            offsetSeconds = 0;
        } else if (z == '+' || z == '-') {
            int rest = to - i - 1;
            int oh;
            int om = 0;
            if (rest == 2) {
                oh = digits(s, i + 1, 2);
            } else if (rest == 4) {
                oh = digits(s, i + 1, 2);
                om = digits(s, i + 3, 2);
            } else if (rest == 5 && s.charAt(i + 3) == ':') {
                oh = digits(s, i + 1, 2);
                om = digits(s, i + 4, 2);
            } else {
                return null;
            }
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay(); // validates the day of the month
        } catch (DateTimeException e) {
            return null;
        }
        long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The value of {@code n} ASCII digits at {@code at}, or -1. */
    private static int digits(String s, int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(at + k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
