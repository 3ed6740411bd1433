package io.kcg.genesys.simulator;

import io.kcg.genesys.simulator.model.ModelConstants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics post to the bucket of their emission and become visible after the pipeline's latency. */
class LateDataTest {

    private static final Instant BUCKET_START = Instant.parse("2026-03-09T10:00:00Z");
    private static final Instant BUCKET_END = Instant.parse("2026-03-09T10:30:00Z");
    private static final String BUCKET = Queries.interval(BUCKET_START, BUCKET_END)
        .groupBy("queueId").allMetrics().json();

    private static Rows at(GenesysSimulator sim, Instant now) {
        sim.clock().set(now);
        return Rows.parse(sim.groundTruth("conversations", BUCKET));
    }

    @Test
    void aClosedBucketKeepsGrowingUntilTheIngestionDelayHasPassedAndThenStays() {
        GenesysSimulator sim = GenesysSimulator.builder().seed(21).fixedClock(BUCKET_START).build();
        assertTrue(at(sim, BUCKET_START).isEmpty(), "nothing is visible before it happens");

        Rows open = at(sim, BUCKET_START.plus(Duration.ofMinutes(15)));
        Rows justClosed = at(sim, BUCKET_END);
        Rows settled = at(sim, BUCKET_END.plus(ModelConstants.INGESTION_DELAY_MAX));

        for (String metric : new String[] {"nOffered", "tHandle", "tTalk", "tAnswered"}) {
            assertTrue(open.totalCount(metric) < justClosed.totalCount(metric), metric + " grows while open");
            assertTrue(justClosed.totalCount(metric) <= settled.totalCount(metric), metric + " never shrinks");
        }
        long lateOffered = settled.totalCount("nOffered") - justClosed.totalCount("nOffered");
        long lateHandled = settled.totalCount("tHandle") - justClosed.totalCount("tHandle");
        assertTrue(lateOffered + lateHandled > 0, "some metrics of the bucket arrive after it closed");

        // After the maximum delay nothing changes any more (restatement only starts 48 h later).
        String settledBody = sim.groundTruth("conversations", BUCKET);
        for (Duration later : new Duration[] {Duration.ofMinutes(1), ModelConstants.METRIC_LAG_MAX, Duration.ofHours(40)}) {
            sim.clock().set(BUCKET_END.plus(ModelConstants.INGESTION_DELAY_MAX).plus(later));
            assertEquals(settledBody, sim.groundTruth("conversations", BUCKET), "changed " + later + " later");
        }
    }

    @Test
    void aConversationsLaterMetricsPostToLaterBucketsWithinTheMaximumLag() {
        GenesysSimulator sim = GenesysSimulator.builder().seed(21)
            .fixedClock(Instant.parse("2026-03-10T00:00:00Z")).build();
        // The bucket after our half hour receives tHandle of conversations offered in it (and before).
        Instant next = BUCKET_END.plus(Duration.ofMinutes(30));
        Rows following = Rows.parse(sim.groundTruth("conversations",
            Queries.interval(BUCKET_END, next).metrics("tHandle", "nOffered").json()));
        assertTrue(following.totalCount("tHandle") > 0);
        // Nothing emitted at or after the interval end is counted in it, however long we wait.
        Rows bucket = Rows.parse(sim.groundTruth("conversations", Queries.interval(BUCKET_START, BUCKET_END)
            .metrics("tHandle").json()));
        Rows twoBuckets = Rows.parse(sim.groundTruth("conversations", Queries.interval(BUCKET_START, next)
            .metrics("tHandle").json()));
        assertEquals(twoBuckets.totalCount("tHandle"), bucket.totalCount("tHandle") + following.totalCount("tHandle"));
    }
}
