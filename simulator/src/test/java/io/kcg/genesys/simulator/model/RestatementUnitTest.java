package io.kcg.genesys.simulator.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestatementUnitTest {

    private static final Restatement RESTATEMENT = new Restatement(42, ModelConstants.DEFAULT_RESTATEMENT_HORIZON);

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void jobsRunDailyAtTwoUtc() {
        assertEquals(at("2026-03-09T02:00:00Z"), Restatement.firstJobAtOrAfter(at("2026-03-09T01:59:59Z")));
        assertEquals(at("2026-03-09T02:00:00Z"), Restatement.firstJobAtOrAfter(at("2026-03-09T02:00:00Z")));
        assertEquals(at("2026-03-10T02:00:00Z"), Restatement.firstJobAtOrAfter(at("2026-03-09T02:00:00.001Z")));
    }

    @Test
    void sharesOfChangedAndDeletedConversationsMatchTheConstants() {
        Directory directory = Directory.generate(42, 3, 8);
        List<Conversation> day = new ArrayList<>();
        new ConversationGenerator(42, directory).forEachArriving(at("2026-03-02T00:00:00Z"),
            at("2026-03-05T00:00:00Z"), day::add);
        long beforeAnyJob = at("2026-03-04T01:00:00Z");
        long afterAllJobs = at("2026-03-20T00:00:00Z");
        int deleted = 0;
        int changed = 0;
        for (Conversation c : day) {
            if (c.endMs() + ModelConstants.RESTATEMENT_MIN_AGE.toMillis() > beforeAnyJob) {
                assertSame(c, RESTATEMENT.apply(c, beforeAnyJob), "nothing is restated before it is 48 h old");
            }
            Conversation last = RESTATEMENT.apply(c, afterAllJobs);
            if (last == null) {
                deleted++;
            } else if (last.acwMs() != c.acwMs()) {
                changed++;
                assertEquals(c.handleMs() - c.acwMs(), last.handleMs() - last.acwMs());
                assertTrue(last.acwMs() >= 1000 && last.acwMs() <= ModelConstants.ACW_MAX.toMillis());
            }
        }
        // Twelve jobs see each conversation (ages 48 h to 14 days).
        double jobs = (ModelConstants.DEFAULT_RESTATEMENT_HORIZON.minus(ModelConstants.RESTATEMENT_MIN_AGE)).toDays();
        assertEquals(Duration.ofDays(12), Duration.ofDays((long) jobs));
        double deletedShare = (double) deleted / day.size();
        double changedShare = (double) changed / day.size();
        double kept = Math.pow(1 - ModelConstants.RESTATEMENT_DELETE_SHARE, jobs);
        assertTrue(Math.abs(deletedShare - (1 - kept)) < 0.01, "deleted " + deletedShare);
        double expectedChanged = kept - Math.pow(1 - ModelConstants.RESTATEMENT_DELETE_SHARE
            - ModelConstants.RESTATEMENT_ACW_SHARE, jobs); // restated once at least, never deleted (abandons aside)
        assertTrue(changedShare > expectedChanged * 0.7 && changedShare < expectedChanged * 1.1,
            "changed " + changedShare + ", about " + expectedChanged);
    }

    @Test
    void theHorizonBoundsHowOldARestatedConversationMayBe() {
        Directory directory = Directory.generate(42, 3, 8);
        List<Conversation> day = new ArrayList<>();
        new ConversationGenerator(42, directory).forEachArriving(at("2026-03-02T00:00:00Z"),
            at("2026-03-03T00:00:00Z"), day::add);
        Restatement fourDays = new Restatement(42, Duration.ofDays(4));
        Restatement twentyDays = new Restatement(42, Duration.ofDays(20));
        long afterFourDays = at("2026-03-07T04:00:00Z"); // past every job a four-day horizon runs on this day
        int changedLater = 0;
        for (Conversation c : day) {
            Conversation atFour = fourDays.apply(c, afterFourDays);
            Conversation muchLater = fourDays.apply(c, at("2026-04-01T00:00:00Z"));
            assertEquals(atFour == null, muchLater == null, "no job deletes a conversation older than the horizon");
            if (atFour != null) {
                assertEquals(atFour.acwMs(), muchLater.acwMs(), "no job restates a conversation older than the horizon");
            }
            Conversation atTwenty = twentyDays.apply(c, at("2026-04-01T00:00:00Z"));
            if (atFour != null && (atTwenty == null || atTwenty.acwMs() != atFour.acwMs())) {
                changedLater++;
            }
        }
        assertTrue(changedLater > day.size() / 10, "a longer horizon restates older data: " + changedLater);
        assertThrows(IllegalArgumentException.class, () -> new Restatement(1, Duration.ofHours(48)));
    }
}
