package io.kcg.genesys.client;

import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.MalformedResponseException;
import io.kcg.genesys.parse.Rows;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.SimulatorStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against the real simulator over HTTP. Every test gets its own simulator, hence its own shared state. */
class GenesysClientSimulatorTest {
    private static final Instant NOW = Instant.parse("2025-03-02T00:00:00Z");
    private static final String QUERY = "{\"interval\":\"2025-03-01T08:00:00.000Z/2025-03-01T12:00:00.000Z\","
            + "\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tHandle\",\"tAnswered\",\"oServiceLevel\",\"oServiceTarget\"]}";

    private GenesysSimulator sim;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** Records every wait instead of sleeping; can run an action (e.g. clear the faults) at the n-th wait. */
    static class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        private int clearAt = -1;
        private Runnable action;

        void at(int nthSleep, Runnable action) {
            this.clearAt = nthSleep;
            this.action = action;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            if (sleeps.size() == clearAt) {
                action.run();
            }
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

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
            return now;
        }
    }

    @BeforeEach
    void startSimulator() {
        sim = GenesysSimulator.builder().seed(42L).queues(3).agentsPerQueue(8)
                .clientId("demo-client").clientSecret("demo-secret")
                .fixedClock(NOW).port(0).build().start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private GenesysClientConfig.Builder config() {
        return GenesysClientConfig.builder()
                .apiBase(sim.baseUrl())
                .clientId("demo-client")
                .clientSecret("demo-secret")
                .requestsPerMinute(6000) // pacing is tested on its own below
                .maxRetries(3)
                .backoffBase(Duration.ofMillis(10))
                .backoffMax(Duration.ofMillis(40))
                .requestTimeout(Duration.ofSeconds(10))
                .sleeper(sleeper);
    }

    private List<AggregateRow> groundTruth() {
        List<AggregateRow> rows = Rows.of(sim.groundTruth("conversations", QUERY));
        assertFalse(rows.isEmpty(), "the query should have data in the simulator");
        return rows;
    }

    @Test
    void rowsAreTheSimulatorsAnswer() {
        try (GenesysClient client = new GenesysClient(config().build())) {
            List<AggregateRow> handed = client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            assertEquals(groundTruth(), handed);
            assertTrue(handed.stream().allMatch(r -> r.group().containsKey("queueId")));
        }
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void oneTokenIsSharedAcrossRequestsAndClientsAndRenewedOnceAfterA401() {
        GenesysClientConfig config = config().build();
        try (GenesysClient a = new GenesysClient(config); GenesysClient b = new GenesysClient(config)) {
            a.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            a.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            b.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            SimulatorStats s = sim.stats();
            assertEquals(1, s.tokenRequests());
            assertEquals(3, s.aggregateRequests());

            sim.expireAllTokens();
            assertEquals(groundTruth(), b.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
            s = sim.stats();
            assertEquals(1, s.sent401());
            assertEquals(2, s.tokenRequests(), "exactly one extra token request");
            assertEquals(5, s.aggregateRequests(), "the refused request and its repetition");

            a.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            assertEquals(2, sim.stats().tokenRequests(), "the other client uses the renewed token");
        }
        assertEquals(List.of(), sleeper.sleeps, "a 401 is not a back-off");
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        sim.close();
        sim = GenesysSimulator.builder().clientId("demo-client").clientSecret("demo-secret")
                .tokenLifetime(Duration.ofMinutes(10)).fixedClock(NOW).port(0).build().start();
        MutableClock clock = new MutableClock(NOW);
        try (GenesysClient client = new GenesysClient(config().clock(clock).build())) {
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            clock.now = NOW.plus(Duration.ofMinutes(8));
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            assertEquals(1, sim.stats().tokenRequests(), "8 of 10 minutes: still good");
            clock.now = NOW.plus(Duration.ofMinutes(9)).plusSeconds(1); // within the last minute
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            assertEquals(2, sim.stats().tokenRequests());
            assertEquals(0, sim.stats().sent401());
        }
    }

    @Test
    void aWrongSecretIsAClearErrorAtOnceWithoutAnAuthenticationBudget() {
        String wrong = "not-the-demo-secret-8c1f";
        GenesysAuthenticationException e;
        try (GenesysClient client = new GenesysClient(config().clientSecret(wrong).authRetryTimeout(Duration.ZERO)
                .build())) {
            e = assertThrows(GenesysAuthenticationException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.code());
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("refused the OAuth client credentials")
                && e.getMessage().contains("'demo-client'"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrong), "the secret leaked: " + t.getMessage());
        }
        assertEquals(1, sim.stats().tokenRequests(), "refused credentials are not retried");
        assertEquals(0, sim.stats().aggregateRequests());
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void a429IsHonouredWithItsRetryAfter() {
        sim.setFaults(FaultPlan.none().with429(1.0, 2));
        sleeper.at(1, () -> sim.setFaults(FaultPlan.none()));
        try (GenesysClient client = new GenesysClient(config().build())) {
            assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.sleeps);
        assertEquals(1, sim.stats().sent429());
        assertEquals(2, sim.stats().aggregateRequests());
    }

    @Test
    void aRetryAfterAboveTheCapGivesUpAtOnce() {
        sim.setFaults(FaultPlan.none().with429(1.0, 600));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysRetriableException.class, () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(Duration.ofSeconds(600), e.retryAfter());
        assertEquals(429, e.lastStatus());
        assertTrue(e.getMessage().contains("600 s") && e.getMessage().contains("cap of 180 s"), e.getMessage());
        assertEquals(List.of(), sleeper.sleeps);
        assertEquals(1, sim.stats().aggregateRequests());
    }

    @Test
    void clientsAtTheSimulatorsLimitNeverMeetIts429() {
        int limit = 120;
        sim.setRateLimitPerMinute(limit);
        GenesysClientConfig config = config().requestsPerMinute(limit).build();
        // a fresh login base (this test's simulator), so the shared limiter is created at this limit
        try (GenesysClient a = new GenesysClient(config); GenesysClient b = new GenesysClient(config)) {
            for (int i = 0; i < 12; i++) {
                (i % 2 == 0 ? a : b).queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            }
            RateLimiter limiter = SharedClientState.of(config).limiter;
            assertEquals(limit, limiter.perMinute());
            assertTrue(limiter.waits() >= 12 - RateLimiter.capacityFor(limit),
                    "the requests were paced: " + limiter.waits() + " waited");
        }
        SimulatorStats s = sim.stats();
        assertEquals(0, s.sent429());
        assertEquals(0, s.rateLimited());
        assertEquals(12, s.maxRequestsInAnyRollingMinute(), "both clients used one token");
        assertTrue(s.maxRequestsInAnyRollingMinute() <= limit);
    }

    @Test
    void fiveHundredThreesAreRetriedWithJitteredBackoff() {
        sim.setFaults(FaultPlan.none().with503(1.0));
        sleeper.at(2, () -> sim.setFaults(FaultPlan.none()));
        try (GenesysClient client = new GenesysClient(config().build())) {
            assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(2, sim.stats().sent503());
        assertEquals(2, sleeper.sleeps.size());
        assertTrue(sleeper.sleeps.get(0).compareTo(Duration.ofMillis(10)) <= 0, sleeper.sleeps.toString());
        assertTrue(sleeper.sleeps.get(1).compareTo(Duration.ofMillis(20)) <= 0, sleeper.sleeps.toString());
    }

    @Test
    void retriesRunOut() {
        sim.setFaults(FaultPlan.none().with503(1.0));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysRetriableException.class, () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(503, e.lastStatus());
        assertEquals(4, sim.stats().sent503(), "the first try and 3 retries");
        assertEquals(3, sleeper.sleeps.size());
        assertTrue(e.getMessage().contains("HTTP 503 service.unavailable"), e.getMessage());
        for (Duration d : sleeper.sleeps) {
            assertTrue(d.compareTo(Duration.ofMillis(40)) <= 0, "capped by backoffMax: " + d);
        }
    }

    @Test
    void aBadQuerySurfacesGenesysCodeAndContextId() {
        String bad = QUERY.replace("PT30M", "PT30S");
        GenesysApiException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysApiException.class, () -> client.queryAggregatesWith("conversations", bad, Rows.ROWS));
        }
        assertFalse(e instanceof GenesysAuthenticationException);
        assertEquals(400, e.status());
        assertEquals("invalid.value", e.code());
        assertNotNull(e.contextId());
        assertTrue(e.genesysMessage().contains("PT30S"), e.genesysMessage());
        assertTrue(e.getMessage().startsWith("Genesys API 400 invalid.value: "), e.getMessage());
        assertTrue(e.getMessage().contains("(contextId " + e.contextId() + ")"), e.getMessage());
        assertEquals(1, sim.stats().aggregateRequests(), "not retried");
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void anUnknownEndpointIsA404NamingTheHost() {
        GenesysApiException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysApiException.class, () -> client.queryAggregatesWith("flows", QUERY, Rows.ROWS));
        }
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("Check the region") && e.getMessage().contains("127.0.0.1"),
                e.getMessage());
    }

    @Test
    void aBodyCutEveryTimeEndsRetriableWithTheReadersFailure() {
        sim.setFaults(FaultPlan.none().withTruncated(1.0));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysRetriableException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(4, sim.stats().truncated());
        assertEquals(200, e.lastStatus());
        assertInstanceOf(MalformedResponseException.class, e.getCause());
        assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void aCutBodyIsRetried() {
        sim.setFaults(FaultPlan.none().withTruncated(1.0));
        sleeper.at(1, () -> sim.setFaults(FaultPlan.none()));
        List<AggregateRow> handed;
        try (GenesysClient client = new GenesysClient(config().build())) {
            handed = client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
        }
        assertEquals(groundTruth(), handed);
        assertEquals(1, sim.stats().truncated());
    }

    @Test
    void droppedConnectionsAreRetried() {
        sim.setFaults(FaultPlan.none().withDropped(1.0));
        sleeper.at(2, () -> sim.setFaults(FaultPlan.none()));
        try (GenesysClient client = new GenesysClient(config().build())) {
            assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(2, sim.stats().dropped());
        assertEquals(2, sleeper.sleeps.size());
    }

    @Test
    void droppedEveryTimeEndsRetriableWithTheIoCause() {
        sim.setFaults(FaultPlan.none().withDropped(1.0));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().maxRetries(1).build())) {
            e = assertThrows(GenesysRetriableException.class, () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(0, e.lastStatus());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(2, sim.stats().dropped());
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() {
        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofSeconds(3)));
        sleeper.at(1, () -> sim.setFaults(FaultPlan.none()));
        try (GenesysClient client = new GenesysClient(config().requestTimeout(Duration.ofMillis(300)).build())) {
            assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(1, sim.stats().slowed());
        assertEquals(1, sleeper.sleeps.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void theFiveHundredsGenesysSdksRetryAre500502503And504AndSoDoesTheClient(int status) {
        sim.setFaults(plan(status, 1.0));
        sleeper.at(2, () -> sim.setFaults(FaultPlan.none()));
        try (GenesysClient client = new GenesysClient(config().build())) {
            assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(3, sim.stats().aggregateRequests(), "two failures, then the answer");
        assertEquals(2, sleeper.sleeps.size());
    }

    private static FaultPlan plan(int status, double share) {
        return switch (status) {
            case 500 -> FaultPlan.none().with500(share);
            case 502 -> FaultPlan.none().with502(share);
            case 503 -> FaultPlan.none().with503(share);
            default -> FaultPlan.none().with504(share);
        };
    }

    @Test
    void timeoutsThatOutlastTheRetriesAreAWindowTooLarge() {
        sim.setFaults(FaultPlan.none().with504(1.0));
        GenesysWindowTooLargeException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysWindowTooLargeException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(4, sim.stats().sent504(), "the first try and 3 retries");
        assertTrue(e.getMessage().contains("timed out 4 times in a row") && e.getMessage().contains("request.timeout"),
                e.getMessage());
    }

    @Test
    void failuresOfOtherKindsAmongTheTimeoutsAreRetriableNotTooLarge() {
        sim.setFaults(FaultPlan.none().with503(0.5).with504(0.5));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysRetriableException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertTrue(sim.stats().sent503() > 0 && sim.stats().sent504() > 0, "both kinds were met: " + sim.stats());
    }

    @Test
    void responseEntityTooLargeIsAWindowTooLargeAtOnce() {
        sim.setMaxResponseBytes(1000);
        GenesysWindowTooLargeException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysWindowTooLargeException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertTrue(e.getMessage().startsWith("Genesys API 400 response.entity.too.large: "), e.getMessage());
        assertInstanceOf(GenesysApiException.class, e.getCause());
        assertEquals("response.entity.too.large", ((GenesysApiException) e.getCause()).code());
        assertEquals(1, sim.stats().aggregateRequests(), "not retried");
        assertEquals(List.of(), sleeper.sleeps);
    }

    @Test
    void aRetryAfterOfYearsIsClampedToAnHourAndNeverThrowsOnItsOwn() {
        sim.setFaults(FaultPlan.none().with429(1.0, 99_999_999));
        GenesysRetriableException e;
        try (GenesysClient client = new GenesysClient(config().build())) {
            e = assertThrows(GenesysRetriableException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        assertEquals(RetryPolicy.LONGEST_RETRY_AFTER, e.retryAfter());
        assertTrue(Instant.now().plus(e.retryAfter()).isAfter(Instant.now()), "usable as a wait");
    }

    @Test
    void thePaceFollowsIninRatelimitAllowedButNeverExceedsTheConfiguredLimit() {
        sim.setRateLimitPerMinute(120);
        GenesysClientConfig fast = config().requestsPerMinute(3000).build();
        try (GenesysClient client = new GenesysClient(fast)) {
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
        }
        RateLimiter limiter = SharedClientState.of(fast).limiter;
        assertEquals(120, limiter.perMinute(), "down to what Genesys allows");
        sim.setRateLimitPerMinute(0);
        try (GenesysClient client = new GenesysClient(fast)) {
            client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
        }
        assertEquals(3000, limiter.perMinute(), "Genesys allows more again: back to the configured limit, not above");
    }

    @Test
    void aOneSecondLoginBlipPassesWithoutAnyoneNoticing() {
        for (int status : new int[] {401, 503}) {
            sim.loginOutage(Duration.ofSeconds(1), status);
            sim.expireAllTokens();
            long t0 = System.nanoTime();
            // Real waits: the refusals are retried with back-off for up to a minute.
            try (GenesysClient client = new GenesysClient(config().sleeper(null).backoffBase(Duration.ofMillis(200))
                    .backoffMax(Duration.ofSeconds(2)).maxRetries(5).authRetryTimeout(Duration.ofMinutes(1)).build())) {
                assertEquals(groundTruth(), client.queryAggregatesWith("conversations", QUERY, Rows.ROWS), "" + status);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(Duration.ofMillis(900)) > 0 && took.compareTo(Duration.ofSeconds(15)) < 0,
                    status + ": " + took);
        }
        assertTrue(sim.stats().loginsRefused() >= 2, String.valueOf(sim.stats()));
    }

    @Test
    void refusedCredentialsFailWithinTheAuthenticationBudgetWithAClearMessage() {
        MutableClock clock = new MutableClock(NOW);
        RecordingSleeper advancing = new RecordingSleeper() {
            @Override
            public void sleep(Duration duration) {
                super.sleep(duration);
                clock.now = clock.now.plus(duration);
            }
        };
        String wrong = "wrong-secret-31f";
        GenesysAuthenticationException e;
        try (GenesysClient client = new GenesysClient(config().clientSecret(wrong).clock(clock).sleeper(advancing)
                .backoffBase(Duration.ofSeconds(1)).backoffMax(Duration.ofSeconds(30))
                .authRetryTimeout(Duration.ofMinutes(2)).build())) {
            e = assertThrows(GenesysAuthenticationException.class,
                    () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        }
        Duration waited = advancing.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofMinutes(2), waited, "back-off until the budget, and not beyond it");
        assertTrue(advancing.sleeps.size() >= 5 && advancing.sleeps.size() <= 12, advancing.sleeps.toString());
        for (int i = 1; i < advancing.sleeps.size() - 1; i++) {
            assertTrue(advancing.sleeps.get(i).compareTo(advancing.sleeps.get(i - 1).dividedBy(2)) >= 0,
                    "the waits grow: " + advancing.sleeps);
        }
        assertEquals(advancing.sleeps.size() + 1, sim.stats().tokenRequests());
        assertEquals(0, sim.stats().aggregateRequests());
        assertEquals("invalid_client", e.code());
        assertTrue(e.getMessage().contains("refused the OAuth client credentials")
                && e.getMessage().contains("authentication failed")
                && e.getMessage().contains("refused " + (advancing.sleeps.size() + 1) + " times over 120 s"),
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void closeEndsARetryAfterWaitAndARequestInFlightAtOnce() throws Exception {
        sim.setFaults(FaultPlan.none().with429(1.0, 120));
        assertEndsSoonAfterClose(config().sleeper(null).build());
        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofSeconds(30)));
        assertEndsSoonAfterClose(config().sleeper(null).requestTimeout(Duration.ofSeconds(60)).build());
        sim.setFaults(FaultPlan.none());
        sim.loginOutage(Duration.ofMinutes(5), 401);
        assertEndsSoonAfterClose(config().sleeper(null).clientId("other-client").build());
    }

    @Test
    void closeEndsARateLimitWaitAtOnce() throws Exception {
        GenesysClientConfig slow = config().sleeper(null).requestsPerMinute(1).build();
        try (GenesysClient first = new GenesysClient(slow)) {
            first.queryAggregatesWith("conversations", QUERY, Rows.ROWS); // the one token of the bucket
        }
        assertEndsSoonAfterClose(slow); // the next slot is two minutes away
    }

    /** Starts a call that waits or hangs, closes the client half a second later: the call ends within a second. */
    private void assertEndsSoonAfterClose(GenesysClientConfig config) throws Exception {
        GenesysClient client = new GenesysClient(config);
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(
                () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
        Thread.sleep(500);
        assertFalse(call.isDone(), "the call waits");
        long closing = System.nanoTime();
        client.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        long millis = (System.nanoTime() - closing) / 1_000_000;
        assertInstanceOf(ClientClosedException.class, e.getCause());
        assertTrue(millis < 1000, "the call ended " + millis + " ms after close()");
    }

    @Test
    void endpointMustBeALowercaseWord() {
        try (GenesysClient client = new GenesysClient(config().build())) {
            for (String bad : new String[] {"Conversations", "conversations/../users", "", "flows1", "a b"}) {
                assertThrows(IllegalArgumentException.class, () -> client.queryAggregatesWith(bad, QUERY, Rows.ROWS), bad);
            }
        }
        assertEquals(0, sim.stats().tokenRequests());
    }

    @Test
    void aClosedClientRefusesCalls() {
        GenesysClient client = new GenesysClient(config().build());
        client.close();
        assertThrows(ClientClosedException.class, () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
    }
}
