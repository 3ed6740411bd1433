package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's arithmetic: sums over buckets, KPIs from sums (not averages of averages), restated buckets. */
class ReportTest {
    static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

    static Bucket bucket(String media, Instant start, long offered, long answered, long abandoned, double handleSum,
                         long handleCount, double slNum, double slDen, int revision) {
        return new Bucket("q1", media, start, start.plusSeconds(1800), offered, answered, abandoned, handleSum,
                handleCount, slNum, slDen, revision);
    }

    @Test
    void dailyKpisComeFromSumsOverTheBuckets() {
        BucketStore store = new BucketStore();
        store.put(bucket("voice", DAY, 10, 9, 1, 9 * 300_000, 9, 8, 10, 0));
        store.put(bucket("voice", DAY.plusSeconds(1800), 30, 25, 5, 25 * 120_000, 25, 15, 30, 0));
        DailyReport report = DailyReport.of(store.all(), Map.of("q1", "Support"), DAY, DAY.plusSeconds(86_400));

        List<DailyReport.Line> lines = report.lines();
        assertEquals(1, lines.size());
        Totals t = lines.get(0).totals();
        assertEquals(40, t.offered);
        assertEquals(34, t.answered);
        assertEquals(6.0 / 40, t.abandonRate(), 1e-9);
        assertEquals((9 * 300_000.0 + 25 * 120_000.0) / 34, t.averageHandleMs(), 1e-6);
        assertEquals(23.0 / 40, t.serviceLevel(), 1e-9, "numerators over denominators, not a mean of ratios");
        assertFalse(lines.get(0).partialDay());
        String text = report.render();
        assertTrue(text.contains("Support  queue q1"), text);
        assertTrue(text.contains("15.0%") && text.contains("57.5%") && text.contains("2:48"), text);
    }

    @Test
    void theLatestRecordOfABucketWinsAndATombstoneRemovesIt() {
        BucketStore store = new BucketStore();
        store.put(bucket("voice", DAY, 10, 9, 1, 0, 0, 0, 0, 0));
        store.put(bucket("voice", DAY, 11, 9, 1, 0, 0, 0, 0, 1)); // restated
        store.put(bucket("chat", DAY, 3, 3, 0, 0, 0, 0, 0, 0));
        assertEquals(2, store.size());
        assertEquals(11, store.all().stream().filter(b -> b.mediaType().equals("voice")).findFirst().get().offered());

        ObjectNode key = new ObjectMapper().createObjectNode().put("query_name", "q").put("interval_start",
                DAY.toEpochMilli()).put("queue_id", "q1").put("media_type", "chat").put("group_extra", "{}");
        store.remove(Bucket.keyOf(key));
        assertEquals(List.of("voice"), store.all().stream().map(Bucket::mediaType).toList());
    }

    @Test
    void aBucketIsReadFromAWideRecordOfContractV2() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Bucket bucket = Bucket.of(json.readTree("{\"query_name\":\"q\",\"interval_start\":" + DAY.toEpochMilli()
                + ",\"interval_end\":" + DAY.plusSeconds(1800).toEpochMilli() + ",\"granularity\":\"PT30M\","
                + "\"queue_id\":\"q1\",\"media_type\":\"voice\",\"group_extra\":\"{}\",\"n_offered_count\":10,"
                + "\"t_answered_count\":9,\"t_abandon_count\":1,\"t_handle_sum\":2700000.0,\"t_handle_count\":9,"
                + "\"o_service_level_numerator\":8.0,\"o_service_level_denominator\":10.0,\"metrics_extra\":null,"
                + "\"revision\":2}"));
        assertEquals(bucket("voice", DAY, 10, 9, 1, 2_700_000.0, 9, 8, 10, 2), bucket);
        assertEquals(null, Bucket.of(json.readTree("{\"interval_start\":0,\"queue_id\":\"-\",\"media_type\":\"voice\"}")),
                "a record without a queue is no queue bucket");
    }

    @Test
    void daysTheBackfillCutsAreMarkedPartial() {
        BucketStore store = new BucketStore();
        store.put(bucket("chat", DAY.plusSeconds(3600), 1, 1, 0, 0, 0, 0, 0, 0));
        DailyReport report = DailyReport.of(store.all(), Map.of(), DAY.plusSeconds(3600), DAY.plusSeconds(90_000));
        assertTrue(report.lines().get(0).partialDay());
        assertTrue(report.render().contains("2026-03-10*"));
    }

    @Test
    void theHtmlPageIsSelfContained() {
        BucketStore store = new BucketStore();
        store.put(bucket("voice", DAY, 10, 9, 1, 9 * 300_000, 9, 8, 10, 0));
        store.put(bucket("chat", DAY.plusSeconds(1800), 4, 4, 0, 4 * 300_000, 4, 4, 4, 0));
        List<Bucket> all = store.all();
        DailyReport report = DailyReport.of(all, Map.of("q1", "Sales <B&C>"), DAY, DAY.plusSeconds(86_400));
        String page = HtmlReport.render("t", "s", all, report, DAY, DAY.plusSeconds(86_400));
        assertEquals(2, DemoIT.count(page, "<svg"));
        assertTrue(page.contains("Sales &lt;B&amp;C&gt;"), "names are escaped");
        assertFalse(page.contains("<script") || page.contains("src=") || page.contains("<link"));
    }

    @Test
    void axisTopsAreRoundNumbers() {
        assertEquals(10, HtmlReport.niceCeiling(7));
        assertEquals(40, HtmlReport.niceCeiling(33));
        assertEquals(500, HtmlReport.niceCeiling(420));
    }
}
