package io.kcg.genesys.simulator.http;

import io.kcg.genesys.simulator.SimulatorStats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the server answered; thread-safe. */
public final class StatsRecorder {

    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder aggregateRequests = new LongAdder();
    private final LongAdder ok200 = new LongAdder();
    private final LongAdder sent400 = new LongAdder();
    private final LongAdder sent401 = new LongAdder();
    private final LongAdder sent404 = new LongAdder();
    private final LongAdder sent429 = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder sent503 = new LongAdder();
    private final LongAdder sent500 = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder slowed = new LongAdder();
    private final LongAdder sent502 = new LongAdder();
    private final LongAdder sent504 = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder loginsRefused = new LongAdder();
    private final AtomicLong maxRequestsInAnyRollingMinute = new AtomicLong();

    void tokenRequest() {
        tokenRequests.increment();
    }

    void aggregateRequest() {
        aggregateRequests.increment();
    }

    /** A complete response went out with this status. */
    void responded(int status) {
        switch (status) {
            case 200 -> ok200.increment();
            case 400 -> sent400.increment();
            case 401 -> sent401.increment();
            case 404 -> sent404.increment();
            case 429 -> sent429.increment();
            case 500 -> sent500.increment();
            case 502 -> sent502.increment();
            case 503 -> sent503.increment();
            case 504 -> sent504.increment();
            default -> {
            }
        }
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void truncated() {
        truncated.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void slowed() {
        slowed.increment();
    }

    /** An aggregates answer was refused as larger than the response size limit. */
    void tooLarge() {
        tooLarge.increment();
    }

    /** The token endpoint refused or failed a request during a login outage. */
    void loginRefused() {
        loginsRefused.increment();
    }

    /** One token made this many requests within the last 60 s. */
    void requestsInRollingMinute(long count) {
        maxRequestsInAnyRollingMinute.accumulateAndGet(count, Math::max);
    }

    public SimulatorStats snapshot() {
        return new SimulatorStats(tokenRequests.sum(), aggregateRequests.sum(), ok200.sum(), sent400.sum(),
            sent401.sum(), sent404.sum(), sent429.sum(), rateLimited.sum(), sent503.sum(), sent500.sum(),
            truncated.sum(), dropped.sum(), slowed.sum(), sent502.sum(), sent504.sum(), tooLarge.sum(),
            loginsRefused.sum(), maxRequestsInAnyRollingMinute.get());
    }

    public void reset() {
        for (LongAdder adder : new LongAdder[] {tokenRequests, aggregateRequests, ok200, sent400, sent401, sent404,
            sent429, rateLimited, sent503, sent500, truncated, dropped, slowed, sent502, sent504, tooLarge,
            loginsRefused}) {
            adder.reset();
        }
        maxRequestsInAnyRollingMinute.set(0);
    }
}
