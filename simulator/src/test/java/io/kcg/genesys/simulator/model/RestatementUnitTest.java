package io.kcg.genesys.simulator.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestatementUnitTest {

    private static final Restatement RESTATEMENT = new Restatement(42);

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
        // Five jobs see each conversation (ages 48 h to 7 days).
        double jobs = (ModelConstants.RESTATEMENT_MAX_AGE.minus(ModelConstants.RESTATEMENT_MIN_AGE)).toDays();
        double deletedShare = (double) deleted / day.size();
        double changedShare = (double) changed / day.size();
        assertTrue(Math.abs(deletedShare - jobs * ModelConstants.RESTATEMENT_DELETE_SHARE) < 0.01, "deleted " + deletedShare);
        assertTrue(changedShare > 0.08 && changedShare < 0.2, "changed " + changedShare);
        assertEquals(Duration.ofDays(5), Duration.ofDays((long) jobs));
    }
}
