package io.kcg.genesys.simulator.http;

import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.model.SplitMix;

/**
 * Picks the fault of each aggregates request with a generator seeded from the simulator's seed and restarted on
 * every plan change, so the same requests in the same order meet the same faults.
 */
public final class FaultInjector {

    public enum Fault {
        NONE, UNAVAILABLE, TOO_MANY_REQUESTS, TRUNCATED, DROPPED, SLOW, INTERNAL_ERROR, BAD_GATEWAY, GATEWAY_TIMEOUT
    }

    /** The fault, and where in the body a truncation cuts (a fraction of its length). */
    public record Decision(Fault fault, double cutFraction) {
    }

    private static final long FAULT_DOMAIN = 51;

    private final long seed;
    private FaultPlan plan;
    private SplitMix random;

    public FaultInjector(long seed, FaultPlan plan) {
        this.seed = seed;
        setPlan(plan);
    }

    public synchronized void setPlan(FaultPlan plan) {
        this.plan = plan;
        this.random = new SplitMix(SplitMix.hash(seed, FAULT_DOMAIN));
    }

    public synchronized FaultPlan plan() {
        return plan;
    }

    public synchronized Decision next() {
        // Two draws per request whatever the outcome, so one request's fault never shifts the next one's.
        double u = random.nextDouble();
        double cut = random.nextDouble();
        double edge = plan.unavailableShare();
        if (u < edge) {
            return new Decision(Fault.UNAVAILABLE, cut);
        }
        edge += plan.tooManyRequestsShare();
        if (u < edge) {
            return new Decision(Fault.TOO_MANY_REQUESTS, cut);
        }
        edge += plan.truncatedShare();
        if (u < edge) {
            return new Decision(Fault.TRUNCATED, cut);
        }
        edge += plan.droppedShare();
        if (u < edge) {
            return new Decision(Fault.DROPPED, cut);
        }
        edge += plan.slowShare();
        if (u < edge) {
            return new Decision(Fault.SLOW, cut);
        }
        // The faults added later come last, so a plan without them draws exactly as before.
        edge += plan.internalErrorShare();
        if (u < edge) {
            return new Decision(Fault.INTERNAL_ERROR, cut);
        }
        edge += plan.badGatewayShare();
        if (u < edge) {
            return new Decision(Fault.BAD_GATEWAY, cut);
        }
        edge += plan.gatewayTimeoutShare();
        return new Decision(u < edge ? Fault.GATEWAY_TIMEOUT : Fault.NONE, cut);
    }
}
