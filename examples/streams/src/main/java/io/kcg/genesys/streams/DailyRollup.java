package io.kcg.genesys.streams;

/**
 * One row of the daily report: a queue's numbers for one media type on one day (in the configured time zone), the
 * sum of the buckets that make it up, and the queue's current name. A bucket's contribution is added when it arrives,
 * and taken out again before its restated version is added or when it is deleted.
 *
 * @param buckets         the buckets that make the row up; a row with none is deleted
 * @param restatedBuckets those among them with revision above 0 (Genesys restated them after they were first read)
 * @param queueName       the queue's name from the directory topic, null when the directory has none (yet)
 */
public record DailyRollup(String day, String queueId, String mediaType, long offered, long answered, long abandoned,
                          long handleSumMs, long handleCount, long slNumerator, long slDenominator, long buckets,
                          long restatedBuckets, String queueName) {

    static DailyRollup empty() {
        return new DailyRollup(null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    DailyRollup plus(String day, QueueBucket b) {
        return new DailyRollup(day, b.queueId(), b.mediaType(), offered + b.offered(), answered + b.answered(),
                abandoned + b.abandoned(), handleSumMs + b.handleSumMs(), handleCount + b.handleCount(),
                slNumerator + b.slNumerator(), slDenominator + b.slDenominator(), buckets + 1,
                restatedBuckets + (b.revision() > 0 ? 1 : 0), queueName);
    }

    /** Without the bucket's contribution; null when no bucket is left (the row is deleted). */
    DailyRollup minus(QueueBucket b) {
        if (buckets <= 1) {
            return null;
        }
        return new DailyRollup(day, queueId, mediaType, offered - b.offered(), answered - b.answered(),
                abandoned - b.abandoned(), handleSumMs - b.handleSumMs(), handleCount - b.handleCount(),
                slNumerator - b.slNumerator(), slDenominator - b.slDenominator(), buckets - 1,
                restatedBuckets - (b.revision() > 0 ? 1 : 0), queueName);
    }

    DailyRollup named(String name) {
        return new DailyRollup(day, queueId, mediaType, offered, answered, abandoned, handleSumMs, handleCount,
                slNumerator, slDenominator, buckets, restatedBuckets, name);
    }

    /** Abandoned share of offered, or null when nothing was offered. */
    public Double abandonRate() {
        return offered == 0 ? null : (double) abandoned / offered;
    }

    /** Average handle time in ms, or null when nothing was handled. */
    public Double ahtMs() {
        return handleCount == 0 ? null : (double) handleSumMs / handleCount;
    }

    /** Answered within the target over the conversations that count, or null when none counts. */
    public Double serviceLevel() {
        return slDenominator == 0 ? null : (double) slNumerator / slDenominator;
    }
}
