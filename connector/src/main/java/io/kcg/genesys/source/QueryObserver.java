package io.kcg.genesys.source;

import io.kcg.genesys.client.CallListener;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.metrics.QueryMetrics;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.window.WindowPlanner;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the task tells the outside about one query: its metrics and its backfill progress line. Kept apart from the
 * task's fetching so that observing never changes what is fetched or emitted.
 */
final class QueryObserver {
    private final QueryDefinition query;
    private final WindowPlanner planner;
    private final Duration settleDelay;
    private final QueryMetrics metrics;
    private final BackfillProgress progress;

    QueryObserver(QueryDefinition query, WindowPlanner planner, Duration settleDelay, QueryMetrics metrics, Clock wall) {
        this.query = query;
        this.planner = planner;
        this.settleDelay = settleDelay;
        this.metrics = metrics;
        this.progress = new BackfillProgress(query.name(), planner, wall);
    }

    /** Counts the requests, 429s and retries of this query's calls. */
    CallListener calls() {
        return metrics;
    }

    /** The end of the newest bucket that has settled at {@code now}: where a caught-up watermark stands. */
    Instant newestSettledEnd(Instant now) {
        return planner.align(now.minus(settleDelay));
    }

    /**
     * A window's records were handed to Connect; {@code watermark} is the query's watermark after it. A restatement
     * window that reaches the watermark ends a pass (a pass runs from the lookback's start up to the watermark).
     */
    void windowDone(Fetch fetch, List<SourceRecord> records, Instant watermark, Instant now) {
        long emitted = 0;
        long reemitted = 0;
        long tombstones = 0;
        for (SourceRecord record : records) {
            if (!query.topic().equals(record.topic())) {
                continue; // a heartbeat
            }
            emitted++;
            if (record.value() == null) {
                tombstones++;
            } else if (record.value() instanceof Struct value) {
                Integer revision = value.getInt32(RecordMapper.REVISION_FIELD);
                if (revision != null && revision > 0) {
                    reemitted++;
                }
            }
        }
        metrics.windowEmitted(emitted, reemitted, tombstones);
        if (fetch.restatement()) {
            if (!fetch.window().end().isBefore(watermark)) {
                metrics.restatementPassDone();
            }
        } else {
            progress.windowDone(watermark, newestSettledEnd(now));
        }
    }

    /** Where the query stands now; {@code restatementTrackedFrom} is null when restatement is off. */
    void position(Instant watermark, Instant now, Instant restatementTrackedFrom) {
        metrics.position(watermark, newestSettledEnd(now), restatementTrackedFrom);
    }

    /** Genesys asked for a wait longer than one poll may take; the task waits it out between polls. */
    void retryAfterBetweenPolls(Duration wait) {
        metrics.retryAfterWaited(wait);
    }
}
