package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollup against the report: only whole days count, a row must add up as many buckets to the same figures. */
class RollupCheckTest {
    static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");
    static final LocalDate DATE = LocalDate.parse("2026-03-10");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Two whole days (10th, 11th) and the partial 12th: the backfill ends at noon. */
    static DailyReport report() {
        BucketStore store = new BucketStore();
        for (int day = 0; day < 3; day++) {
            Instant start = DAY.plusSeconds(day * 86_400L);
            store.put(ReportTest.bucket("voice", start, 10, 9, 1, 9_000, 9, 8, 10, 0));
            store.put(ReportTest.bucket("voice", start.plusSeconds(1800), 20, 18, 2, 18_000, 18, 15, 20, 0));
        }
        return DailyReport.of(store.all(), Map.of("q1", "Support"), DAY, DAY.plusSeconds(2 * 86_400 + 43_200));
    }

    static RollupRow row(LocalDate day, long offered, long answered, long buckets) throws IOException {
        return RollupRow.of(JSON.readTree("{\"day\":\"" + day + "\",\"queue_id\":\"q1\",\"media_type\":\"voice\","
                + "\"queue_name\":\"Support\",\"offered\":" + offered + ",\"answered\":" + answered
                + ",\"abandon_rate\":0.1,\"aht_ms\":1000.0,\"service_level\":null,\"buckets\":" + buckets + "}"));
    }

    static Map<RollupRow.Key, RollupRow> rows(RollupRow... rows) {
        Map<RollupRow.Key, RollupRow> map = new HashMap<>();
        for (RollupRow row : rows) {
            map.put(row.key(), row);
        }
        return map;
    }

    @Test
    void equalWholeDaysPassAndThePartialDayIsNotCompared() throws IOException {
        RollupCheck check = new RollupCheck(report());
        assertEquals(2, check.rows());
        Map<RollupRow.Key, RollupRow> rollup = rows(row(DATE, 30, 27, 2), row(DATE.plusDays(1), 30, 27, 2),
                row(DATE.plusDays(2), 99, 99, 5));
        assertTrue(check.complete(rollup));
        assertEquals(List.of(), check.differences(rollup));
        String block = check.render(rollup, report(), 10);
        assertTrue(block.contains("2026-03-11  Support        voice           30       27    10.0%     0:01         -"),
                block);
        assertFalse(block.contains("2026-03-10  Support"), "only the last whole day: " + block);
    }

    @Test
    void aMissingRowOrOneWithFewerBucketsIsIncompleteAndDifferentFiguresAreNamed() throws IOException {
        RollupCheck check = new RollupCheck(report());
        assertFalse(check.complete(rows(row(DATE, 30, 27, 2))));
        assertFalse(check.complete(rows(row(DATE, 10, 9, 1), row(DATE.plusDays(1), 30, 27, 2))));

        Map<RollupRow.Key, RollupRow> wrong = rows(row(DATE, 30, 26, 2), row(DATE.plusDays(1), 30, 27, 2));
        assertTrue(check.complete(wrong), "all buckets read");
        assertEquals(List.of("2026-03-10 queue q1 voice: rollup offered 30, answered 26 (2 buckets); report offered "
                + "30, answered 27 (2 buckets)"), check.differences(wrong));
        assertEquals(1, check.differences(rows(row(DATE, 30, 27, 2))).size(), "a missing row is a difference");
    }
}
