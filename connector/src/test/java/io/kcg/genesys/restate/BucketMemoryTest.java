package io.kcg.genesys.restate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.kcg.genesys.restate.Keys.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketMemoryTest {
    @Test
    void revisionsCountChangesAndUnchangedNumbersAreNotEmittedAgain() {
        BucketMemory memory = new BucketMemory();
        assertEquals(0, memory.observe(series(1, 1, "voice"), 7));
        assertEquals(-1, memory.observe(series(1, 1, "voice"), 7));
        assertEquals(1, memory.observe(series(1, 1, "voice"), 8));
        assertEquals(0, memory.observe(series(1, 2, "voice"), 8), "another series has revisions of its own");
        assertEquals(1, memory.revision(series(1, 1, "voice")));
        assertEquals(-1, memory.revision(series(9, 9, "voice")));
    }

    @Test
    void vanishedSeriesAreTombstonedOnceAndComeBackWithAHigherRevision() {
        BucketMemory memory = new BucketMemory();
        memory.observe(series(1, 1, "voice"), 1);
        memory.observe(series(1, 2, "voice"), 2);
        assertEquals(List.of(series(1, 2, "voice")), memory.vanish(Set.of(series(1, 1, "voice"))));
        assertTrue(memory.vanish(Set.of(series(1, 1, "voice"))).isEmpty(), "a tombstone is sent once");
        assertEquals(1, memory.revision(series(1, 2, "voice")), "the tombstone took revision 1");
        assertEquals(2, memory.observe(series(1, 2, "voice"), 2), "back with the same numbers: revision 2");
    }
}
