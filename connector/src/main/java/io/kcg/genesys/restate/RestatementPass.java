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
            if (!due(now)) {
                return Optional.empty();
            }
            cursor = passStart(now, trackedFrom);
            nextPassAt = now.plus(interval);
        }
        Optional<Window> window = windowFrom(cursor, watermark);
        if (window.isEmpty()) {
            cursor = null; // pass complete
        }
        return window;
    }

    /** What {@link #next} would answer now, without starting or ending a pass: for a task planning ahead. */
    public Optional<Window> peek(Instant now, Instant watermark, long trackedFrom) {
        if (cursor != null) {
            return windowFrom(cursor, watermark);
        }
        return due(now) ? windowFrom(passStart(now, trackedFrom), watermark) : Optional.empty();
    }

    private boolean due(Instant now) {
        return nextPassAt == null || !now.isBefore(nextPassAt);
    }

    private Instant passStart(Instant now, long trackedFrom) {
        Instant from = lookbackStart(now);
        Instant tracked = planner.alignUp(Instant.ofEpochMilli(trackedFrom));
        return tracked.isAfter(from) ? tracked : from;
    }

    private Optional<Window> windowFrom(Instant start, Instant watermark) {
        return start.isBefore(watermark) ? planner.nextWithin(start, watermark) : Optional.empty();
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
