package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;

/**
 * An ISO-8601 granularity such as PT30M, P1D, P1M or P1DT12H. The date part steps the local calendar of the query's
 * time zone (so P1D is 23 or 25 hours across a DST change), the time part steps exact time.
 */
record Granularity(String iso, Period datePart, Duration timePart) {

    private static final String ALLOWABLE = "ISO-8601 durations of at least one minute, e.g. PT15M, PT30M, PT1H, "
        + "P1D, P7D, P1M";

    static Granularity parse(String iso) {
        Period datePart;
        Duration timePart;
        try {
            int t = iso.indexOf('T');
            String date = t < 0 ? iso : iso.substring(0, t);
            datePart = date.equals("P") ? Period.ZERO : Period.parse(date);
            timePart = t < 0 ? Duration.ZERO : Duration.parse("PT" + iso.substring(t + 1));
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw GenesysApiException.invalidValue(iso, "Granularity", ALLOWABLE);
        }
        boolean negative = datePart.isNegative() || timePart.isNegative();
        boolean tooShort = datePart.isZero() && timePart.compareTo(Duration.ofMinutes(1)) < 0;
        if (negative || tooShort) {
            throw GenesysApiException.invalidValue(iso, "Granularity", ALLOWABLE);
        }
        return new Granularity(iso, datePart, timePart);
    }

    /** The k-th boundary after origin, computed from origin each time so that month ends do not drift. */
    ZonedDateTime boundary(ZonedDateTime origin, int k) {
        return origin.plus(datePart.multipliedBy(k)).plus(timePart.multipliedBy(k));
    }
}
