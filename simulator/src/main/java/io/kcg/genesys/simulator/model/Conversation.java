package io.kcg.genesys.simulator.model;

/**
 * One simulated conversation. Emission times are fixed when it is generated; a restatement may later change its
 * after-call work but not when the metrics were emitted.
 */
public final class Conversation {

    private final int queueIndex;
    private final MediaType media;
    private final long key;
    private final boolean outbound;
    private final boolean abandoned;
    private final int agentIndex;
    private final int wrapUpIndex;
    private final boolean transferred;
    private final long waitMs;
    private final long talkMs;
    private final long holdMs;
    private final long acwMs;
    private final long[] emittedAt;
    private final long[] visibleAt;

    Conversation(int queueIndex, MediaType media, long key, boolean outbound, boolean abandoned, int agentIndex,
                 int wrapUpIndex, boolean transferred, long waitMs, long talkMs, long holdMs, long acwMs,
                 long[] emittedAt, long[] visibleAt) {
        this.queueIndex = queueIndex;
        this.media = media;
        this.key = key;
        this.outbound = outbound;
        this.abandoned = abandoned;
        this.agentIndex = agentIndex;
        this.wrapUpIndex = wrapUpIndex;
        this.transferred = transferred;
        this.waitMs = waitMs;
        this.talkMs = talkMs;
        this.holdMs = holdMs;
        this.acwMs = acwMs;
        this.emittedAt = emittedAt;
        this.visibleAt = visibleAt;
    }

    Conversation withAcw(long newAcwMs) {
        return new Conversation(queueIndex, media, key, outbound, abandoned, agentIndex, wrapUpIndex, transferred,
            waitMs, talkMs, holdMs, newAcwMs, emittedAt, visibleAt);
    }

    public int queueIndex() {
        return queueIndex;
    }

    public MediaType media() {
        return media;
    }

    /** A hash that identifies the conversation within its seed; keys the restatement draws and conversationId. */
    public long key() {
        return key;
    }

    public String conversationId() {
        return SplitMix.uuid(key);
    }

    public boolean outbound() {
        return outbound;
    }

    public boolean abandoned() {
        return abandoned;
    }

    /** The answering agent's index in the directory, or -1 when abandoned. */
    public int agentIndex() {
        return agentIndex;
    }

    /** The wrap-up code's index in the directory, or -1 when abandoned. */
    public int wrapUpIndex() {
        return wrapUpIndex;
    }

    public boolean transferred() {
        return transferred;
    }

    public long waitMs() {
        return waitMs;
    }

    public long talkMs() {
        return talkMs;
    }

    public long holdMs() {
        return holdMs;
    }

    public long acwMs() {
        return acwMs;
    }

    /** tHandle: talk, hold and after-call work. */
    public long handleMs() {
        return talkMs + holdMs + acwMs;
    }

    public boolean answeredWithinTarget() {
        return !abandoned && waitMs <= media.serviceLevelTarget().toMillis();
    }

    /** When the moment's metrics were emitted (epoch ms); only ARRIVAL and ANSWER_OR_ABANDON when abandoned. */
    public long emittedAt(Moment moment) {
        return emittedAt[moment.ordinal()];
    }

    /** When the moment's metrics become visible to queries: emission plus the pipeline's latency. */
    public long visibleAt(Moment moment) {
        return visibleAt[moment.ordinal()];
    }

    /** The last emission: the end of after-call work, or the abandon. Restatement ages are measured from here. */
    public long endMs() {
        return abandoned ? emittedAt(Moment.ANSWER_OR_ABANDON) : emittedAt(Moment.WRAP_UP_END);
    }
}
