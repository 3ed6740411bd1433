package io.kcg.genesys.client;

import java.time.Duration;

/**
 * Told what one aggregates call does on the wire, so that a caller can count requests, throttling and retries of
 * its own query without the client knowing about metrics. Called on the thread that makes the call; every method
 * must return quickly and never throw.
 */
public interface CallListener {
    /** Listens to nothing. */
    CallListener NONE = new CallListener() {
    };

    /** A request is about to go out (every attempt counts, retries too). */
    default void requestSent() {
    }

    /** Genesys answered 429 (too many requests). */
    default void throttled() {
    }

    /**
     * The call waits {@code wait} and then tries again; {@code retryAfter} tells whether the wait is one Genesys
     * asked for ({@code Retry-After}, or the 3 s of a 429 without it) rather than the client's own back-off.
     */
    default void retrying(Duration wait, boolean retryAfter) {
    }
}
