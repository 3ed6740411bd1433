package io.kcg.genesys.restate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one query remembers of the buckets inside its restatement horizon: per bucket, the memory text last handed
 * to Connect in that bucket's offset, or why the bucket was given up. Only texts are kept between fetches (a bucket is
 * decoded while a fetch touches it), so the task holds about what the worker holds in its offsets.
 */
public final class HorizonMemory {
    private final KeyLayout layout;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

    /** What is kept of one bucket: its memory text, or the reason it was given up (then the text is null). */
    public record Bucket(String memory, String givenUp) {
        public static Bucket remembered(String memory) {
            return new Bucket(memory, null);
        }

        public static Bucket gaveUp(String reason) {
            return new Bucket(null, reason);
        }
    }

    /** The result of restoring a query's memories from its offsets: the memory, and the buckets it gave up and why. */
    public record Restored(HorizonMemory memory, Map<Long, String> givenUp) {
    }

    public HorizonMemory(KeyLayout layout) {
        this.layout = layout;
    }

    /**
     * The memory of stored bucket offsets (bucket start to memory text, or to a given-up reason). Every text is
     * decoded once, bounded: one that is damaged, or was written under another key layout, gives its bucket up.
     */
    public static Restored restore(KeyLayout layout, Map<Long, Bucket> stored) {
        HorizonMemory memory = new HorizonMemory(layout);
        Map<Long, String> givenUp = new TreeMap<>();
        for (Map.Entry<Long, Bucket> entry : stored.entrySet()) {
            Bucket bucket = entry.getValue();
            String problem = bucket.givenUp();
            if (problem == null) {
                try {
                    String written = BucketMemoryCodec.decode(bucket.memory()).layout();
                    if (!written.equals(layout.text())) {
                        problem = "written for another record key (" + written + ", now " + layout.text() + ")";
                    }
                } catch (DamagedMemoryException e) {
                    problem = "unreadable: " + e.getMessage();
                }
            }
            if (problem != null) {
                givenUp.put(entry.getKey(), problem);
                // The stored offset stays as it is: it keeps the bucket given up across restarts.
                memory.buckets.put(entry.getKey(), Bucket.gaveUp(problem));
            } else {
                memory.buckets.put(entry.getKey(), bucket);
            }
        }
        return new Restored(memory, givenUp);
    }

    public KeyLayout layout() {
        return layout;
    }

    /** What is kept of a bucket, or null when nothing is (never emitted, or forgotten). */
    public Bucket get(long bucketStart) {
        return buckets.get(bucketStart);
    }

    public boolean isGivenUp(long bucketStart) {
        Bucket bucket = buckets.get(bucketStart);
        return bucket != null && bucket.givenUp() != null;
    }

    /** The bucket's memory to update: decoded, or empty when nothing is remembered or the bucket was given up. */
    public BucketMemory open(long bucketStart) {
        Bucket bucket = buckets.get(bucketStart);
        if (bucket == null || bucket.memory() == null) {
            return new BucketMemory();
        }
        return BucketMemoryCodec.decode(bucket.memory()).memory();
    }

    /**
     * Keeps the updated memory of a bucket and returns what its offset now holds: the memory text, or, when it would
     * be larger than an offset may be, the bucket given up.
     */
    public Bucket store(long bucketStart, BucketMemory memory) {
        Bucket bucket;
        if (memory.size() > BucketMemoryCodec.MAX_SERIES) {
            bucket = Bucket.gaveUp(memory.size() + " series, more than the " + BucketMemoryCodec.MAX_SERIES
                    + " a bucket memory holds");
        } else {
            String text = BucketMemoryCodec.encode(layout.text(), memory);
            bucket = text.length() <= BucketMemoryCodec.MAX_ENCODED_CHARS ? Bucket.remembered(text)
                    : Bucket.gaveUp("its memory of " + memory.size() + " series takes " + text.length()
                    + " characters, more than the " + BucketMemoryCodec.MAX_ENCODED_CHARS + " an offset may hold");
        }
        buckets.put(bucketStart, bucket);
        return bucket;
    }

    /** Forgets the buckets that start before {@code bucketStart} and returns their starts: their offsets go. */
    public List<Long> forgetBefore(long bucketStart) {
        NavigableMap<Long, Bucket> old = buckets.headMap(bucketStart, false);
        if (old.isEmpty()) {
            return Collections.emptyList();
        }
        List<Long> forgotten = new ArrayList<>(old.keySet());
        old.clear();
        return forgotten;
    }

    /** The earliest bucket kept, or null when none is. */
    public Long oldest() {
        return buckets.isEmpty() ? null : buckets.firstKey();
    }

    public int bucketCount() {
        return buckets.size();
    }

    /** The buckets given up, by start, with the reason. */
    public Map<Long, String> givenUp() {
        Map<Long, String> givenUp = new TreeMap<>();
        buckets.forEach((start, bucket) -> {
            if (bucket.givenUp() != null) {
                givenUp.put(start, bucket.givenUp());
            }
        });
        return givenUp;
    }

    /** The characters of every memory text kept: about the heap they take here, and what the worker holds too. */
    public long encodedChars() {
        long chars = 0;
        for (Bucket bucket : buckets.values()) {
            chars += bucket.memory() == null ? 0 : bucket.memory().length();
        }
        return chars;
    }
}
