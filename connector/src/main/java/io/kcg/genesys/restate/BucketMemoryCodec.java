package io.kcg.genesys.restate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The text of a bucket memory in a source offset: self-contained (the key layout, then per series field a dictionary
 * of the values the bucket holds, then per series its value indexes, its 32-bit digest, its revision and a deleted
 * flag), column by column so that deflate finds the runs, base64 so that it travels in a JSON offset.
 *
 * <p>Decoding trusts nothing: an offset may have been written through Connect's REST API or damaged in the offsets
 * topic. The text is refused above {@link #MAX_ENCODED_CHARS}, inflating stops at {@link #MAX_INFLATED_BYTES},
 * every count is checked against the bytes left before anything is allocated for it, and any inconsistency is a
 * {@link DamagedMemoryException}. Values of any length are written with a varint length, never {@code writeUTF}.
 */
public final class BucketMemoryCodec {
    /** The longest memory text kept in one offset: well under the offsets topic's default 1 MB record limit. */
    public static final int MAX_ENCODED_CHARS = 768 * 1024;
    /** What a memory may inflate to: a deflate bomb stops here. */
    static final int MAX_INFLATED_BYTES = 4 * 1024 * 1024;
    /** More series than any bucket of a real query holds; a count above it is damage. */
    static final int MAX_SERIES = 250_000;
    static final int MAX_FIELDS = 64;
    /** Entries of one map value (a v1 key's extra group entries are a handful). */
    static final int MAX_MAP_ENTRIES = 1_000;

    private static final byte FORMAT = 1;
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte UUID_VALUE = 2;
    private static final byte MAP = 3;

    private BucketMemoryCodec() {
    }

    /** The memory as offset text, written with {@code layout}'s text so a reader can tell another layout apart. */
    public static String encode(String layout, BucketMemory memory) {
        Map<SeriesKey, BucketMemory.Entry> entries = memory.entries();
        int fields = -1;
        for (SeriesKey key : entries.keySet()) {
            fields = key.size();
            break;
        }
        fields = Math.max(fields, 0);
        List<List<Object>> dictionaries = new ArrayList<>();
        List<Map<Object, Integer>> indexes = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            List<Object> values = new ArrayList<>();
            Map<Object, Integer> seen = new HashMap<>();
            for (SeriesKey key : entries.keySet()) {
                if (!seen.containsKey(key.value(f))) {
                    seen.put(key.value(f), 0);
                    values.add(key.value(f));
                }
            }
            values.sort(VALUE_ORDER); // the same memory always encodes to the same text
            for (int i = 0; i < values.size(); i++) {
                seen.put(values.get(i), i);
            }
            dictionaries.add(values);
            indexes.add(seen);
        }
        int count = entries.size();
        int[][] rows = new int[count][];
        BucketMemory.Entry[] rowEntries = new BucketMemory.Entry[count];
        int r = 0;
        for (Map.Entry<SeriesKey, BucketMemory.Entry> entry : entries.entrySet()) {
            int[] row = new int[fields + 1];
            for (int f = 0; f < fields; f++) {
                row[f] = indexes.get(f).get(entry.getKey().value(f));
            }
            row[fields] = r;
            rowEntries[r] = entry.getValue();
            rows[r++] = row;
        }
        Arrays.sort(rows, Arrays::compare);

        Bytes body = new Bytes();
        body.string(layout);
        body.varint(fields);
        for (List<Object> dictionary : dictionaries) {
            body.varint(dictionary.size());
            for (Object value : dictionary) {
                body.value(value);
            }
        }
        body.varint(count);
        for (int f = 0; f < fields; f++) {
            for (int[] row : rows) {
                body.varint(row[f]);
            }
        }
        for (int[] row : rows) {
            body.int32(rowEntries[row[fields]].digest);
        }
        for (int[] row : rows) {
            BucketMemory.Entry entry = rowEntries[row[fields]];
            body.varlong(((long) entry.revision << 1) | (entry.deleted ? 1 : 0));
        }
        return Base64.getEncoder().encodeToString(deflate(body.toByteArray()));
    }

    /** The layout text a memory was written under, and the memory. */
    public record Decoded(String layout, BucketMemory memory) {
    }

    /** Reads a memory text; DamagedMemoryException, never an OutOfMemoryError, when it is not one this codec wrote. */
    public static Decoded decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new DamagedMemoryException("empty");
        }
        if (encoded.length() > MAX_ENCODED_CHARS) {
            throw new DamagedMemoryException(encoded.length() + " characters, more than the " + MAX_ENCODED_CHARS
                    + " a memory may have");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new DamagedMemoryException("not base64: " + e.getMessage());
        }
        if (raw.length < 2 || raw[0] != FORMAT) {
            throw new DamagedMemoryException("unknown format " + (raw.length == 0 ? "(no bytes)" : raw[0]));
        }
        Reader in = new Reader(inflate(raw));
        String layout = in.string();
        int fields = in.count(MAX_FIELDS, 0);
        List<Object[]> dictionaries = new ArrayList<>(fields);
        for (int f = 0; f < fields; f++) {
            Object[] values = new Object[in.count(MAX_SERIES, 1)];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.value();
            }
            dictionaries.add(values);
        }
        int count = in.count(MAX_SERIES, fields + 5); // indexes, a 4-byte digest and a revision per series
        Object[][] keys = new Object[count][fields];
        for (int f = 0; f < fields; f++) {
            Object[] values = dictionaries.get(f);
            for (int s = 0; s < count; s++) {
                int index = in.varint();
                if (index >= values.length) {
                    throw new DamagedMemoryException("value index " + index + " of field " + f + " beyond its "
                            + values.length + " values");
                }
                keys[s][f] = values[index];
            }
        }
        int[] digests = new int[count];
        for (int s = 0; s < count; s++) {
            digests[s] = in.int32();
        }
        Map<SeriesKey, BucketMemory.Entry> series = new HashMap<>(Math.max(16, count * 4 / 3));
        for (int s = 0; s < count; s++) {
            long packed = in.varlong();
            if (packed >>> 1 > Integer.MAX_VALUE) {
                throw new DamagedMemoryException("revision " + (packed >>> 1) + " out of range");
            }
            SeriesKey key = new SeriesKey(keys[s]);
            if (series.put(key, new BucketMemory.Entry(digests[s], (int) (packed >>> 1), (packed & 1) != 0)) != null) {
                throw new DamagedMemoryException("series " + key + " twice");
            }
        }
        in.end();
        return new Decoded(layout, new BucketMemory(series));
    }

    /** Nulls first, then strings, then maps: one order for the dictionaries, whatever the hash maps did. */
    private static final Comparator<Object> VALUE_ORDER = Comparator.nullsFirst((a, b) -> {
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof String) {
            return -1;
        }
        if (b instanceof String) {
            return 1;
        }
        return a.toString().compareTo(b.toString());
    });

    private static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 16);
            out.write(FORMAT);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] raw) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw, 1, raw.length - 1);
            byte[] out = new byte[Math.min(MAX_INFLATED_BYTES, Math.max(1024, raw.length * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length == MAX_INFLATED_BYTES) {
                        throw new DamagedMemoryException("inflates to more than " + MAX_INFLATED_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(MAX_INFLATED_BYTES, out.length * 2L));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DamagedMemoryException("the deflated bytes end early");
                }
                length += n;
            }
            if (inflater.getRemaining() > 0) {
                throw new DamagedMemoryException(inflater.getRemaining() + " bytes after the deflated data");
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new DamagedMemoryException("not deflated data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** The body being written. */
    private static final class Bytes extends ByteArrayOutputStream {
        void varint(int value) {
            varlong(value & 0xffffffffL);
        }

        void varlong(long value) {
            while ((value & ~0x7fL) != 0) {
                write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            write((int) value);
        }

        void int32(int value) {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }

        void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            write(utf8, 0, utf8.length);
        }

        void value(Object value) {
            if (value == null) {
                write(NULL);
            } else if (value instanceof String text && isUuid(text)) {
                // Genesys ids are lowercase UUIDs: 16 bytes instead of 36 characters that deflate poorly.
                write(UUID_VALUE);
                UUID uuid = UUID.fromString(text);
                for (long half : new long[] {uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()}) {
                    int high = (int) (half >>> 32);
                    int low = (int) half;
                    int32(high);
                    int32(low);
                }
            } else if (value instanceof String text) {
                write(STRING);
                string(text);
            } else if (value instanceof Map<?, ?> map) {
                write(MAP);
                varint(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    string(String.valueOf(entry.getKey()));
                    string(String.valueOf(entry.getValue()));
                }
            } else {
                throw new IllegalStateException("a key value of type " + value.getClass().getName());
            }
        }
    }

    /** The body being read, every read checked against what is left. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        private int left() {
            return bytes.length - position;
        }

        private int next() {
            if (position >= bytes.length) {
                throw new DamagedMemoryException("ends early at byte " + position);
            }
            return bytes[position++] & 0xff;
        }

        long varlong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new DamagedMemoryException("a number longer than 64 bits at byte " + position);
        }

        int varint() {
            long value = varlong();
            if (value > Integer.MAX_VALUE) {
                throw new DamagedMemoryException("number " + value + " out of range at byte " + position);
            }
            return (int) value;
        }

        /** A count of items that take at least {@code bytesEach} bytes each: never more than the bytes left allow. */
        int count(int max, int bytesEach) {
            int count = varint();
            if (count > max || (bytesEach > 0 && (long) count * bytesEach > left())) {
                throw new DamagedMemoryException("a count of " + count + " at byte " + position
                        + " that the " + left() + " bytes left cannot hold");
            }
            return count;
        }

        int int32() {
            return next() << 24 | next() << 16 | next() << 8 | next();
        }

        String string() {
            int length = varint();
            if (length > left()) {
                throw new DamagedMemoryException("a text of " + length + " bytes with " + left() + " left");
            }
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        Object value() {
            int tag = next();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                    return string();
                case UUID_VALUE:
                    long most = (long) int32() << 32 | (int32() & 0xffffffffL);
                    long least = (long) int32() << 32 | (int32() & 0xffffffffL);
                    return new UUID(most, least).toString();
                case MAP:
                    int size = count(MAX_MAP_ENTRIES, 2);
                    TreeMap<String, String> map = new TreeMap<>();
                    for (int i = 0; i < size; i++) {
                        map.put(string(), string());
                    }
                    return map;
                default:
                    throw new DamagedMemoryException("unknown value tag " + tag + " at byte " + (position - 1));
            }
        }

        void end() {
            if (left() != 0) {
                throw new DamagedMemoryException(left() + " bytes after the memory");
            }
        }
    }
}
