package io.kcg.genesys.simulator;

/**
 * One aggregates request as it reached the simulator, admitted or refused.
 *
 * @param arrivedAtMillis the wall clock (not the simulated one) when it arrived, epoch milliseconds
 * @param endpoint        the analytics family of its path, e.g. {@code conversations}
 * @param body            its body as sent
 */
public record RequestLogEntry(long arrivedAtMillis, String endpoint, String body) {
}
