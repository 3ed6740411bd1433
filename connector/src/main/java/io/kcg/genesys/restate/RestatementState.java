package io.kcg.genesys.restate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What a query emitted for the buckets inside its lookback: per bucket and series, a digest of the numbers and the
 * revision emitted. It travels in the source offset, so "changed or not" needs no external store and survives
 * restarts and task moves, and with exactly-once on it commits with the records it describes.
 *
 * <p>Encoded compactly (series once in a dictionary, then small integers per bucket, deflated, base64). The encoded
 * text is bounded by {@link #MAX_ENCODED_CHARS}: past it the oldest buckets are forgotten (and no longer re-polled),
 * which {@link #trackedFrom()} reports. Measured (RestatementStateTest): about 8.3 characters per bucket and group,
 * so the bound holds some 62,000 bucket-groups, e.g. 320 groups over 4 days of PT30M buckets.
 */
public final class RestatementState {
    /** Keeps an offset well under Kafka's default 1 MB message size. */
    public static final int MAX_ENCODED_CHARS = 512 * 1024;
    private static final byte FORMAT = 2;

    private final String keyLayout; // the key fields the series were taken from; another layout cannot use them
    private long trackedFrom; // epoch ms: every bucket emitted at or after it is remembered
    private final TreeMap<Long, Map<SeriesKey, Entry>> buckets = new TreeMap<>();

    /** What is remembered of one bucket of one series. */
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

    private RestatementState(String keyLayout, long trackedFrom) {
        this.keyLayout = keyLayout;
        this.trackedFrom = trackedFrom;
    }

    /** An empty memory for keys of {@code keyLayout} (see {@link SeriesKey#layoutOf}), tracking from a bucket start. */
    public static RestatementState startingAt(String keyLayout, long trackedFrom) {
        return new RestatementState(keyLayout, trackedFrom);
    }

    /** The key layout the remembered series belong to: a state for another layout must not be used. */
    public String keyLayout() {
        return keyLayout;
    }

    public long trackedFrom() {
        return trackedFrom;
    }

    public int size() {
        return buckets.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Records that {@code series} has {@code digest} in the bucket and returns the revision to emit it with, or -1
     * when it was emitted before with these very numbers.
     */
    public int observe(long bucketStart, SeriesKey series, int digest) {
        Map<SeriesKey, Entry> bucket = buckets.computeIfAbsent(bucketStart, k -> new HashMap<>());
        Entry entry = bucket.get(series);
        if (entry == null) {
            bucket.put(series, new Entry(digest, 0, false));
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

    /** The revision last emitted for a series' bucket, or -1 when none is remembered. */
    public int revision(long bucketStart, SeriesKey series) {
        Map<SeriesKey, Entry> bucket = buckets.get(bucketStart);
        Entry entry = bucket == null ? null : bucket.get(series);
        return entry == null ? -1 : entry.revision;
    }

    /**
     * Marks as deleted every remembered, not yet deleted series of the buckets in {@code [from, to)} that is not in
     * {@code present}, and returns them by bucket start: they get tombstones.
     */
    public Map<Long, List<SeriesKey>> vanish(long from, long to, Map<Long, ? extends java.util.Set<SeriesKey>> present) {
        Map<Long, List<SeriesKey>> vanished = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<SeriesKey, Entry>> bucket : buckets.subMap(from, to).entrySet()) {
            java.util.Set<SeriesKey> seen = present.get(bucket.getKey());
            for (Map.Entry<SeriesKey, Entry> entry : bucket.getValue().entrySet()) {
                if (!entry.getValue().deleted && (seen == null || !seen.contains(entry.getKey()))) {
                    entry.getValue().deleted = true;
                    entry.getValue().revision++;
                    vanished.computeIfAbsent(bucket.getKey(), k -> new ArrayList<>()).add(entry.getKey());
                }
            }
        }
        return vanished;
    }

    /** Forgets buckets before {@code before}: they are outside the lookback now. */
    public void forgetBefore(long before) {
        buckets.headMap(before).clear();
        trackedFrom = Math.max(trackedFrom, before);
    }

    /** The encoded state, forgetting the oldest buckets until it fits {@link #MAX_ENCODED_CHARS}. */
    public String encodeWithinBound() {
        String encoded = encode();
        while (encoded.length() > MAX_ENCODED_CHARS && !buckets.isEmpty()) {
            // Drop a share of the buckets proportional to the excess, at least one.
            int drop = Math.max(1, (int) ((long) buckets.size() * (encoded.length() - MAX_ENCODED_CHARS) / encoded.length()) + 1);
            Iterator<Long> oldest = buckets.keySet().iterator();
            for (int i = 0; i < drop && oldest.hasNext(); i++) {
                oldest.next();
                oldest.remove();
            }
            trackedFrom = buckets.isEmpty() ? trackedFrom : Math.max(trackedFrom, buckets.firstKey());
            encoded = encode();
        }
        return encoded;
    }

    String encode() {
        Map<SeriesKey, Integer> dictionary = new LinkedHashMap<>();
        for (Map<SeriesKey, Entry> bucket : buckets.values()) {
            for (SeriesKey series : bucket.keySet()) {
                dictionary.putIfAbsent(series, dictionary.size());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeByte(FORMAT);
            out.writeUTF(keyLayout);
            out.writeLong(trackedFrom);
            out.writeInt(dictionary.size());
            for (SeriesKey series : dictionary.keySet()) {
                writeSeries(out, series);
            }
            out.writeInt(buckets.size());
            long previous = 0;
            for (Map.Entry<Long, Map<SeriesKey, Entry>> bucket : buckets.entrySet()) {
                out.writeLong(bucket.getKey() - previous); // deltas deflate well
                previous = bucket.getKey();
                out.writeInt(bucket.getValue().size());
                for (Map.Entry<SeriesKey, Entry> entry : bucket.getValue().entrySet()) {
                    out.writeInt(dictionary.get(entry.getKey()));
                    out.writeInt(entry.getValue().digest);
                    out.writeInt(entry.getValue().revision << 1 | (entry.getValue().deleted ? 1 : 0));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Reads an encoded state; IllegalArgumentException when it is not one. */
    public static RestatementState decode(String encoded) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(encoded))))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("unknown restatement state format");
            }
            RestatementState state = new RestatementState(in.readUTF(), in.readLong());
            int seriesCount = in.readInt();
            List<SeriesKey> dictionary = new ArrayList<>(Math.min(seriesCount, 1 << 16));
            for (int i = 0; i < seriesCount; i++) {
                dictionary.add(readSeries(in));
            }
            int bucketCount = in.readInt();
            long start = 0;
            for (int b = 0; b < bucketCount; b++) {
                start += in.readLong();
                int entries = in.readInt();
                Map<SeriesKey, Entry> bucket = new HashMap<>();
                for (int e = 0; e < entries; e++) {
                    SeriesKey series = dictionary.get(in.readInt());
                    int digest = in.readInt();
                    int packed = in.readInt();
                    bucket.put(series, new Entry(digest, packed >>> 1, (packed & 1) != 0));
                }
                state.buckets.put(start, bucket);
            }
            return state;
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a restatement state: " + e.getMessage(), e);
        }
    }

    private static void writeSeries(DataOutputStream out, SeriesKey series) throws IOException {
        out.writeInt(series.values().size());
        for (Object value : series.values()) {
            if (value == null) {
                out.writeByte(0);
            } else if (value instanceof Map) {
                out.writeByte(2);
                Map<?, ?> map = (Map<?, ?>) value;
                out.writeInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.writeUTF(String.valueOf(entry.getKey()));
                    out.writeUTF(String.valueOf(entry.getValue()));
                }
            } else {
                out.writeByte(1);
                out.writeUTF(value.toString());
            }
        }
    }

    private static SeriesKey readSeries(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte tag = in.readByte();
            if (tag == 0) {
                values.add(null);
            } else if (tag == 2) {
                int size = in.readInt();
                TreeMap<String, String> map = new TreeMap<>();
                for (int j = 0; j < size; j++) {
                    map.put(in.readUTF(), in.readUTF());
                }
                values.add(map);
            } else if (tag == 1) {
                values.add(in.readUTF());
            } else {
                throw new IllegalArgumentException("bad value tag " + tag);
            }
        }
        return new SeriesKey(values);
    }
}
