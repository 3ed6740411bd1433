package io.kcg.genesys.window;

import io.kcg.genesys.config.RestatementSettings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What a query fetches next, as a pure function of its {@link PlanState} and the clock: its next settled forward
 * window, a window of a restatement pass, or nothing until {@link #nextDueAt}. {@link #emitted} is the one step that
 * moves the state on, once a fetch's records were handed to Connect; {@link #next} never changes anything, so the
 * task's fetch-ahead thread asks it what the next poll will fetch and gets the same answer.
 *
 * <p>Two passes fetch emitted buckets again: the <b>recent</b> pass ({@code restatement.recent.lookback} back from
 * now, every {@code restatement.recent.interval}) for late postings, and the <b>nightly</b> pass (the whole
 * {@code restatement.horizon}, once a day after {@code restatement.nightly.time} in the query's time zone) for
 * Genesys's nightly restatement. A pass covers the buckets between its start and the watermark when it started, never
 * before {@link PlanState#memoryFrom()}. One pass runs at a time; a nightly pass that falls due takes over a recent
 * one (it covers the same buckets and more). When a forward window and a pass window are both due they take turns.
 */
public final class FetchPlanner {
    private final WindowPlanner windows;
    private final RestatementSettings settings;

    public FetchPlanner(WindowPlanner windows, RestatementSettings settings) {
        this.windows = windows;
        this.settings = settings;
    }

    public WindowPlanner windows() {
        return windows;
    }

    /**
     * The state of a query starting at {@code watermark}: passes reach back to {@code memoryFrom} at most, the last
     * nightly pass started at {@code lastFullPass} (null: unknown, so one is due), and a recent pass is due at once
     * (it finds what changed while the query was stopped).
     */
    public PlanState initial(Instant watermark, Instant memoryFrom, Instant lastFullPass) {
        Instant aligned = windows.align(watermark);
        Instant from = memoryFrom == null || memoryFrom.isAfter(aligned) ? aligned : windows.alignUp(memoryFrom);
        return new PlanState(aligned, from, null, null, lastFullPass, false, null, null);
    }

    /** The fetch to make at {@code now}, if any. Pure: the same state and clock give the same answer. */
    public Optional<Fetch> next(PlanState state, Instant now) {
        Optional<Window> forward = windows.nextWithin(state.watermark(), now.minus(windows.settleDelay()),
                maxBuckets(state.forwardSplit(), state.watermark()));
        if (forward.isPresent() && !state.passesTurn()) {
            return forward.map(Fetch::forward);
        }
        Optional<Fetch> again = passFetch(state, now);
        return again.isPresent() ? again : forward.map(Fetch::forward);
    }

    /**
     * When something may next be due, for a task with nothing to fetch at {@code now}: the next bucket to settle, the
     * next recent pass, the next nightly pass. Always after {@code now}.
     */
    public Instant nextDueAt(PlanState state, Instant now) {
        Instant due = windows.nextDueAt(state.watermark());
        if (settings.enabled()) {
            if (settings.recentLookback().compareTo(Duration.ZERO) > 0 && state.nextRecentAt() != null) {
                due = earlier(due, state.nextRecentAt(), now);
            }
            if (settings.nightlyTime() != null) {
                due = earlier(due, nextNightly(now), now);
            }
        }
        return due.isAfter(now) ? due : now.plus(windows.settleDelay().isZero() ? Duration.ofMinutes(1)
                : windows.settleDelay());
    }

    /**
     * The state once {@code fetch}, planned at {@code now}, had its records handed to Connect: the watermark moves
     * past a forward window, a pass starts, moves on or completes. A pass that fell due with nothing to fetch (no
     * bucket remembered yet) counts as done, so it does not wait to fetch buckets just emitted.
     */
    public PlanState emitted(PlanState state, Fetch fetch, Instant now) {
        PlanState next = closeEmptyDuePasses(state, now);
        Window window = fetch.window();
        if (!fetch.restatement()) {
            next = next.withWatermark(window.end()).withPassesTurn(true);
            if (next.forwardSplit() != null && !window.end().isBefore(next.forwardSplit().until())) {
                next = next.withForwardSplit(null);
            }
            return next;
        }
        PlanState.Pass pass = next.pass();
        if (pass == null || pass.kind() != fetch.kind()) {
            // The first window of a pass (a nightly pass may take over a recent one).
            pass = new PlanState.Pass(fetch.kind(), window.end(), state.watermark(), now);
            if (fetch.kind() == Fetch.Kind.RECENT_PASS) {
                next = next.withNextRecentAt(now.plus(settings.recentInterval()));
            }
        } else {
            pass = new PlanState.Pass(pass.kind(), window.end(), pass.end(), pass.startedAt());
        }
        next = next.withPassesTurn(false);
        if (next.passSplit() != null && !window.end().isBefore(next.passSplit().until())) {
            next = next.withPassSplit(null);
        }
        if (!windows.nextWithin(pass.cursor(), pass.end()).isPresent()) {
            return completed(next, pass);
        }
        return next.withPass(pass);
    }

    /**
     * The state after Genesys could not answer {@code fetch} as asked (too large, or it kept timing out): windows of
     * its kind from its start are cut to half its buckets until its end is passed. Empty when it was a single bucket,
     * which cannot be split.
     */
    public Optional<PlanState> tooLarge(PlanState state, Fetch fetch) {
        int buckets = windows.bucketStarts(fetch.window()).size();
        if (buckets <= 1) {
            return Optional.empty();
        }
        PlanState.Split current = fetch.restatement() ? state.passSplit() : state.forwardSplit();
        int half = buckets / 2;
        Instant until = fetch.window().end();
        if (current != null && fetch.window().start().isBefore(current.until())) {
            half = Math.min(half, current.maxBuckets());
            until = until.isAfter(current.until()) ? until : current.until();
        }
        PlanState.Split split = new PlanState.Split(until, half);
        return Optional.of(fetch.restatement() ? state.withPassSplit(split) : state.withForwardSplit(split));
    }

    /** The earliest bucket start the horizon covers at {@code now}: memories of earlier buckets are forgotten. */
    public Instant horizonStart(Instant now) {
        return windows.alignUp(now.minus(settings.horizon()));
    }

    /** Whether the nightly pass of the current night has not run yet. */
    public boolean nightlyDue(PlanState state, Instant now) {
        if (!settings.enabled() || settings.nightlyTime() == null) {
            return false;
        }
        return state.lastFullPass() == null || state.lastFullPass().isBefore(latestNightly(now));
    }

    private boolean recentDue(PlanState state, Instant now) {
        return settings.enabled() && settings.recentLookback().compareTo(Duration.ZERO) > 0
                && (state.nextRecentAt() == null || !now.isBefore(state.nextRecentAt()));
    }

    private Optional<Fetch> passFetch(PlanState state, Instant now) {
        PlanState.Pass pass = state.pass();
        if (pass != null && !(pass.kind() == Fetch.Kind.RECENT_PASS && nightlyDue(state, now)
                && firstWindow(state, Fetch.Kind.NIGHTLY_PASS, now).isPresent())) {
            return windows.nextWithin(pass.cursor(), pass.end(), maxBuckets(state.passSplit(), pass.cursor()))
                    .map(window -> new Fetch(window, pass.kind()));
        }
        if (nightlyDue(state, now)) {
            Optional<Fetch> first = firstWindow(state, Fetch.Kind.NIGHTLY_PASS, now);
            if (first.isPresent()) {
                return first;
            }
        }
        if (pass == null && recentDue(state, now)) {
            return firstWindow(state, Fetch.Kind.RECENT_PASS, now);
        }
        return Optional.empty();
    }

    /** The first window of a pass of {@code kind} starting at {@code now}, or empty when it has nothing to cover. */
    private Optional<Fetch> firstWindow(PlanState state, Fetch.Kind kind, Instant now) {
        Duration back = kind == Fetch.Kind.NIGHTLY_PASS ? settings.horizon() : settings.recentLookback();
        Instant from = windows.alignUp(now.minus(back));
        from = from.isBefore(state.memoryFrom()) ? state.memoryFrom() : from;
        if (!from.isBefore(state.watermark())) {
            return Optional.empty();
        }
        return windows.nextWithin(from, state.watermark(), maxBuckets(state.passSplit(), from))
                .map(window -> new Fetch(window, kind));
    }

    private PlanState closeEmptyDuePasses(PlanState state, Instant now) {
        if (state.pass() != null) {
            return state;
        }
        PlanState next = state;
        if (nightlyDue(state, now) && firstWindow(state, Fetch.Kind.NIGHTLY_PASS, now).isEmpty()) {
            next = next.withLastFullPass(now);
        }
        if (recentDue(state, now) && firstWindow(state, Fetch.Kind.RECENT_PASS, now).isEmpty()) {
            next = next.withNextRecentAt(now.plus(settings.recentInterval()));
        }
        return next;
    }

    private PlanState completed(PlanState state, PlanState.Pass pass) {
        PlanState next = state.withPass(null).withPassSplit(null);
        if (pass.kind() == Fetch.Kind.NIGHTLY_PASS) {
            next = next.withLastFullPass(pass.startedAt());
            // The nightly pass covered the recent past too.
            Instant recentAfter = pass.startedAt().plus(settings.recentInterval());
            if (next.nextRecentAt() == null || next.nextRecentAt().isBefore(recentAfter)) {
                next = next.withNextRecentAt(recentAfter);
            }
        }
        return next;
    }

    private static int maxBuckets(PlanState.Split split, Instant start) {
        return split != null && start.isBefore(split.until()) ? split.maxBuckets() : Integer.MAX_VALUE;
    }

    /** The latest instant at or before {@code now} that is the nightly time in the query's zone. */
    private Instant latestNightly(Instant now) {
        LocalTime time = settings.nightlyTime();
        ZonedDateTime local = now.atZone(windows.zone());
        ZonedDateTime today = local.toLocalDate().atTime(time).atZone(windows.zone());
        return (today.toInstant().isAfter(now) ? local.toLocalDate().minusDays(1).atTime(time)
                .atZone(windows.zone()) : today).toInstant();
    }

    private Instant nextNightly(Instant now) {
        Instant latest = latestNightly(now);
        return latest.atZone(windows.zone()).toLocalDate().plusDays(1).atTime(settings.nightlyTime())
                .atZone(windows.zone()).toInstant();
    }

    private static Instant earlier(Instant a, Instant b, Instant now) {
        // A time already past is due now, but it produced nothing (an empty pass): it cannot shorten the wait.
        if (!b.isAfter(now)) {
            return a;
        }
        return b.isBefore(a) ? b : a;
    }
}
