package io.kcg.genesys.streams;

import io.kcg.genesys.simulator.GenesysSimulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The aggregates connector's {@code internal.testing.clock.class} in DailyRollupIT: the task reads the simulator's
 * clock, so moving simulated time moves the connector's "now" too. The worker runs in the test's JVM, hence a static
 * handle.
 */
public final class SimulatorClock implements Supplier<Clock> {
    private static volatile GenesysSimulator simulator;

    static void use(GenesysSimulator sim) {
        simulator = sim;
    }

    @Override
    public Clock get() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return simulator.clock().now();
            }
        };
    }
}
