package io.kcg.genesys.restate;

import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When and what to fetch again: every {@code restatement.interval}, one pass over the buckets between
 * {@code now - lookback} and the watermark, in windows of whole buckets. A pass never reaches before what the state
 * remembers, so a bucket that was never emitted is not mistaken for a new one.
 */
public final class RestatementPass {
    private final WindowPlanner planner;
    private final Duration lookback;
    private final Duration interval;
    private Instant nextPassAt; // null: the first pass starts at once
    private Instant cursor;     // null: no pass under way

    public RestatementPass(WindowPlanner planner, Duration lookback, Duration interval) {
        this.planner = planner;
        this.lookback = lookback;
        this.interval = interval;
    }

    /** The earliest bucket start the lookback covers at {@code now}. */
    public Instant lookbackStart(Instant now) {
        return planner.alignUp(now.minus(lookback));
    }

    /** The next window of the current pass, starting a pass when one is due; empty when none is due. */
    public Optional<Window> next(Instant now, Instant watermark, long trackedFrom) {
        if (cursor == null) {
            if (nextPassAt != null && now.isBefore(nextPassAt)) {
                return Optional.empty();
            }
            Instant from = lookbackStart(now);
            Instant tracked = planner.alignUp(Instant.ofEpochMilli(trackedFrom));
            cursor = tracked.isAfter(from) ? tracked : from;
            nextPassAt = now.plus(interval);
        }
        Optional<Window> window = cursor.isBefore(watermark) ? planner.nextWithin(cursor, watermark) : Optional.empty();
        if (window.isEmpty()) {
            cursor = null; // pass complete
        }
        return window;
    }

    /** The window was fetched and its changes handed to Connect. */
    public void done(Window window) {
        cursor = window.end();
    }

    /** When the next pass starts, for a task deciding how long to wait. */
    public Instant nextPassAt() {
        return cursor != null || nextPassAt == null ? Instant.MIN : nextPassAt;
    }
}
