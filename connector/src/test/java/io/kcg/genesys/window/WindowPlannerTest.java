package io.kcg.genesys.window;

import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlannerTest {
    private static QueryDefinition query(String granularity, String zone) {
        String body = "{\"metrics\":[\"nOffered\"]" + (granularity == null ? "" : ",\"granularity\":\"" + granularity + "\"")
                + (zone == null ? "" : ",\"timeZone\":\"" + zone + "\"") + "}";
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("q"), Map.of("query.q.body", body));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void backfillTakesWholeDaysOfBucketsUpToTheLongestWindow() {
        WindowPlanner planner = new WindowPlanner(query("PT30M", null), IsoSpan.parse("P1D"), Duration.ofMinutes(15));
        Optional<Window> window = planner.next(at("2026-03-01T00:00:00Z"), at("2026-03-05T10:00:00Z"));
        assertEquals(new Window(at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z")), window.orElseThrow());
        assertEquals(48, planner.bucketStarts(window.get()).size());
    }

    @Test
    void liveWindowsNeverPassNowMinusSettleDelayAndEndOnBoundaries() {
        WindowPlanner planner = new WindowPlanner(query("PT30M", null), IsoSpan.parse("P1D"), Duration.ofMinutes(15));
        // now - settle = 10:04, so the last whole bucket ends at 10:00
        Window window = planner.next(at("2026-03-05T00:00:00Z"), at("2026-03-05T10:19:00Z")).orElseThrow();
        assertEquals(at("2026-03-05T10:00:00Z"), window.end());
        // the 10:00-10:30 bucket is not due until 10:45
        assertFalse(planner.next(window.end(), at("2026-03-05T10:44:59Z")).isPresent());
        assertEquals(at("2026-03-05T10:45:00Z"), planner.nextDueAt(window.end()));
        assertEquals(new Window(at("2026-03-05T10:00:00Z"), at("2026-03-05T10:30:00Z")),
                planner.next(window.end(), at("2026-03-05T10:45:00Z")).orElseThrow());
    }

    @Test
    void unalignedStartsAndOffsetsAreAlignedDownInTheQueryTimeZone() {
        WindowPlanner planner = new WindowPlanner(query("P1D", "America/New_York"), IsoSpan.parse("P7D"), Duration.ZERO);
        // 2026-03-04 03:00Z is 2026-03-03 22:00 in New York (EST, UTC-5): its day starts at 05:00Z
        assertEquals(at("2026-03-03T05:00:00Z"), planner.align(at("2026-03-04T03:00:00Z")));
    }

    @Test
    void dailyBucketsFollowDstInNewYork() {
        WindowPlanner planner = new WindowPlanner(query("P1D", "America/New_York"), IsoSpan.parse("P7D"), Duration.ZERO);
        // the week of the spring change (2026-03-08): one day has 23 hours
        Window week = planner.next(at("2026-03-07T05:00:00Z"), at("2026-04-01T00:00:00Z")).orElseThrow();
        List<Instant> starts = planner.bucketStarts(week);
        assertEquals(7, starts.size());
        assertEquals(at("2026-03-08T05:00:00Z"), starts.get(1));
        assertEquals(at("2026-03-09T04:00:00Z"), starts.get(2), "the day after the change starts at EDT midnight");
        assertEquals(Duration.ofHours(23), Duration.between(starts.get(1), starts.get(2)));
    }

    @Test
    void hourlyBucketsOnDstDaysNumber23And25() {
        WindowPlanner planner = new WindowPlanner(query("PT1H", "America/New_York"), IsoSpan.parse("P1D"), Duration.ZERO);
        Window spring = planner.next(at("2026-03-08T05:00:00Z"), at("2026-04-01T00:00:00Z")).orElseThrow();
        assertEquals(23, planner.bucketStarts(spring).size());
        Window fall = planner.next(at("2026-11-01T04:00:00Z"), at("2026-12-01T00:00:00Z")).orElseThrow();
        assertEquals(25, planner.bucketStarts(fall).size());
    }

    @Test
    void withoutGranularityEachWindowIsOneBucketOfTheWindowSize() {
        WindowPlanner planner = new WindowPlanner(query(null, null), IsoSpan.parse("PT1H"), Duration.ZERO);
        Window window = planner.next(at("2026-03-01T00:20:00Z"), at("2026-03-01T05:00:00Z")).orElseThrow();
        assertEquals(new Window(at("2026-03-01T00:00:00Z"), at("2026-03-01T01:00:00Z")), window);
    }

    @Test
    void monthlyBucketsStartOnTheFirst() {
        WindowPlanner planner = new WindowPlanner(query("P1M", null), IsoSpan.parse("P1M"), Duration.ZERO);
        Window window = planner.next(at("2026-02-14T00:00:00Z"), at("2026-06-01T00:00:00Z")).orElseThrow();
        assertEquals(new Window(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")), window);
    }
}
