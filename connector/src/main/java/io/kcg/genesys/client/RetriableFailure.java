package io.kcg.genesys.client;

import java.time.Duration;

/**
 * A failed attempt worth repeating, internal to one call: the client's retry loop decides whether and when. Carries
 * the HTTP status (0 when there was none), the {@code Retry-After} Genesys asked for (or null), and whether the
 * failure was a timeout (a 504 or no answer within the request timeout), which, when it persists, means the
 * interval is too large or too slow for Genesys.
 */
final class RetriableFailure extends RuntimeException {
    private final int status;
    private final Duration retryAfter;
    private final boolean timeout;

    RetriableFailure(String message, int status, Duration retryAfter, boolean timeout, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.timeout = timeout;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    boolean timeout() {
        return timeout;
    }
}
