package io.kcg.genesys.source;

import io.kcg.genesys.client.CallListener;
import io.kcg.genesys.metrics.QueryMetrics;
import io.kcg.genesys.window.Fetch;
import io.kcg.genesys.window.WindowPlanner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the task tells the outside about one query: its metrics and its backfill progress line, from what the
 * query's runner counts ({@link QueryProgress}) and what its requests meet ({@link CallListener}). Kept apart from
 * the fetching so that observing never changes what is fetched or emitted.
 */
final class QueryObserver {
    private final WindowPlanner windows;
    private final Duration settleDelay;
    private final QueryMetrics metrics;
    private final BackfillProgress progress;

    QueryObserver(String query, WindowPlanner windows, Duration settleDelay, QueryMetrics metrics, Clock wall) {
        this.windows = windows;
        this.settleDelay = settleDelay;
        this.metrics = metrics;
        this.progress = new BackfillProgress(query, windows, wall);
    }

    /** Counts the requests, 429s and retries of this query's calls (on the thread that makes them). */
    CallListener calls() {
        return metrics;
    }

    /** The end of the newest bucket that has settled at {@code now}: where a caught-up watermark stands. */
    Instant newestSettledEnd(Instant now) {
        return windows.align(now.minus(settleDelay));
    }

    /** Where the query stands at {@code now} and what it did: published as metrics. */
    void update(QueryProgress query, Instant now) {
        Instant newest = newestSettledEnd(now);
        long lag = Math.max(0, newest.toEpochMilli() - query.watermark().toEpochMilli());
        long covered = query.coveredFrom() == null ? -1
                : Math.max(0, now.toEpochMilli() - query.coveredFrom().toEpochMilli());
        metrics.progress(new QueryMetrics.Progress(query.watermark().toEpochMilli(), lag, query.windows(),
                query.records(), query.reEmitted(), query.tombstones(), query.passes(), covered,
                query.givenUpBuckets(), query.memoryChars()));
    }

    /** A fetch's records were handed to Connect; {@code watermark} is the query's watermark after it. */
    void emitted(Fetch fetch, Instant watermark, Instant now) {
        if (!fetch.restatement()) {
            progress.windowDone(watermark, newestSettledEnd(now));
        }
    }

    /** Genesys asked for a wait longer than one poll may take; the task waits it out between polls. */
    void retryAfterBetweenPolls(Duration wait) {
        metrics.retryAfterWaited(wait);
    }
}
