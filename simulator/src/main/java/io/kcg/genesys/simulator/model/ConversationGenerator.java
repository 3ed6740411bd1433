package io.kcg.genesys.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates the conversations of one (queue, media type, slot) from a generator seeded by a hash of exactly those,
 * never from a sequence shared across slots: any window is computed on its own, and always the same way.
 */
public final class ConversationGenerator {

    private static final long SLOT_DOMAIN = 21;
    private static final long QUEUE_SCALE_DOMAIN = 22;
    private static final long CONVERSATION_DOMAIN = 23;
    private static final long SLOT_MS = ModelConstants.SLOT.toMillis();
    /** Voice gets at least one arrival in the first slot of every half hour: every PT30M bucket has voice data. */
    private static final int VOICE_FLOOR_EVERY_SLOTS = 6;
    private static final double OUTBOUND_DIAL_MEAN_SECONDS = 5;

    private final long seed;
    private final Directory directory;
    private final double[] queueScale;
    private final double[] wrapUpCumulative;

    public ConversationGenerator(long seed, Directory directory) {
        this.seed = seed;
        this.directory = directory;
        this.queueScale = new double[directory.queues().size()];
        for (int q = 0; q < queueScale.length; q++) {
            queueScale[q] = 0.75 + 0.5 * SplitMix.unit(SplitMix.hash(seed, QUEUE_SCALE_DOMAIN, q));
        }
        this.wrapUpCumulative = new double[directory.wrapUpCodes().size()];
        double sum = 0;
        for (int w = 0; w < wrapUpCumulative.length; w++) {
            sum += directory.wrapUpCodes().get(w).weight();
            wrapUpCumulative[w] = sum;
        }
    }

    /** Every conversation of every queue and media type arriving in [fromMs, toMs). */
    public void forEachArriving(long fromMs, long toMs, Consumer<Conversation> sink) {
        long firstSlot = Math.floorDiv(fromMs, SLOT_MS);
        long lastSlot = Math.floorDiv(toMs - 1, SLOT_MS);
        for (int q = 0; q < queueScale.length; q++) {
            for (MediaType media : MediaType.values()) {
                for (long slot = firstSlot; slot <= lastSlot; slot++) {
                    for (Conversation c : slot(q, media, slot)) {
                        long arrival = c.emittedAt(Moment.ARRIVAL);
                        if (arrival >= fromMs && arrival < toMs) {
                            sink.accept(c);
                        }
                    }
                }
            }
        }
    }

    /** The conversations arriving in one slot (slot = epoch ms / SLOT). */
    public List<Conversation> slot(int queueIndex, MediaType media, long slot) {
        SplitMix rng = new SplitMix(SplitMix.hash(seed, SLOT_DOMAIN, queueIndex, media.ordinal(), slot));
        long slotStart = slot * SLOT_MS;
        int count = rng.poisson(ArrivalCurve.expectedArrivals(media.dailyVolume(), queueScale[queueIndex], slotStart));
        if (media == MediaType.VOICE && Math.floorMod(slot, VOICE_FLOOR_EVERY_SLOTS) == 0) {
            count = Math.max(count, 1);
        }
        List<Conversation> out = new ArrayList<>(count);
        for (int ordinal = 0; ordinal < count; ordinal++) {
            long key = SplitMix.hash(seed, CONVERSATION_DOMAIN, queueIndex, media.ordinal(), slot, ordinal);
            out.add(conversation(rng, queueIndex, media, key, slotStart + rng.nextInt((int) SLOT_MS)));
        }
        return out;
    }

    private Conversation conversation(SplitMix rng, int queueIndex, MediaType media, long key, long arrival) {
        boolean outbound = rng.chance(media.outboundShare());
        boolean abandoned = !outbound && rng.chance(media.abandonShare());
        double meanWait = outbound ? OUTBOUND_DIAL_MEAN_SECONDS : media.meanWaitSeconds();
        long wait = millis(rng.exponential(meanWait), 0.5, ModelConstants.WAIT_MAX.toMillis());

        int agent = -1;
        int wrapUp = -1;
        long talk = 0;
        long hold = 0;
        long acw = 0;
        boolean transferred = false;
        if (!abandoned) {
            agent = directory.agent(queueIndex, rng.nextInt(directory.agentsPerQueue())).index();
            talk = millis(rng.exponential(media.meanTalkSeconds()), 10, ModelConstants.TALK_MAX.toMillis());
            if (rng.chance(media.holdShare())) {
                hold = millis(rng.exponential(media.meanHoldSeconds()), 5, ModelConstants.HOLD_MAX.toMillis());
            }
            acw = millis(rng.exponential(media.meanAcwSeconds()), 2, ModelConstants.ACW_MAX.toMillis());
            wrapUp = pickWrapUp(rng.nextDouble());
            transferred = rng.chance(media.transferShare());
        }

        long[] emitted = new long[Moment.values().length];
        emitted[Moment.ARRIVAL.ordinal()] = arrival;
        emitted[Moment.ANSWER_OR_ABANDON.ordinal()] = arrival + wait;
        emitted[Moment.TALK_END.ordinal()] = arrival + wait + talk + hold;
        emitted[Moment.WRAP_UP_END.ordinal()] = arrival + wait + talk + hold + acw;
        long[] visible = new long[emitted.length];
        long maxDelay = ModelConstants.INGESTION_DELAY_MAX.toMillis();
        for (int m = 0; m < emitted.length; m++) {
            double delay = rng.exponential(ModelConstants.INGESTION_DELAY_MEAN.toMillis());
            visible[m] = emitted[m] + Math.min(maxDelay, Math.round(delay));
        }
        return new Conversation(queueIndex, media, key, outbound, abandoned, agent, wrapUp, transferred,
            wait, talk, hold, acw, emitted, visible);
    }

    private int pickWrapUp(double u) {
        double scaled = u * wrapUpCumulative[wrapUpCumulative.length - 1];
        for (int w = 0; w < wrapUpCumulative.length; w++) {
            if (scaled < wrapUpCumulative[w]) {
                return w;
            }
        }
        return wrapUpCumulative.length - 1;
    }

    private static long millis(double seconds, double minSeconds, long maxMs) {
        return Math.min(maxMs, Math.round(Math.max(minSeconds, seconds) * 1000));
    }
}
