package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kcg.genesys.restate.Keys.HALF_HOUR;
import static io.kcg.genesys.restate.Keys.LAYOUT;
import static io.kcg.genesys.restate.Keys.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HorizonMemoryTest {
    @Test
    void restoringGivesUpDamagedBucketsAndThoseOfAnotherKeyLayoutAndKeepsTheRest() {
        Schema otherKey = SchemaBuilder.struct().name("io.kcg.genesys.wide.AgentsKey")
                .field("query", Schema.STRING_SCHEMA).field("intervalStart", Timestamp.SCHEMA)
                .field("queueId", Schema.OPTIONAL_STRING_SCHEMA).build();
        Map<Long, HorizonMemory.Bucket> stored = new TreeMap<>();
        stored.put(0L, HorizonMemory.Bucket.remembered(BucketMemoryCodec.encode(LAYOUT.text(), Keys.memory(1, 2))));
        stored.put(HALF_HOUR, HorizonMemory.Bucket.remembered("eJwrSS0uAQAEXQHB"));
        stored.put(2 * HALF_HOUR, HorizonMemory.Bucket.remembered(
                BucketMemoryCodec.encode(KeyLayout.of(otherKey).text(), Keys.memory(1, 2))));
        stored.put(3 * HALF_HOUR, HorizonMemory.Bucket.gaveUp("too large"));

        HorizonMemory.Restored restored = HorizonMemory.restore(LAYOUT, stored);
        assertEquals(List.of(HALF_HOUR, 2 * HALF_HOUR, 3 * HALF_HOUR), List.copyOf(restored.givenUp().keySet()));
        assertTrue(restored.givenUp().get(HALF_HOUR).startsWith("unreadable"), restored.givenUp().toString());
        assertTrue(restored.givenUp().get(2 * HALF_HOUR).contains("another record key"), restored.givenUp().toString());
        HorizonMemory memory = restored.memory();
        assertFalse(memory.isGivenUp(0));
        assertEquals(-1, memory.open(0).observe(series(0, 1, "voice"), 5), "the kept memory is the stored one");
        assertTrue(memory.isGivenUp(HALF_HOUR));
        assertEquals(0, memory.open(HALF_HOUR).size(), "a given-up bucket opens empty, for a forward fetch to refill");
    }

    @Test
    void aStoredMemoryIsWhatTheNextOpenSees() {
        HorizonMemory memory = new HorizonMemory(LAYOUT);
        BucketMemory bucket = memory.open(0);
        bucket.observe(series(1, 1, "voice"), 3);
        HorizonMemory.Bucket kept = memory.store(0, bucket);
        assertNull(kept.givenUp());
        assertEquals(kept, memory.get(0));
        assertEquals(-1, memory.open(0).observe(series(1, 1, "voice"), 3));
        assertEquals(kept.memory().length(), memory.encodedChars());
    }

    @Test
    void aBucketWhoseMemoryWouldNotFitAnOffsetIsGivenUpWithTheReason() {
        HorizonMemory memory = new HorizonMemory(LAYOUT);
        BucketMemory huge = new BucketMemory();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 3_000; i++) { // 3,000 random media types of 400 characters: some 780 KB after deflate
            StringBuilder media = new StringBuilder();
            while (media.length() < 400) {
                media.append(Long.toString(random.nextLong(), 36));
            }
            huge.observe(series(i, i, media.toString()), random.nextInt());
        }
        HorizonMemory.Bucket kept = memory.store(0, huge);
        assertTrue(kept.memory() == null, "no memory kept");
        assertTrue(kept.givenUp().contains("more than the " + BucketMemoryCodec.MAX_ENCODED_CHARS), kept.givenUp());
        assertTrue(memory.isGivenUp(0));
    }

    @Test
    void bucketsBeforeTheHorizonAreForgottenAndNamed() {
        HorizonMemory memory = new HorizonMemory(LAYOUT);
        for (long b = 0; b < 4; b++) {
            memory.store(b * HALF_HOUR, Keys.memory(1, 1));
        }
        assertEquals(List.of(0L, HALF_HOUR), memory.forgetBefore(2 * HALF_HOUR));
        assertEquals(2 * HALF_HOUR, memory.oldest());
        assertTrue(memory.forgetBefore(2 * HALF_HOUR).isEmpty());
        assertNull(memory.get(0));
    }
}
