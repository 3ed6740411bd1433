package io.kcg.genesys.restate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a query emitted for one bucket: per series, a digest of the numbers last emitted, the revision they were
 * emitted with, and whether the last emission was a tombstone. It decides what a fetch of the bucket emits: a new
 * series at revision 0, a changed one at the next revision, nothing for an unchanged one, a tombstone for one that
 * vanished.
 */
public final class BucketMemory {
    private final Map<SeriesKey, Entry> series;

    /** What is remembered of one series. */
    static final class Entry {
        int digest;
        int revision;
        boolean deleted;

        Entry(int digest, int revision, boolean deleted) {
            this.digest = digest;
            this.revision = revision;
            this.deleted = deleted;
        }
    }

    public BucketMemory() {
        this(new HashMap<>());
    }

    BucketMemory(Map<SeriesKey, Entry> series) {
        this.series = series;
    }

    /**
     * Records that {@code key} now has numbers with {@code digest} and returns the revision to emit it with, or -1
     * when it was last emitted with these very numbers.
     */
    public int observe(SeriesKey key, int digest) {
        Entry entry = series.get(key);
        if (entry == null) {
            series.put(key, new Entry(digest, 0, false));
            return 0;
        }
        if (!entry.deleted && entry.digest == digest) {
            return -1;
        }
        entry.digest = digest;
        entry.revision++;
        entry.deleted = false;
        return entry.revision;
    }

    /** The revision last emitted for {@code key}, or -1 when it was never emitted. */
    public int revision(SeriesKey key) {
        Entry entry = series.get(key);
        return entry == null ? -1 : entry.revision;
    }

    /**
     * Marks every remembered series that is not in {@code present} and not yet deleted as deleted, at its next
     * revision, and returns them: each gets a tombstone.
     */
    public List<SeriesKey> vanish(Set<SeriesKey> present) {
        List<SeriesKey> vanished = new ArrayList<>();
        for (Map.Entry<SeriesKey, Entry> entry : series.entrySet()) {
            if (!entry.getValue().deleted && !present.contains(entry.getKey())) {
                entry.getValue().deleted = true;
                entry.getValue().revision++;
                vanished.add(entry.getKey());
            }
        }
        return vanished;
    }

    /** How many series are remembered, tombstoned ones included. */
    public int size() {
        return series.size();
    }

    Map<SeriesKey, Entry> entries() {
        return series;
    }
}
