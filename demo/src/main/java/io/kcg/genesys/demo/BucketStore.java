package io.kcg.genesys.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest state of every bucket read from the topic, as a compacted topic or an upserting sink keeps it: a later
 * record of the same key (a restated bucket, re-emitted with a higher revision, or the same bucket again after a
 * rewind) replaces the earlier one, and a tombstone (a group that vanished from a restated bucket) removes it.
 */
final class BucketStore {
    private final Map<String, Bucket> buckets = new HashMap<>();

    synchronized void put(Bucket bucket) {
        buckets.put(bucket.key(), bucket);
    }

    synchronized void remove(String key) {
        buckets.remove(key);
    }

    synchronized List<Bucket> all() {
        List<Bucket> list = new ArrayList<>(buckets.values());
        list.sort(Comparator.comparing(Bucket::queueId).thenComparing(Bucket::start).thenComparing(Bucket::mediaType));
        return list;
    }

    synchronized int size() {
        return buckets.size();
    }

    synchronized Instant latestEnd() {
        return buckets.values().stream().map(Bucket::end).max(Comparator.naturalOrder()).orElse(null);
    }
}
