package io.kcg.genesys.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest state of every bucket read from the topic: a record with the same key and a higher revision (a restated
 * bucket, re-emitted) replaces the earlier one, as a compacted topic or an upserting sink would.
 */
final class BucketStore {
    private final Map<String, Bucket> buckets = new HashMap<>();

    synchronized void put(Bucket bucket) {
        buckets.merge(bucket.key(), bucket, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
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
