package io.kcg.genesys.client;

import java.time.Duration;

/**
 * A transient failure the client stopped retrying: retries ran out on 429/5xx/timeouts/dropped connections/cut
 * bodies, or Genesys asked to wait longer ({@code Retry-After}) than the configured cap. Trying the same request
 * later is expected to work; a Connect task turns this into a {@code RetriableException}. The cause is the last
 * underlying failure, when there was one.
 */
public class GenesysRetriableException extends GenesysClientException {
    private final int lastStatus;
    private final int attempts;
    private final Duration retryAfter;

    public GenesysRetriableException(String message, int lastStatus, int attempts, Duration retryAfter,
                                     Throwable cause) {
        super(message, cause);
        this.lastStatus = lastStatus;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the last attempt, or 0 when it got none (timeout, I/O error, interrupted). */
    public int lastStatus() {
        return lastStatus;
    }

    /** How many aggregates requests the call sent (token requests not counted). */
    public int attempts() {
        return attempts;
    }

    /** The wait Genesys asked for on the last attempt ({@code Retry-After}), or null when it did not ask. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
