package io.kcg.genesys.window;

import io.kcg.genesys.config.Granularity;
import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a query's time line into windows: from the watermark, as many whole buckets as fit in {@code window.max},
 * never past {@code now - settle delay}. Buckets are cut in the query's time zone, so a window always starts and ends
 * on a bucket boundary and re-polling it asks Genesys for exactly the same buckets.
 */
public final class WindowPlanner {
    private final Granularity buckets;
    private final IsoSpan windowMax;
    private final Duration settleDelay;
    private final ZoneId zone;

    public WindowPlanner(QueryDefinition query, IsoSpan windowMax, Duration settleDelay) {
        // Without a granularity Genesys answers one bucket per request, so the window is the bucket.
        this.buckets = query.granularity() != null ? query.granularity() : Granularity.of(windowMax.toString());
        this.windowMax = windowMax;
        this.settleDelay = settleDelay;
        this.zone = query.timeZone();
    }

    /** The latest bucket boundary at or before {@code instant}: where a start or an altered offset really begins. */
    public Instant align(Instant instant) {
        return buckets.alignDown(instant, zone);
    }

    /** The first bucket boundary at or after {@code instant}. */
    public Instant alignUp(Instant instant) {
        Instant down = align(instant);
        return down.equals(instant) ? down : buckets.next(down, zone);
    }

    /** The next window after {@code watermark} that has settled by {@code now}, if any. */
    public Optional<Window> next(Instant watermark, Instant now) {
        return nextWithin(watermark, now.minus(settleDelay));
    }

    /** The window of whole buckets from {@code start}, at most {@code window.max} long, ending at or before {@code limit}. */
    public Optional<Window> nextWithin(Instant start, Instant limit) {
        return nextWithin(start, limit, Integer.MAX_VALUE);
    }

    /** As {@link #nextWithin(Instant, Instant)}, and at most {@code maxBuckets} buckets: a window split smaller. */
    public Optional<Window> nextWithin(Instant start, Instant limit, int maxBuckets) {
        Instant aligned = align(start);
        Instant maxEnd = windowMax.addTo(aligned.atZone(zone)).toInstant();
        Instant end = aligned;
        for (int count = 0; count < maxBuckets; count++) {
            Instant candidate = buckets.next(end, zone);
            if (candidate.isAfter(limit) || candidate.isAfter(maxEnd)) {
                break;
            }
            end = candidate;
        }
        return end.equals(aligned) ? Optional.empty() : Optional.of(new Window(aligned, end));
    }

    /** How long after a bucket ends it is first fetched. */
    public Duration settleDelay() {
        return settleDelay;
    }

    /** The zone buckets are cut in: the query's time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** When the first bucket after {@code watermark} will have settled: no window is due before then. */
    public Instant nextDueAt(Instant watermark) {
        return buckets.next(align(watermark), zone).plus(settleDelay);
    }

    /** The bucket boundaries inside {@code window}, each bucket's start, in order. */
    public List<Instant> bucketStarts(Window window) {
        List<Instant> starts = new ArrayList<>();
        for (Instant t = window.start(); t.isBefore(window.end()); t = buckets.next(t, zone)) {
            starts.add(t);
        }
        return starts;
    }
}
