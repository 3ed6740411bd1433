package io.kcg.genesys.simulator;

import java.time.Duration;

/**
 * Which share of aggregates requests get which fault. The faults exclude each other: one seeded draw per request
 * picks at most one, so the shares must add up to at most 1. Immutable; each with* returns a new plan.
 */
public final class FaultPlan {

    private final double unavailable;
    private final double tooManyRequests;
    private final int retryAfterSeconds;
    private final double truncated;
    private final double dropped;
    private final double slow;
    private final Duration slowDelay;
    private final double internalError;
    private final double badGateway;
    private final double gatewayTimeout;

    private FaultPlan(double unavailable, double tooManyRequests, int retryAfterSeconds, double truncated,
                      double dropped, double slow, Duration slowDelay, double internalError, double badGateway,
                      double gatewayTimeout) {
        double[] shares = {unavailable, tooManyRequests, truncated, dropped, slow, internalError, badGateway,
            gatewayTimeout};
        double total = 0;
        for (double share : shares) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("a fault share must be within [0, 1]: " + share);
            }
            total += share;
        }
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("fault shares add up to more than 1");
        }
        if (retryAfterSeconds < 0 || slowDelay.isNegative()) {
            throw new IllegalArgumentException("Retry-After and the slow delay cannot be negative");
        }
        this.unavailable = unavailable;
        this.tooManyRequests = tooManyRequests;
        this.retryAfterSeconds = retryAfterSeconds;
        this.truncated = truncated;
        this.dropped = dropped;
        this.slow = slow;
        this.slowDelay = slowDelay;
        this.internalError = internalError;
        this.badGateway = badGateway;
        this.gatewayTimeout = gatewayTimeout;
    }

    public static FaultPlan none() {
        return new FaultPlan(0, 0, 1, 0, 0, 0, Duration.ZERO, 0, 0, 0);
    }

    /** 503 service.unavailable. */
    public FaultPlan with503(double share) {
        return new FaultPlan(share, tooManyRequests, retryAfterSeconds, truncated, dropped, slow, slowDelay,
            internalError, badGateway, gatewayTimeout);
    }

    /**
     * 429 too.many.requests.retry.after with this Retry-After, whatever the rate limit. The seconds may be as absurd
     * as a test needs (up to {@code Integer.MAX_VALUE}).
     */
    public FaultPlan with429(double share, int retryAfterSeconds) {
        return new FaultPlan(unavailable, share, retryAfterSeconds, truncated, dropped, slow, slowDelay,
            internalError, badGateway, gatewayTimeout);
    }

    /** 200 whose body stops in the middle of the JSON. */
    public FaultPlan withTruncated(double share) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, share, dropped, slow, slowDelay,
            internalError, badGateway, gatewayTimeout);
    }

    /** The connection is closed without any response. */
    public FaultPlan withDropped(double share) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, truncated, share, slow, slowDelay,
            internalError, badGateway, gatewayTimeout);
    }

    /** The answer (a normal one) comes after this delay. */
    public FaultPlan withSlow(double share, Duration delay) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, truncated, dropped, share, delay,
            internalError, badGateway, gatewayTimeout);
    }

    /** 500 internal.server.error. */
    public FaultPlan with500(double share) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, truncated, dropped, slow, slowDelay,
            share, badGateway, gatewayTimeout);
    }

    /** 502 from the gateway in front of the API: its own HTML page, not an ErrorBody. */
    public FaultPlan with502(double share) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, truncated, dropped, slow, slowDelay,
            internalError, share, gatewayTimeout);
    }

    /** 504 request.timeout. */
    public FaultPlan with504(double share) {
        return new FaultPlan(unavailable, tooManyRequests, retryAfterSeconds, truncated, dropped, slow, slowDelay,
            internalError, badGateway, share);
    }

    public double unavailableShare() {
        return unavailable;
    }

    public double tooManyRequestsShare() {
        return tooManyRequests;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public double truncatedShare() {
        return truncated;
    }

    public double droppedShare() {
        return dropped;
    }

    public double slowShare() {
        return slow;
    }

    public Duration slowDelay() {
        return slowDelay;
    }

    public double internalErrorShare() {
        return internalError;
    }

    public double badGatewayShare() {
        return badGateway;
    }

    public double gatewayTimeoutShare() {
        return gatewayTimeout;
    }

    @Override
    public String toString() {
        return "FaultPlan{503=" + unavailable + ", 429=" + tooManyRequests + " (Retry-After " + retryAfterSeconds
            + " s), truncated=" + truncated + ", dropped=" + dropped + ", slow=" + slow + " (" + slowDelay + "), 500="
            + internalError + ", 502=" + badGateway + ", 504=" + gatewayTimeout + "}";
    }
}
