package io.kcg.genesys.source;

import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.window.WindowPlanner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The backfill's INFO line: throttled, with windows done and to go, the ISO watermark and an ETA at the pace so far. */
class BackfillProgressTest {
    private static final Instant NEWEST = Instant.parse("2026-03-11T00:00:00Z");

    private static final class WallClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

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

    private static WindowPlanner planner() {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("q"),
                Map.of("query.q.body", "{\"metrics\":[\"nOffered\"],\"granularity\":\"PT30M\"}"));
        return new WindowPlanner(result.queries().get(0), IsoSpan.parse("P1D"), Duration.ofMinutes(15));
    }

    @Test
    void oneLineEveryThirtySecondsWithWindowsToGoAndAnEta() {
        WallClock wall = new WallClock();
        BackfillProgress progress = new BackfillProgress("queues", planner(), wall);
        Instant watermark = Instant.parse("2026-03-01T00:00:00Z");
        String line = null;
        // A window of a day every 10 s: the first line after 30 s, at the fourth window (3 windows in 30 s).
        for (int i = 1; i <= 4; i++) {
            watermark = watermark.plus(Duration.ofDays(1));
            line = progress.windowDone(watermark, NEWEST);
            if (i < 4) {
                assertNull(line, "throttled: " + line);
            }
            wall.now = wall.now.plusSeconds(10);
        }
        assertEquals("Query queues backfill: 4 windows done, 6 to go; watermark 2026-03-05T00:00:00Z, PT144H behind "
                + "the newest settled bucket; ETA PT45S (2026-12-01T12:01:15Z)", line);
        for (int i = 5; i <= 9; i++) {
            watermark = watermark.plus(Duration.ofDays(1));
            progress.windowDone(watermark, NEWEST);
            wall.now = wall.now.plusSeconds(10);
        }
        assertEquals("Query queues caught up: watermark 2026-03-11T00:00:00Z, 10 windows in PT1M30S",
                progress.windowDone(NEWEST, NEWEST));
    }

    @Test
    void liveFollowingLogsNothing() {
        WallClock wall = new WallClock();
        BackfillProgress progress = new BackfillProgress("queues", planner(), wall);
        Instant bucket = NEWEST;
        for (int i = 0; i < 5; i++) {
            bucket = bucket.plus(Duration.ofMinutes(30));
            wall.now = wall.now.plus(Duration.ofMinutes(30));
            assertNull(progress.windowDone(bucket, bucket));
        }
    }
}
