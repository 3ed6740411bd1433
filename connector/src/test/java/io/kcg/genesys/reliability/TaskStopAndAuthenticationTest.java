package io.kcg.genesys.reliability;

import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.it.SimulatedClock;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import io.kcg.genesys.source.GenesysAggregatesSourceTask;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task, driven as a worker drives it ({@code poll()} on one thread, {@code stop()} from another), against the
 * simulator over HTTP: {@code stop()} ends a poll that waits out a Retry-After, hangs on a slow answer or retries a
 * refused login, well within Connect's graceful shutdown (5 s by default); a one-second blip of the login host costs
 * a second, not the task; refused credentials fail the task once the authentication budget is spent.
 */
class TaskStopAndAuthenticationTest {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-11T00:00:00Z");

    GenesysSimulator sim;
    GenesysAggregatesSourceTask task;

    @BeforeEach
    void start() {
        sim = GenesysSimulator.builder().seed(7L).queues(2).agentsPerQueue(2).fixedClock(NOW).port(0).build().start();
        SimulatedClock.use(sim);
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        sim.close();
    }

    Map<String, String> props() {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("name", "stopping");
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.retry.after.max.seconds", "180");
        props.put("genesys.request.timeout.ms", "60000");
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\"]}");
        props.put("query.queues.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("restatement.lookback", "PT0S");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        return props;
    }

    GenesysAggregatesSourceTask startTask(Map<String, String> props) {
        GenesysAggregatesSourceConnector connector = new GenesysAggregatesSourceConnector();
        connector.start(props);
        Map<String, String> config = connector.taskConfigs(1).get(0);
        task = new GenesysAggregatesSourceTask();
        task.initialize(new DrivenTaskContext(config, Map.of()));
        task.start(config);
        return task;
    }

    CompletableFuture<List<SourceRecord>> pollInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The poll is stuck (waiting or hanging); stop() makes it return nothing within a second. */
    void assertStopEndsThePoll(CompletableFuture<List<SourceRecord>> poll) throws Exception {
        Thread.sleep(700);
        assertFalse(poll.isDone(), "the poll waits");
        long stopping = System.nanoTime();
        task.stop();
        assertNull(poll.get(5, TimeUnit.SECONDS), "the stopped poll returns nothing");
        long millis = (System.nanoTime() - stopping) / 1_000_000;
        assertTrue(millis < 1000, "the poll returned " + millis + " ms after stop()");
    }

    @Test
    void stopEndsAPollWaitingOutARetryAfter() throws Exception {
        sim.setFaults(FaultPlan.none().with429(1.0, 170)); // under the cap: waited out inside the poll
        startTask(props());
        assertStopEndsThePoll(pollInBackground());
        assertEquals(1, sim.stats().aggregateRequests(), "asked once, then waited");
    }

    @Test
    void stopEndsAPollWhoseRequestHangs() throws Exception {
        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofSeconds(50)));
        startTask(props());
        assertStopEndsThePoll(pollInBackground());
    }

    @Test
    void stopEndsAPollRetryingARefusedLogin() throws Exception {
        sim.loginOutage(Duration.ofMinutes(5), 401);
        startTask(props());
        assertStopEndsThePoll(pollInBackground());
        assertTrue(sim.stats().loginsRefused() >= 1);
    }

    @Test
    void aOneSecondBlipAtTheLoginHostCostsASecondNotTheTask() throws Exception {
        startTask(props());
        assertNotNull(task.poll(), "the first window");
        sim.expireAllTokens(); // the next poll must log in again
        sim.loginOutage(Duration.ofSeconds(1), 401);
        long t0 = System.nanoTime();
        List<SourceRecord> next = task.poll();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertNotNull(next, "the second window, after the blip");
        assertTrue(millis >= 900 && millis < 15_000, "took " + millis + " ms");
        assertTrue(sim.stats().loginsRefused() >= 1);
    }

    @Test
    void refusedCredentialsFailTheTaskOnceTheAuthenticationBudgetIsSpent() {
        Map<String, String> props = props();
        props.put("genesys.client.secret", "not-the-secret-77");
        props.put("genesys.auth.retry.timeout.ms", "3000");
        startTask(props);
        long t0 = System.nanoTime();
        ConnectException e = assertThrows(ConnectException.class, () -> task.poll());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(e instanceof RetriableException, "refused for good: " + e);
        assertTrue(millis >= 2900 && millis < 10_000, "failed after " + millis + " ms");
        assertTrue(e.getMessage().contains("Genesys refused authentication") && e.getMessage().contains("invalid_client")
                && e.getMessage().contains("over 3 s"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret-77"));
        assertTrue(sim.stats().tokenRequests() >= 3, "retried with back-off: " + sim.stats().tokenRequests());
    }
}
