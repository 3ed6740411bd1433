package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestatementStateTest {
    static final Schema KEY = SchemaBuilder.struct().name("K")
            .field("query_name", Schema.STRING_SCHEMA)
            .field("interval_start", Timestamp.SCHEMA)
            .field("queue_id", Schema.STRING_SCHEMA)
            .field("group_extra", Schema.STRING_SCHEMA)
            .build();
    static final long HALF_HOUR = 1_800_000L;

    static SeriesKey series(String queue) {
        return SeriesKey.of(new Struct(KEY).put("query_name", "q").put("interval_start", new Date(0)).put("queue_id", queue)
                .put("group_extra", queue.startsWith("x") ? "{\"direction\":\"inbound\"}" : "{}"));
    }

    @Test
    void revisionsCountChangesAndUnchangedNumbersAreNotEmittedAgain() {
        RestatementState state = RestatementState.startingAt("layout", 0);
        assertEquals(0, state.observe(0, series("a"), 7));
        assertEquals(-1, state.observe(0, series("a"), 7));
        assertEquals(1, state.observe(0, series("a"), 8));
        assertEquals(0, state.observe(HALF_HOUR, series("a"), 8), "another bucket is another key");
        assertEquals(1, state.revision(0, series("a")));
    }

    @Test
    void vanishedSeriesAreTombstonedOnceAndComeBackWithAHigherRevision() {
        RestatementState state = RestatementState.startingAt("layout", 0);
        state.observe(0, series("a"), 1);
        state.observe(0, series("b"), 2);
        Map<Long, List<SeriesKey>> gone = state.vanish(0, HALF_HOUR, Map.of(0L, Set.of(series("a"))));
        assertEquals(Map.of(0L, List.of(series("b"))), gone);
        assertTrue(state.vanish(0, HALF_HOUR, Map.of(0L, Set.of(series("a")))).isEmpty(), "tombstoned once");
        assertEquals(2, state.observe(0, series("b"), 2), "revision 0, tombstone 1, back at 2");
    }

    @Test
    void encodingRoundTripsAndRebuildsKeysForTombstones() {
        RestatementState state = RestatementState.startingAt("layout", 42);
        state.observe(0, series("a"), 1);
        state.observe(HALF_HOUR, series("x1"), -5);
        state.observe(HALF_HOUR, series("x1"), 9);
        RestatementState copy = RestatementState.decode(state.encodeWithinBound());
        assertEquals(42, copy.trackedFrom());
        assertEquals("layout", copy.keyLayout());
        assertEquals(-1, copy.observe(0, series("a"), 1));
        assertEquals(2, copy.observe(HALF_HOUR, series("x1"), 10));
        Struct key = series("x1").keyAt(KEY, HALF_HOUR);
        assertEquals(new Date(HALF_HOUR), key.get("interval_start"));
        assertEquals("{\"direction\":\"inbound\"}", key.get("group_extra"));
        assertEquals("x1", key.get("queue_id"));
    }

    @Test
    void aKeyWithAnotherDimensionHasAnotherLayout() {
        Schema wider = SchemaBuilder.struct().name("K").field("query_name", Schema.STRING_SCHEMA)
                .field("interval_start", Timestamp.SCHEMA).field("queue_id", Schema.STRING_SCHEMA)
                .field("user_id", Schema.STRING_SCHEMA)
                .field("group_extra", Schema.STRING_SCHEMA)
                .build();
        assertNotEquals(SeriesKey.layoutOf(KEY), SeriesKey.layoutOf(wider));
        assertEquals(SeriesKey.layoutOf(KEY), SeriesKey.layoutOf(series("a").keyAt(KEY, 0).schema()));
    }

    @Test
    void forgettingMovesTheTrackedStart() {
        RestatementState state = RestatementState.startingAt("layout", 0);
        state.observe(0, series("a"), 1);
        state.observe(2 * HALF_HOUR, series("a"), 1);
        state.forgetBefore(HALF_HOUR);
        assertEquals(HALF_HOUR, state.trackedFrom());
        assertEquals(1, state.size());
    }

    @Test
    void theEncodedStateStaysWithinItsBoundByForgettingTheOldestBuckets() {
        RestatementState state = RestatementState.startingAt("layout", 0);
        int groups = 400;
        int buckets = 4 * 48; // four days of PT30M
        for (int b = 0; b < buckets; b++) {
            for (int g = 0; g < groups; g++) {
                // digests are hashes: random bits that do not compress
                state.observe(b * HALF_HOUR, series(new UUID(7, g).toString()), new Random(b * 100_000L + g).nextInt());
            }
        }
        int entriesBefore = state.size();
        String encoded = state.encodeWithinBound();
        System.out.printf("restatement state: %d bucket-groups asked, %d kept, %d chars (bound %d), tracked from bucket %d%n",
                entriesBefore, state.size(), encoded.length(), RestatementState.MAX_ENCODED_CHARS,
                state.trackedFrom() / HALF_HOUR);
        assertTrue(encoded.length() <= RestatementState.MAX_ENCODED_CHARS);
        assertTrue(state.size() < entriesBefore, "the oldest buckets were forgotten");
        assertNotEquals(0, state.trackedFrom(), "and the tracked start moved past them");
        assertEquals(state.size(), RestatementState.decode(encoded).size());
    }

    @Test
    void garbageIsNotAState() {
        assertThrows(IllegalArgumentException.class, () -> RestatementState.decode("bm90IGEgc3RhdGU="));
        assertThrows(IllegalArgumentException.class, () -> RestatementState.decode("%%%"));
    }
}
