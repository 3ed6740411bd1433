package io.kcg.genesys.reliability;

import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Disturbs a running connector at seeded random moments: restarts its task, the connector, both, or the whole worker,
 * revokes every OAuth token the simulator issued, and makes the login host refuse (401) or fail (503) for a second
 * right after revoking them, so that the tasks must log in through the blip. Requests the cluster refuses (a
 * rebalance is in progress, the worker is not up yet) are counted, not retried: the next strike comes anyway.
 */
final class ChaosMonkey {
    enum Strike {
        RESTART_TASK(3), RESTART_CONNECTOR(1), RESTART_CONNECTOR_AND_TASKS(2), RESTART_WORKER(1), EXPIRE_TOKENS(2),
        LOGIN_BLIP(2);

        final int weight;

        Strike(int weight) {
            this.weight = weight;
        }
    }

    private final EmbeddedConnectCluster connect;
    private final GenesysSimulator sim;
    private final String connector;
    private final int tasks;
    private final Random random;
    private final Duration minPause;
    private final Duration maxPause;
    private final Map<Strike, Integer> done = new EnumMap<>(Strike.class);
    private int refused;
    private long nextStrikeNanos;

    ChaosMonkey(EmbeddedConnectCluster connect, GenesysSimulator sim, String connector, int tasks, long seed,
                Duration minPause, Duration maxPause) {
        this.connect = connect;
        this.sim = sim;
        this.connector = connector;
        this.tasks = tasks;
        this.random = new Random(seed);
        this.minPause = minPause;
        this.maxPause = maxPause;
        scheduleNext();
    }

    /** Strikes when the next moment has come; call it often. */
    void maybeStrike() {
        if (System.nanoTime() < nextStrikeNanos) {
            return;
        }
        strike(pick());
        scheduleNext();
    }

    private void scheduleNext() {
        long span = maxPause.toNanos() - minPause.toNanos();
        nextStrikeNanos = System.nanoTime() + minPause.toNanos() + (long) (random.nextDouble() * span);
    }

    private Strike pick() {
        int total = 0;
        for (Strike s : Strike.values()) {
            total += s.weight;
        }
        int draw = random.nextInt(total);
        for (Strike s : Strike.values()) {
            draw -= s.weight;
            if (draw < 0) {
                return s;
            }
        }
        throw new AssertionError();
    }

    /** Strikes with {@code strike} now, whatever the schedule (a kind the seeded draws may not pick in a short run). */
    void strikeNow(Strike strike) {
        strike(strike);
    }

    private void strike(Strike strike) {
        try {
            switch (strike) {
                case RESTART_TASK -> connect.restartTask(connector, random.nextInt(tasks));
                case RESTART_CONNECTOR -> connect.restartConnector(connector);
                case RESTART_CONNECTOR_AND_TASKS -> {
                    int status = connect.requestPost(connect.endpointForResource("connectors/" + connector
                            + "/restart?includeTasks=true&onlyFailed=false"), "", Map.of()).getStatus();
                    if (status >= 300) {
                        throw new IllegalStateException("restart refused with HTTP " + status);
                    }
                }
                case RESTART_WORKER -> restartWorker();
                case EXPIRE_TOKENS -> sim.expireAllTokens();
                case LOGIN_BLIP -> {
                    sim.loginOutage(Duration.ofSeconds(1), random.nextBoolean() ? 401 : 503);
                    sim.expireAllTokens();
                }
            }
            done.merge(strike, 1, Integer::sum);
        } catch (RuntimeException e) {
            refused++;
        }
    }

    /** Stops the worker (tasks stop, open transactions abort) and starts a fresh one in its place. */
    private void restartWorker() {
        connect.removeWorker();
        connect.addWorker();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!connect.anyWorkersHealthy() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
        }
    }

    int count(Strike strike) {
        return done.getOrDefault(strike, 0);
    }

    int refused() {
        return refused;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
