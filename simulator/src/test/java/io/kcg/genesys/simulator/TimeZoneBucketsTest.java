package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buckets are cut by stepping the granularity from the interval start in the query's time zone. */
class TimeZoneBucketsTest {

    private static final GenesysSimulator SIM = GenesysSimulator.builder().seed(5)
        .fixedClock(Instant.parse("2026-12-01T00:00:00Z")).build();
    private static final String VOICE = "{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]}";

    /** Bucket intervals of each queue's voice group. */
    private static Map<String, List<String>> intervalsByQueue(String query) {
        Rows rows = Rows.parse(SIM.groundTruth("conversations", query)).metric("nOffered");
        return rows.rows().stream().collect(Collectors.groupingBy(r -> r.group().get("queueId"),
            Collectors.mapping(Rows.Row::interval, Collectors.toList())));
    }

    private static Duration length(String interval) {
        String[] ends = interval.split("/");
        return Duration.between(Instant.parse(ends[0]), Instant.parse(ends[1]));
    }

    @Test
    void springForwardDayHas23HourlyBuckets() {
        Map<String, List<String>> byQueue = intervalsByQueue(Queries
            .interval("2026-03-08T00:00:00-05:00/2026-03-09T00:00:00-04:00").granularity("PT1H")
            .timeZone("America/New_York").groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        assertEquals(SIM.queueIds().size(), byQueue.size());
        byQueue.values().forEach(intervals -> assertEquals(23, intervals.size()));
        byQueue.values().forEach(intervals -> intervals.forEach(i -> assertEquals(Duration.ofHours(1), length(i))));
        assertEquals("2026-03-08T05:00:00.000Z/2026-03-08T06:00:00.000Z", byQueue.values().iterator().next().get(0));
    }

    @Test
    void fallBackDayHas25HourlyBuckets() {
        Map<String, List<String>> byQueue = intervalsByQueue(Queries
            .interval("2026-11-01T00:00:00-04:00/2026-11-02T00:00:00-05:00").granularity("PT1H")
            .timeZone("America/New_York").groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        assertEquals(SIM.queueIds().size(), byQueue.size());
        byQueue.values().forEach(intervals -> assertEquals(25, intervals.size()));
        byQueue.values().forEach(intervals -> intervals.forEach(i -> assertEquals(Duration.ofHours(1), length(i))));
    }

    @Test
    void dailyBucketsFollowLocalMidnightsAcrossDst() {
        Map<String, List<String>> spring = intervalsByQueue(Queries
            .interval("2026-03-07T00:00:00-05:00/2026-03-10T00:00:00-04:00").granularity("P1D")
            .timeZone("America/New_York").groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        for (List<String> days : spring.values()) {
            assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(23), Duration.ofHours(24)),
                days.stream().map(TimeZoneBucketsTest::length).toList());
            assertEquals("2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z", days.get(1));
        }
        Map<String, List<String>> fall = intervalsByQueue(Queries
            .interval("2026-10-31T00:00:00-04:00/2026-11-03T00:00:00-05:00").granularity("P1D")
            .timeZone("America/New_York").groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        for (List<String> days : fall.values()) {
            assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(25), Duration.ofHours(24)),
                days.stream().map(TimeZoneBucketsTest::length).toList());
        }
    }

    @Test
    void utcDaysStayTwentyFourHoursAndMonthsFollowTheCalendar() {
        Map<String, List<String>> utc = intervalsByQueue(Queries
            .interval("2026-03-07T00:00:00Z/2026-03-10T00:00:00Z").granularity("P1D")
            .groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        utc.values().forEach(days -> assertEquals(3, days.stream().map(TimeZoneBucketsTest::length)
            .filter(Duration.ofHours(24)::equals).count()));
        Map<String, List<String>> months = intervalsByQueue(Queries
            .interval("2026-01-01T00:00:00Z/2026-04-01T00:00:00Z").granularity("P1M")
            .groupBy("queueId").metrics("nOffered").filter(VOICE).json());
        months.values().forEach(m -> assertEquals(List.of(
            "2026-01-01T00:00:00.000Z/2026-02-01T00:00:00.000Z",
            "2026-02-01T00:00:00.000Z/2026-03-01T00:00:00.000Z",
            "2026-03-01T00:00:00.000Z/2026-04-01T00:00:00.000Z"), m));
    }

    @Test
    void anIntervalWithOffsetsIsTheSameWindowAsItsUtcSpelling() {
        String withOffsets = Queries.interval("2026-03-09T01:00:00+01:00/2026-03-09T13:00:00+01:00")
            .granularity("PT30M").groupBy("queueId").allMetrics().json();
        String inUtc = Queries.interval("2026-03-09T00:00:00.000Z/2026-03-09T12:00:00.000Z")
            .granularity("PT30M").groupBy("queueId").allMetrics().json();
        assertEquals(SIM.groundTruth("conversations", inUtc), SIM.groundTruth("conversations", withOffsets));
    }

    @Test
    void anUnevenLastBucketEndsAtTheIntervalEnd() {
        Rows rows = Rows.parse(SIM.groundTruth("conversations", Queries
            .interval("2026-03-09T10:07:00Z/2026-03-09T11:00:00Z").granularity("PT30M").metrics("nOffered").json()));
        List<String> intervals = rows.rows().stream().map(Rows.Row::interval).distinct().sorted().toList();
        assertEquals(List.of("2026-03-09T10:07:00.000Z/2026-03-09T10:37:00.000Z",
            "2026-03-09T10:37:00.000Z/2026-03-09T11:00:00.000Z"), intervals);
    }
}
