package io.kcg.genesys.window;

import java.time.Instant;

/**
 * Everything {@link FetchPlanner} decides from for one query, and nothing else: immutable, so that asking what to
 * fetch next never changes it (the fetch-ahead thread asks the same question the next poll will).
 *
 * @param watermark    the end of the last forward window emitted: the next forward window starts here
 * @param memoryFrom   buckets from here on are remembered completely; passes never reach before it, so a bucket
 *                     emitted before the memory started is not mistaken for a new one
 * @param pass         the restatement pass under way, or null
 * @param nextRecentAt when the next recent pass is due; null: at once
 * @param lastFullPass when the last complete nightly pass started; null: never
 * @param passesTurn   when both a forward and a pass window are due they alternate; true: the pass window next
 * @param forwardSplit forward windows made smaller after Genesys could not answer one, or null
 * @param passSplit    pass windows made smaller after Genesys could not answer one, or null
 */
public record PlanState(Instant watermark, Instant memoryFrom, Pass pass, Instant nextRecentAt, Instant lastFullPass,
                        boolean passesTurn, Split forwardSplit, Split passSplit) {

    /**
     * A pass under way: the next window starts at {@code cursor}; the pass ends at {@code end}, the watermark when it
     * started (buckets emitted since are fresh); {@code startedAt} is the clock time it started.
     */
    public record Pass(Fetch.Kind kind, Instant cursor, Instant end, Instant startedAt) {
    }

    /** Windows that start before {@code until} hold at most {@code maxBuckets} buckets. */
    public record Split(Instant until, int maxBuckets) {
    }

    PlanState withWatermark(Instant newWatermark) {
        return new PlanState(newWatermark, memoryFrom, pass, nextRecentAt, lastFullPass, passesTurn, forwardSplit,
                passSplit);
    }

    PlanState withPass(Pass newPass) {
        return new PlanState(watermark, memoryFrom, newPass, nextRecentAt, lastFullPass, passesTurn, forwardSplit,
                passSplit);
    }

    PlanState withNextRecentAt(Instant at) {
        return new PlanState(watermark, memoryFrom, pass, at, lastFullPass, passesTurn, forwardSplit, passSplit);
    }

    PlanState withLastFullPass(Instant at) {
        return new PlanState(watermark, memoryFrom, pass, nextRecentAt, at, passesTurn, forwardSplit, passSplit);
    }

    PlanState withPassesTurn(boolean turn) {
        return new PlanState(watermark, memoryFrom, pass, nextRecentAt, lastFullPass, turn, forwardSplit, passSplit);
    }

    PlanState withForwardSplit(Split split) {
        return new PlanState(watermark, memoryFrom, pass, nextRecentAt, lastFullPass, passesTurn, split, passSplit);
    }

    PlanState withPassSplit(Split split) {
        return new PlanState(watermark, memoryFrom, pass, nextRecentAt, lastFullPass, passesTurn, forwardSplit, split);
    }
}
