package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BucketsTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void anInstantOnABoundaryBelongsToTheBucketItStarts() {
        Buckets buckets = Buckets.of(at("2026-03-09T00:00:00Z"), at("2026-03-09T02:00:00Z"),
            Granularity.parse("PT30M"), ZoneOffset.UTC);
        assertEquals(4, buckets.count());
        assertEquals(0, buckets.indexOf(at("2026-03-09T00:00:00Z")));
        assertEquals(0, buckets.indexOf(at("2026-03-09T00:29:59.999Z")));
        assertEquals(1, buckets.indexOf(at("2026-03-09T00:30:00Z")));
        assertEquals(3, buckets.indexOf(at("2026-03-09T01:59:59.999Z")));
        assertEquals(-1, buckets.indexOf(at("2026-03-09T02:00:00Z")), "the end is exclusive");
        assertEquals(-1, buckets.indexOf(at("2026-03-08T23:59:59.999Z")));
    }

    @Test
    void noGranularityIsOneBucket() {
        Buckets buckets = Buckets.of(at("2026-03-09T00:00:00Z"), at("2026-03-12T00:00:00Z"), null, ZoneOffset.UTC);
        assertEquals(1, buckets.count());
        assertEquals(at("2026-03-12T00:00:00Z"), buckets.end(0));
    }

    @Test
    void monthsStepFromTheStartWithoutDrift() {
        Buckets buckets = Buckets.of(at("2026-01-31T00:00:00Z"), at("2026-04-30T00:00:00Z"),
            Granularity.parse("P1M"), ZoneOffset.UTC);
        assertEquals(at("2026-02-28T00:00:00Z"), buckets.end(0));
        assertEquals(at("2026-03-31T00:00:00Z"), buckets.end(1));
        assertEquals(at("2026-04-30T00:00:00Z"), buckets.end(2));
    }

    @Test
    void hoursAreExactTimeAcrossDst() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Buckets buckets = Buckets.of(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"),
            Granularity.parse("PT1H"), newYork);
        assertEquals(23, buckets.count());
        for (int i = 0; i < buckets.count(); i++) {
            assertEquals(Duration.ofHours(1).toMillis(), buckets.end(i) - buckets.start(i));
        }
    }

    @Test
    void combinedGranularitiesStepBothParts() {
        Granularity dayAndAHalf = Granularity.parse("P1DT12H");
        Buckets buckets = Buckets.of(at("2026-03-01T00:00:00Z"), at("2026-03-04T00:00:00Z"), dayAndAHalf,
            ZoneOffset.UTC);
        assertEquals(2, buckets.count());
        assertEquals(at("2026-03-02T12:00:00Z"), buckets.end(0));
        assertEquals(Duration.ofDays(7), Duration.ofMillis(Buckets.of(0, Duration.ofDays(7).toMillis(),
            Granularity.parse("P1W"), ZoneOffset.UTC).end(0)));
    }

    @Test
    void granularitiesOutsideTheFormatOrBelowAMinuteAreInvalidValues() {
        for (String bad : new String[] {"", "P", "PT", "30M", "PT0M", "PT59S", "P-1D", "PT1X", "1 hour"}) {
            assertEquals("invalid.value", assertThrows(GenesysApiException.class, () -> Granularity.parse(bad),
                bad).code());
        }
    }

    @Test
    void tooManyBucketsIsABadRequest() {
        assertEquals("bad.request", assertThrows(GenesysApiException.class, () -> Buckets.of(
            at("2020-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), Granularity.parse("PT1M"), ZoneOffset.UTC))
            .code());
    }
}
