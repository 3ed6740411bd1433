package io.kcg.genesys.window;

import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.config.RestatementSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a query fetches next, decided from its state and the clock alone. */
class FetchPlannerTest {
    static final Duration SETTLE = Duration.ofMinutes(15);
    static final RestatementSettings DEFAULTS = new RestatementSettings(Duration.ofDays(14), Duration.ofDays(1),
            Duration.ofHours(1), LocalTime.of(4, 0), List.of());

    static QueryDefinition query(String zone) {
        String body = "{\"metrics\":[\"nOffered\"],\"granularity\":\"PT30M\",\"timeZone\":\"" + zone + "\"}";
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("q"), Map.of("query.q.body", body));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    static FetchPlanner planner(String windowMax, RestatementSettings settings) {
        return planner("UTC", windowMax, settings);
    }

    static FetchPlanner planner(String zone, String windowMax, RestatementSettings settings) {
        return new FetchPlanner(new WindowPlanner(query(zone), IsoSpan.parse(windowMax), SETTLE), settings);
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }

    static Window window(String start, String end) {
        return new Window(at(start), at(end));
    }

    /** Emits what the planner says at {@code now} until nothing is due, and returns the fetches in order. */
    static List<Fetch> drain(FetchPlanner planner, PlanState[] state, Instant now) {
        List<Fetch> fetches = new ArrayList<>();
        for (Optional<Fetch> next = planner.next(state[0], now); next.isPresent(); next = planner.next(state[0], now)) {
            fetches.add(next.get());
            state[0] = planner.emitted(state[0], next.get(), now);
            assertTrue(fetches.size() < 1_000, "the plan ends");
        }
        return fetches;
    }

    @Test
    void askingWhatComesNextChangesNothingAndTheStepMovesOn() {
        FetchPlanner planner = planner("P1D", DEFAULTS);
        PlanState state = planner.initial(at("2026-03-01T00:00:00Z"), null, null);
        Instant now = at("2026-03-03T10:00:00Z");
        Fetch first = planner.next(state, now).orElseThrow();
        assertEquals(first, planner.next(state, now).orElseThrow(), "the same question, the same answer");
        assertEquals(Fetch.forward(window("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")), first);
        PlanState after = planner.emitted(state, first, now);
        assertEquals(at("2026-03-02T00:00:00Z"), after.watermark());
        assertEquals(at("2026-03-01T00:00:00Z"), state.watermark(), "states are values");
    }

    @Test
    void withRestatementOffOnlyForwardWindowsAreFetchedUntilCaughtUp() {
        FetchPlanner planner = planner("P1D", new RestatementSettings(Duration.ZERO, Duration.ofDays(1),
                Duration.ofHours(1), LocalTime.of(4, 0), List.of()));
        PlanState[] state = {planner.initial(at("2026-03-01T00:00:00Z"), null, null)};
        Instant now = at("2026-03-03T10:00:00Z");
        List<Fetch> fetches = drain(planner, state, now);
        assertEquals(List.of(Fetch.forward(window("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")),
                Fetch.forward(window("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")),
                Fetch.forward(window("2026-03-03T00:00:00Z", "2026-03-03T09:30:00Z"))), fetches);
        assertEquals(at("2026-03-03T10:15:00Z"), planner.nextDueAt(state[0], now), "the 09:30 bucket settles at 10:15");
    }

    @Test
    void aRecentPassRefetchesTheLastDayAndTakesTurnsWithForwardWindows() {
        FetchPlanner planner = planner("PT6H", DEFAULTS);
        // Remembered since 03-01, caught up to 03-05T12:00, and the nightly pass of 03-05 done.
        PlanState[] state = {planner.initial(at("2026-03-05T12:00:00Z"), at("2026-03-01T00:00:00Z"),
                at("2026-03-05T04:00:00Z"))};
        Instant now = at("2026-03-05T13:00:00Z");
        List<Fetch> fetches = drain(planner, state, now);
        // The recent pass covers [now - 1 day, watermark at its start); forward windows take turns with it.
        assertEquals(List.of(
                Fetch.forward(window("2026-03-05T12:00:00Z", "2026-03-05T12:30:00Z")),
                new Fetch(window("2026-03-04T13:00:00Z", "2026-03-04T19:00:00Z"), Fetch.Kind.RECENT_PASS),
                new Fetch(window("2026-03-04T19:00:00Z", "2026-03-05T01:00:00Z"), Fetch.Kind.RECENT_PASS),
                new Fetch(window("2026-03-05T01:00:00Z", "2026-03-05T07:00:00Z"), Fetch.Kind.RECENT_PASS),
                new Fetch(window("2026-03-05T07:00:00Z", "2026-03-05T12:30:00Z"), Fetch.Kind.RECENT_PASS)), fetches);
        assertNull(state[0].pass(), "complete");
        assertEquals(at("2026-03-05T14:00:00Z"), state[0].nextRecentAt());
        assertEquals(at("2026-03-05T13:15:00Z"), planner.nextDueAt(state[0], at("2026-03-05T13:00:00Z")));
        List<Fetch> within = drain(planner, state, at("2026-03-05T13:59:00Z"));
        assertEquals(List.of(Fetch.forward(window("2026-03-05T12:30:00Z", "2026-03-05T13:30:00Z"))), within,
                "no recent pass again within the interval");
        List<Fetch> next = drain(planner, state, at("2026-03-05T14:00:00Z"));
        assertEquals(new Fetch(window("2026-03-04T14:00:00Z", "2026-03-04T20:00:00Z"), Fetch.Kind.RECENT_PASS),
                next.get(0), "an hour later, the next recent pass");
    }

    @Test
    void whenBothAreDueForwardAndPassWindowsAlternate() {
        FetchPlanner planner = planner("PT6H", DEFAULTS);
        PlanState[] state = {planner.initial(at("2026-03-05T06:00:00Z"), at("2026-03-01T00:00:00Z"),
                at("2026-03-05T04:00:00Z"))};
        List<Fetch> fetches = drain(planner, state, at("2026-03-05T13:00:00Z"));
        assertEquals(List.of(Fetch.forward(window("2026-03-05T06:00:00Z", "2026-03-05T12:00:00Z")),
                new Fetch(window("2026-03-04T13:00:00Z", "2026-03-04T19:00:00Z"), Fetch.Kind.RECENT_PASS),
                Fetch.forward(window("2026-03-05T12:00:00Z", "2026-03-05T12:30:00Z")),
                new Fetch(window("2026-03-04T19:00:00Z", "2026-03-05T01:00:00Z"), Fetch.Kind.RECENT_PASS),
                new Fetch(window("2026-03-05T01:00:00Z", "2026-03-05T07:00:00Z"), Fetch.Kind.RECENT_PASS),
                new Fetch(window("2026-03-05T07:00:00Z", "2026-03-05T12:00:00Z"), Fetch.Kind.RECENT_PASS)), fetches,
                "the pass ends at the watermark it started from; the buckets emitted since are fresh");
    }

    @Test
    void theNightlyPassCoversTheHorizonFromWhereTheMemoryStartsAfterTheNightlyTimeInTheQuerysZone() {
        FetchPlanner planner = planner("America/New_York", "P1D", DEFAULTS);
        // Remembered since 03-01 (New York midnight is 05:00 UTC), caught up; the nightly pass last ran on 03-09.
        PlanState state = planner.initial(at("2026-03-10T12:00:00Z"), at("2026-03-01T05:00:00Z"),
                at("2026-03-09T09:00:00Z"));
        state = state.withNextRecentAt(at("2026-03-11T00:00:00Z")); // keep the recent pass out of the way
        assertFalse(planner.nightlyDue(state, at("2026-03-10T07:59:00Z")), "03:59 in New York (EDT since 03-08)");
        assertTrue(planner.nightlyDue(state, at("2026-03-10T08:00:00Z")), "04:00 in New York");
        PlanState[] current = {state};
        List<Fetch> fetches = drain(planner, current, at("2026-03-10T12:15:00Z"));
        assertEquals(Fetch.Kind.NIGHTLY_PASS, fetches.get(0).kind(), fetches.toString());
        assertEquals(at("2026-03-01T05:00:00Z"), fetches.get(0).window().start(), "from where the memory starts");
        Fetch last = fetches.get(fetches.size() - 1);
        assertEquals(at("2026-03-10T12:00:00Z"), last.window().end(), "to the watermark the pass started from");
        assertEquals(10, fetches.size(), "nine windows of a local day and one to the watermark");
        assertEquals(at("2026-03-10T12:15:00Z"), current[0].lastFullPass());
        assertFalse(planner.nightlyDue(current[0], at("2026-03-11T07:59:00Z")));
        assertTrue(planner.nightlyDue(current[0], at("2026-03-11T08:00:00Z")));
    }

    @Test
    void aNightlyPassNeverReachesBeforeTheHorizon() {
        FetchPlanner planner = planner("P1D", DEFAULTS);
        PlanState[] state = {planner.initial(at("2026-03-20T04:30:00Z"), at("2026-03-01T00:00:00Z"), null)};
        List<Fetch> fetches = drain(planner, state, at("2026-03-20T05:00:00Z"));
        assertEquals(Fetch.Kind.NIGHTLY_PASS, fetches.get(0).kind(), fetches.toString());
        assertEquals(at("2026-03-06T05:00:00Z"), fetches.get(0).window().start(), "14 days back from now");
    }

    @Test
    void aNightlyPassFallingDueTakesOverARecentPass() {
        FetchPlanner planner = planner("PT6H", DEFAULTS);
        PlanState state = planner.initial(at("2026-03-05T03:30:00Z"), at("2026-03-01T00:00:00Z"),
                at("2026-03-04T04:00:00Z"));
        Instant before = at("2026-03-05T03:50:00Z");
        Fetch recent = planner.next(state, before).orElseThrow();
        assertEquals(Fetch.Kind.RECENT_PASS, recent.kind());
        state = planner.emitted(state, recent, before);
        assertNotNull(state.pass());
        Fetch nightly = planner.next(state, at("2026-03-05T04:00:00Z")).orElseThrow();
        assertEquals(new Fetch(window("2026-03-01T00:00:00Z", "2026-03-01T06:00:00Z"), Fetch.Kind.NIGHTLY_PASS),
                nightly);
        state = planner.emitted(state, nightly, at("2026-03-05T04:00:00Z"));
        assertEquals(Fetch.Kind.NIGHTLY_PASS, state.pass().kind());
    }

    @Test
    void aPassDueWithNothingRememberedIsDoneAtOnceInsteadOfRefetchingWhatWasJustEmitted() {
        FetchPlanner planner = planner("P1D", DEFAULTS);
        PlanState[] state = {planner.initial(at("2026-03-01T00:00:00Z"), null, null)}; // a new query
        Instant now = at("2026-03-03T10:00:00Z");
        List<Fetch> fetches = drain(planner, state, now);
        assertTrue(fetches.stream().noneMatch(Fetch::restatement), fetches.toString());
        assertEquals(now, state[0].lastFullPass(), "the nightly pass had nothing to cover");
        assertEquals(now.plus(Duration.ofHours(1)), state[0].nextRecentAt());
        assertTrue(planner.nextDueAt(state[0], now).isAfter(now), "never a wait of zero");
    }

    @Test
    void aWindowGenesysCannotAnswerIsHalvedDownToOneBucketWithoutGapOrOverlap() {
        FetchPlanner planner = planner("PT4H", new RestatementSettings(Duration.ZERO, Duration.ZERO,
                Duration.ofHours(1), null, List.of()));
        PlanState state = planner.initial(at("2026-03-01T00:00:00Z"), null, null);
        Instant now = at("2026-03-01T12:00:00Z");
        Fetch whole = planner.next(state, now).orElseThrow();
        assertEquals(8, planner.windows().bucketStarts(whole.window()).size());
        state = planner.tooLarge(state, whole).orElseThrow();
        Fetch half = planner.next(state, now).orElseThrow();
        assertEquals(window("2026-03-01T00:00:00Z", "2026-03-01T02:00:00Z"), half.window());
        state = planner.tooLarge(state, half).orElseThrow();
        Fetch quarter = planner.next(state, now).orElseThrow();
        assertEquals(window("2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z"), quarter.window());
        List<Window> covered = new ArrayList<>();
        PlanState[] current = {state};
        for (Fetch fetch : drain(planner, current, now)) {
            covered.add(fetch.window());
        }
        assertEquals(window("2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z"), covered.get(0));
        for (int i = 1; i < covered.size(); i++) {
            assertEquals(covered.get(i - 1).end(), covered.get(i).start(), "no gap, no overlap: " + covered);
        }
        assertEquals(window("2026-03-01T04:00:00Z", "2026-03-01T08:00:00Z"), covered.get(4), "whole again after it");
        Fetch one = new Fetch(window("2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z"), Fetch.Kind.FORWARD);
        assertTrue(planner.tooLarge(state, one).isEmpty(), "a single bucket cannot be split");
    }

    @Test
    void aPassWindowIsSplitOnItsOwnAndThePassGoesOn() {
        FetchPlanner planner = planner("P1D", DEFAULTS);
        PlanState state = planner.initial(at("2026-03-05T04:30:00Z"), at("2026-03-01T00:00:00Z"), null);
        Instant now = at("2026-03-05T05:00:00Z");
        Fetch nightly = planner.next(state, now).orElseThrow();
        assertEquals(Fetch.Kind.NIGHTLY_PASS, nightly.kind());
        state = planner.tooLarge(state, nightly).orElseThrow();
        Fetch smaller = planner.next(state, now).orElseThrow();
        assertEquals(new Fetch(window("2026-03-01T00:00:00Z", "2026-03-01T12:00:00Z"), Fetch.Kind.NIGHTLY_PASS),
                smaller);
        assertNull(state.forwardSplit(), "forward windows keep their size");
    }
}
