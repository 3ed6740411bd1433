package io.kcg.genesys.it;

import io.kcg.genesys.simulator.GenesysSimulator;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The connector's testing.clock.class in integration tests: the task reads the simulator's clock, so a test that
 * moves simulated time moves the connector's "now" too. The worker runs in the test's JVM, hence a static handle.
 */
public final class SimulatedClock implements Supplier<Clock> {
    private static volatile GenesysSimulator simulator;

    public static void use(GenesysSimulator sim) {
        simulator = sim;
    }

    @Override
    public Clock get() {
        return new ReadingClock(() -> simulator.clock().now());
    }
}
