package io.kcg.genesys.simulator.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversationGeneratorTest {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final Directory DIRECTORY = Directory.generate(42, 3, 8);
    private static final ConversationGenerator GENERATOR = new ConversationGenerator(42, DIRECTORY);
    /** Monday 2026-03-09. */
    private static final long MONDAY = Instant.parse("2026-03-09T00:00:00Z").toEpochMilli();

    private static List<Conversation> day(long startMs) {
        List<Conversation> all = new ArrayList<>();
        GENERATOR.forEachArriving(startMs, startMs + DAY_MS, all::add);
        return all;
    }

    @Test
    void everyConversationStaysWithinTheDocumentedBounds() {
        List<Conversation> conversations = day(MONDAY);
        long lagMax = ModelConstants.METRIC_LAG_MAX.toMillis();
        long delayMax = ModelConstants.INGESTION_DELAY_MAX.toMillis();
        for (Conversation c : conversations) {
            long arrival = c.emittedAt(Moment.ARRIVAL);
            assertTrue(c.endMs() - arrival <= lagMax, "lag");
            assertTrue(arrival <= c.emittedAt(Moment.ANSWER_OR_ABANDON));
            for (Moment m : Moment.values()) {
                long delay = c.visibleAt(m) - c.emittedAt(m);
                assertTrue(delay >= 0 && delay <= delayMax, "ingestion delay " + delay);
            }
            if (!c.abandoned()) {
                assertTrue(c.emittedAt(Moment.ANSWER_OR_ABANDON) < c.emittedAt(Moment.TALK_END));
                assertTrue(c.emittedAt(Moment.TALK_END) < c.emittedAt(Moment.WRAP_UP_END));
                assertEquals(c.queueIndex(), DIRECTORY.agents().get(c.agentIndex()).queueIndex(),
                    "answered by an agent of its queue");
                assertTrue(c.wrapUpIndex() >= 0);
            } else {
                assertEquals(-1, c.agentIndex());
            }
        }
    }

    @Test
    void aSlotIsComputedOnItsOwnAndAlwaysTheSame() {
        long slot = MONDAY / ModelConstants.SLOT.toMillis() + 130;
        List<Conversation> first = GENERATOR.slot(1, MediaType.CHAT, slot);
        ConversationGenerator fresh = new ConversationGenerator(42, Directory.generate(42, 3, 8));
        List<Conversation> again = fresh.slot(1, MediaType.CHAT, slot);
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).key(), again.get(i).key());
            assertEquals(first.get(i).handleMs(), again.get(i).handleMs());
            assertEquals(first.get(i).visibleAt(Moment.WRAP_UP_END), again.get(i).visibleAt(Moment.WRAP_UP_END));
        }
    }

    @Test
    void volumeIsModestAndFollowsTheWeek() {
        List<Conversation> monday = day(MONDAY);
        List<Conversation> saturday = day(MONDAY + 5 * DAY_MS);
        int perQueue = monday.size() / DIRECTORY.queues().size();
        assertTrue(perQueue > 200 && perQueue < 1500, "per queue per day: " + perQueue);
        assertTrue(saturday.size() < monday.size() * 0.8, "weekends are quieter");
        Set<Long> keys = new HashSet<>();
        monday.forEach(c -> keys.add(c.key()));
        assertEquals(monday.size(), keys.size(), "conversation keys are unique");
    }

    @Test
    void everyHalfHourHasVoiceArrivalsInEveryQueue() {
        long halfHour = Duration.ofMinutes(30).toMillis();
        for (int q = 0; q < DIRECTORY.queues().size(); q++) {
            int queue = q;
            for (long start = MONDAY; start < MONDAY + DAY_MS; start += halfHour) {
                List<Conversation> voice = new ArrayList<>();
                GENERATOR.forEachArriving(start, start + halfHour, c -> {
                    if (c.queueIndex() == queue && c.media() == MediaType.VOICE) {
                        voice.add(c);
                    }
                });
                assertTrue(!voice.isEmpty(), "queue " + q + " at " + Instant.ofEpochMilli(start));
            }
        }
    }
}
