package io.kcg.genesys.simulator;

import java.util.concurrent.CountDownLatch;

/** Entry point of the runnable jar: serves the simulator until SIGTERM or Ctrl-C. The clock follows real time. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        GenesysSimulator simulator = options.builder().build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "genesys-simulator-shutdown"));
        System.out.println("Genesys Cloud simulator listening on " + simulator.baseUrl() + " (seed "
            + simulator.seed() + ", " + simulator.queueIds().size() + " queues, " + simulator.userIds().size()
            + " agents, client id " + simulator.clientId() + ")");
        stopped.await();
    }
}
