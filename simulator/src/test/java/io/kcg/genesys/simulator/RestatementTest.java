package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.model.ModelConstants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nightly job restates data at least 48 h old: ACW changes, some conversations disappear. */
class RestatementTest {

    /** The job of 2026-03-07 restates what ended up to 2026-03-05T02:00Z: all of 2026-03-04. */
    private static final Instant JOB = LocalDate.parse("2026-03-07")
        .atTime(ModelConstants.RESTATEMENT_JOB_TIME_UTC).toInstant(ZoneOffset.UTC);
    private static final String OLD_DAY = "2026-03-04T00:00:00Z/2026-03-05T00:00:00Z";

    private final GenesysSimulator sim = GenesysSimulator.builder().seed(17)
        .fixedClock(JOB.minusMillis(1)).build();

    private String answerAt(Instant now, String query) {
        sim.clock().set(now);
        return sim.groundTruth("conversations", query);
    }

    @Test
    void theJobChangesAfterCallWorkAndDeletesConversationsOfOldBuckets() {
        String query = Queries.interval(OLD_DAY).granularity("PT30M").groupBy("queueId").allMetrics().json();
        Rows before = Rows.parse(answerAt(JOB.minusMillis(1), query));
        Rows after = Rows.parse(answerAt(JOB, query));

        assertTrue(after.totalCount("nOffered") < before.totalCount("nOffered"), "deleted conversations vanish");
        assertTrue(after.totalCount("tAcw") < before.totalCount("tAcw"));
        Map<String, JsonNode> beforeByKey = before.byKey();
        int changedAcw = 0;
        for (Rows.Row row : after.metric("tAcw").rows()) {
            JsonNode old = beforeByKey.get(row.group() + "|" + row.interval() + "|tAcw|null");
            assertTrue(old != null, "a restatement adds no bucket");
            assertTrue(row.count() <= old.get("count").asLong());
            if (row.count() == old.get("count").asLong() && row.sum() != old.get("sum").asLong()) {
                changedAcw++;
            }
        }
        assertTrue(changedAcw > 0, "some buckets keep their conversations but change their ACW");
    }

    @Test
    void aRestatedConversationsHandleTimeMovesWithItsAfterCallWork() {
        String query = Queries.interval(OLD_DAY).groupBy("conversationId").metrics("tAcw", "tHandle").json();
        Map<String, JsonNode> before = Rows.parse(answerAt(JOB.minusMillis(1), query)).byKey();
        Map<String, JsonNode> after = Rows.parse(answerAt(JOB, query)).byKey();
        int restated = 0;
        for (Map.Entry<String, JsonNode> acw : after.entrySet()) {
            if (!acw.getKey().contains("|tAcw|")) {
                continue;
            }
            String handleKey = acw.getKey().replace("|tAcw|", "|tHandle|");
            long newAcw = acw.getValue().get("sum").asLong();
            long oldAcw = before.get(acw.getKey()).get("sum").asLong();
            long newHandle = after.get(handleKey).get("sum").asLong();
            long oldHandle = before.get(handleKey).get("sum").asLong();
            assertEquals(oldHandle - oldAcw, newHandle - newAcw, "talk and hold are never restated");
            if (newAcw != oldAcw) {
                restated++;
            }
        }
        // About RESTATEMENT_ACW_SHARE of the day's answered conversations.
        assertTrue(restated > 0 && restated < after.size() * 3 * ModelConstants.RESTATEMENT_ACW_SHARE,
            "restated " + restated + " of " + after.size() / 2);
    }

    @Test
    void deletedConversationsTakeTheirGroupsWithThem() {
        String query = Queries.interval(OLD_DAY).groupBy("conversationId").metrics("nOffered").json();
        Set<Map<String, String>> before = new HashSet<>(Rows.parse(answerAt(JOB.minusMillis(1), query)).groups());
        Set<Map<String, String>> after = new HashSet<>(Rows.parse(answerAt(JOB, query)).groups());
        assertTrue(before.containsAll(after));
        assertTrue(after.size() < before.size());
        // About RESTATEMENT_DELETE_SHARE of them, per job.
        double share = (double) (before.size() - after.size()) / before.size();
        assertTrue(share < 5 * ModelConstants.RESTATEMENT_DELETE_SHARE, "deleted share " + share);
    }

    @Test
    void dataYoungerThan48HoursAtTheJobIsNotTouched() {
        Instant youngStart = JOB.minus(ModelConstants.RESTATEMENT_MIN_AGE);
        String query = Queries.interval(youngStart, youngStart.plus(Duration.ofHours(22)))
            .granularity("PT30M").groupBy("queueId", "userId").allMetrics().json();
        assertEquals(answerAt(JOB.minusMillis(1), query), answerAt(JOB, query));
    }

    @Test
    void laterJobsKeepRestatingUntilTheDataIsOlderThanTheHorizon() {
        // OLD_DAY ended at JOB minus 48 h: the default horizon of 14 days lets twelve jobs restate it.
        String query = Queries.interval(OLD_DAY).groupBy("queueId").metrics("tAcw", "nOffered").json();
        String afterFirst = answerAt(JOB, query);
        String afterSecond = answerAt(JOB.plus(Duration.ofDays(1)), query);
        assertNotEquals(afterFirst, afterSecond);
        String tenDaysLater = answerAt(JOB.plus(Duration.ofDays(10)), query);
        assertNotEquals(answerAt(JOB.plus(Duration.ofDays(9)), query), tenDaysLater, "still restated at 12 days");
        String lastJob = answerAt(JOB.plus(Duration.ofDays(12)), query);
        assertEquals(lastJob, answerAt(JOB.plus(Duration.ofDays(40)), query), "past the horizon the data is final");
    }
}
