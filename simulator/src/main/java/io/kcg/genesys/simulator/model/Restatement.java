package io.kcg.genesys.simulator.model;

import java.time.Duration;

/**
 * The nightly restatement job (Genesys' "pipeline"): every day at {@link ModelConstants#RESTATEMENT_JOB_TIME_UTC}
 * it revisits the conversations that ended between {@link ModelConstants#RESTATEMENT_MIN_AGE} and the horizon
 * (by default {@link ModelConstants#DEFAULT_RESTATEMENT_HORIZON}) before, changes the after-call work of some and
 * deletes a few. Which
 * ones is a hash of (seed, conversation, job time), so the data seen at any clock time is a pure function of it.
 */
public final class Restatement {

    private static final long RESTATE_DOMAIN = 31;
    private static final long NEW_ACW_DOMAIN = 32;
    private static final long DAY_MS = 86_400_000L;
    private static final long JOB_OFFSET_MS = ModelConstants.RESTATEMENT_JOB_TIME_UTC.toSecondOfDay() * 1000L;
    private static final long MIN_AGE_MS = ModelConstants.RESTATEMENT_MIN_AGE.toMillis();
    private static final long ACW_MAX_MS = ModelConstants.ACW_MAX.toMillis();

    private final long seed;
    private final long maxAgeMs;

    /** @param horizon how old a conversation may be for a job to restate it; longer than the 48 h minimum */
    public Restatement(long seed, Duration horizon) {
        if (horizon.compareTo(ModelConstants.RESTATEMENT_MIN_AGE) <= 0) {
            throw new IllegalArgumentException("the restatement horizon " + horizon + " must be longer than "
                + ModelConstants.RESTATEMENT_MIN_AGE);
        }
        this.seed = seed;
        this.maxAgeMs = horizon.toMillis();
    }

    /** The conversation as the jobs that ran by nowMs left it, or null when one of them deleted it. */
    public Conversation apply(Conversation conversation, long nowMs) {
        long end = conversation.endMs();
        Conversation current = conversation;
        for (long job = firstJobAtOrAfter(end + MIN_AGE_MS); job - end < maxAgeMs && job <= nowMs; job += DAY_MS) {
            double u = SplitMix.unit(SplitMix.hash(seed, RESTATE_DOMAIN, conversation.key(), job));
            if (u < ModelConstants.RESTATEMENT_DELETE_SHARE) {
                return null;
            }
            if (u < ModelConstants.RESTATEMENT_DELETE_SHARE + ModelConstants.RESTATEMENT_ACW_SHARE
                && !current.abandoned()) {
                current = current.withAcw(restatedAcw(current.acwMs(), conversation.key(), job));
            }
        }
        return current;
    }

    /** Epoch ms of the first job run at or after the given time. */
    static long firstJobAtOrAfter(long ms) {
        long job = Math.floorDiv(ms - JOB_OFFSET_MS, DAY_MS) * DAY_MS + JOB_OFFSET_MS;
        return job < ms ? job + DAY_MS : job;
    }

    /** Between half and one and a half times the old value, always different from it. */
    private long restatedAcw(long acw, long key, long job) {
        double factor = 0.5 + SplitMix.unit(SplitMix.hash(seed, NEW_ACW_DOMAIN, key, job));
        long restated = Math.max(1000, Math.min(ACW_MAX_MS, Math.round(acw * factor)));
        if (restated == acw) {
            restated = acw > 1000 ? acw - 1000 : acw + 1000;
        }
        return restated;
    }
}
