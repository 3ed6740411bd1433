package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ISO-8601 intervals as the API takes them (any offset) and prints them (UTC, milliseconds). */
final class Intervals {

    private static final DateTimeFormatter UTC_MILLIS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String DATE_MESSAGE =
        "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ";

    private Intervals() {
    }

    /** [start, end) in epoch ms from "start/end"; both ends carry Z or an offset. */
    static long[] parse(String interval) {
        String[] parts = interval.split("/", -1);
        if (parts.length != 2) {
            throw GenesysApiException.invalidDate(DATE_MESSAGE);
        }
        long start;
        long end;
        try {
            start = OffsetDateTime.parse(parts[0].trim()).toInstant().toEpochMilli();
            end = OffsetDateTime.parse(parts[1].trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw GenesysApiException.invalidDate(DATE_MESSAGE);
        }
        if (end <= start) {
            throw GenesysApiException.invalidDate("The interval end must be after its start: " + interval);
        }
        return new long[] {start, end};
    }

    static String format(long startMs, long endMs) {
        return UTC_MILLIS.format(Instant.ofEpochMilli(startMs)) + "/" + UTC_MILLIS.format(Instant.ofEpochMilli(endMs));
    }
}
