package io.kcg.genesys.simulator.model;

/** The moments at which a conversation emits metrics; each metric posts to the bucket of its moment. */
public enum Moment {
    /** t0: nOffered. */
    ARRIVAL,
    /** t1 = t0 + wait: tAnswered, nConnected, tWait, nOverSla (answered) or tAbandon, tWait (abandoned). */
    ANSWER_OR_ABANDON,
    /** t2 = t1 + talk + hold: tTalk, tHeld, nTransferred. */
    TALK_END,
    /** t3 = t2 + acw: tAcw, tHandle. */
    WRAP_UP_END
}
