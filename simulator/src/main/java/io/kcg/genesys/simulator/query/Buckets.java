package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * The buckets of a query: cut by stepping the granularity from the interval start in the query's time zone; the
 * last one ends at the interval end even when the granularity does not divide the interval.
 */
final class Buckets {

    /** A guard against queries that would allocate millions of buckets (a simulator limit, not a Genesys one). */
    static final int MAX_BUCKETS = 100_000;

    private final long[] bounds;

    private Buckets(long[] bounds) {
        this.bounds = bounds;
    }

    static Buckets of(long startMs, long endMs, Granularity granularity, ZoneId zone) {
        if (granularity == null) {
            return new Buckets(new long[] {startMs, endMs});
        }
        ZonedDateTime origin = Instant.ofEpochMilli(startMs).atZone(zone);
        long[] bounds = new long[16];
        bounds[0] = startMs;
        int n = 0;
        while (bounds[n] < endMs) {
            if (n == MAX_BUCKETS) {
                throw GenesysApiException.badRequest("The query would produce more than " + MAX_BUCKETS
                    + " intervals; use a shorter interval or a coarser granularity");
            }
            if (n + 1 == bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[n + 1] = Math.min(endMs, granularity.boundary(origin, n + 1).toInstant().toEpochMilli());
            n++;
        }
        return new Buckets(Arrays.copyOf(bounds, n + 1));
    }

    int count() {
        return bounds.length - 1;
    }

    long start(int index) {
        return bounds[index];
    }

    long end(int index) {
        return bounds[index + 1];
    }

    /** The bucket holding ms, or -1 outside the interval. */
    int indexOf(long ms) {
        if (ms < bounds[0] || ms >= bounds[bounds.length - 1]) {
            return -1;
        }
        int found = Arrays.binarySearch(bounds, ms);
        return found >= 0 ? found : -found - 2;
    }
}
