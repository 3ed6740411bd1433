package io.kcg.genesys.simulator.model;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The numbers that bound what the simulated API answers, public so that tests of other modules can derive their
 * settle delays and lookbacks from them instead of guessing.
 */
public final class ModelConstants {

    /** Conversations are generated per (queue, media type, slot): the unit any window is computed from. */
    public static final Duration SLOT = Duration.ofMinutes(5);

    /** Caps of the conversation phases. Their sum (100 min) stays within {@link #METRIC_LAG_MAX}. */
    public static final Duration WAIT_MAX = Duration.ofMinutes(40);
    public static final Duration TALK_MAX = Duration.ofMinutes(40);
    public static final Duration HOLD_MAX = Duration.ofMinutes(10);
    public static final Duration ACW_MAX = Duration.ofMinutes(10);

    /**
     * Every metric of a conversation is emitted within this time of its arrival (t3 - t0). A query for
     * "everything about the conversations that arrived before T" is complete once the clock passes
     * T + METRIC_LAG_MAX + INGESTION_DELAY_MAX.
     */
    public static final Duration METRIC_LAG_MAX = Duration.ofHours(2);

    /**
     * A metric becomes visible to queries this long at most after its emission (the analytics pipeline's latency;
     * about a minute on average). Metrics post to the bucket of their emission, so this is how long a closed bucket
     * keeps growing: a bucket ending at E no longer changes once the clock reaches E + INGESTION_DELAY_MAX, until a
     * restatement job touches it.
     */
    public static final Duration INGESTION_DELAY_MAX = Duration.ofMinutes(10);
    static final Duration INGESTION_DELAY_MEAN = Duration.ofMinutes(1);

    /** The nightly restatement job runs every day at this time, UTC. */
    public static final LocalTime RESTATEMENT_JOB_TIME_UTC = LocalTime.of(2, 0);
    /** A job restates conversations that ended at least this long before it ran ... */
    public static final Duration RESTATEMENT_MIN_AGE = Duration.ofHours(48);
    /**
     * ... and less than this long before it ran, unless the simulator is built with another horizon. Genesys
     * documents no upper bound; fourteen days is what the connector's defaults cover.
     */
    public static final Duration DEFAULT_RESTATEMENT_HORIZON = Duration.ofDays(14);
    /** The share of the conversations in a job's age range whose after-call work (so tAcw and tHandle) it changes. */
    public static final double RESTATEMENT_ACW_SHARE = 0.03;
    /** The share of the conversations in a job's age range it deletes (every metric of theirs disappears). */
    public static final double RESTATEMENT_DELETE_SHARE = 0.005;

    /** oServiceLevel's target and oServiceTarget's current value: the share to answer within the media's target. */
    public static final double SERVICE_LEVEL_TARGET = 0.8;

    private ModelConstants() {
    }
}
