package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A 32-bit digest of a record value's numbers, to tell "changed since last emitted" without keeping the value.
 * FNV-1a over a canonical walk of the Struct (field order, sorted map keys, null marked), skipping the fields that
 * describe the emission rather than the data ({@code revision}). Two different values collide with probability
 * about 2^-32, in which case one change would not be re-emitted.
 */
public final class StructDigest {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StructDigest() {
    }

    public static int of(Struct value, String skippedField) {
        long hash = walk(FNV_OFFSET, value, skippedField);
        return (int) (hash ^ (hash >>> 32));
    }

    private static long walk(long hash, Object value, String skippedField) {
        if (value == null) {
            return mix(hash, '\u0000');
        }
        if (value instanceof Struct) {
            Struct struct = (Struct) value;
            for (Field field : struct.schema().fields()) {
                if (field.name().equals(skippedField)) {
                    continue;
                }
                hash = mixString(hash, field.name());
                hash = walk(hash, struct.get(field), skippedField);
            }
            return mix(hash, '}');
        }
        if (value instanceof Map) {
            Map<?, ?> sorted = value instanceof TreeMap ? (Map<?, ?>) value : new TreeMap<>((Map<?, ?>) value);
            for (Map.Entry<?, ?> entry : sorted.entrySet()) {
                hash = walk(hash, entry.getKey(), skippedField);
                hash = walk(hash, entry.getValue(), skippedField);
            }
            return mix(hash, ']');
        }
        if (value instanceof List) {
            for (Object item : (List<?>) value) {
                hash = walk(hash, item, skippedField);
            }
            return mix(hash, ')');
        }
        // Numbers are mixed as the characters of their text (decimal; doubles as the hex of their bits) without
        // making the String: the digests live in offsets, so the walk may get faster but never change its result.
        if (value instanceof Long || value instanceof Integer) {
            return mixDecimal(hash, ((Number) value).longValue());
        }
        if (value instanceof Date) {
            return mixDecimal(hash, ((Date) value).getTime());
        }
        if (value instanceof Double) {
            return mixHex(hash, Double.doubleToLongBits((Double) value));
        }
        return mixString(hash, value.toString());
    }

    /** The same as {@code mixString(hash, Long.toString(v))}. */
    private static long mixDecimal(long hash, long v) {
        if (v == Long.MIN_VALUE) {
            return mixString(hash, Long.toString(v));
        }
        if (v < 0) {
            hash = mix(hash, '-');
            v = -v;
        }
        long scale = 1;
        while (scale <= v / 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            hash = mix(hash, (char) ('0' + (v / scale) % 10));
        }
        return mix(hash, '\u0001');
    }

    /** The same as {@code mixString(hash, Long.toHexString(bits))}. */
    private static long mixHex(long hash, long bits) {
        int shift = bits == 0 ? 0 : (63 - Long.numberOfLeadingZeros(bits)) / 4 * 4;
        for (; shift >= 0; shift -= 4) {
            hash = mix(hash, Character.forDigit((int) (bits >>> shift) & 0xf, 16));
        }
        return mix(hash, '\u0001');
    }

    private static long mixString(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = mix(hash, text.charAt(i));
        }
        return mix(hash, '\u0001');
    }

    private static long mix(long hash, char c) {
        hash ^= c & 0xff;
        hash *= FNV_PRIME;
        hash ^= c >>> 8;
        return hash * FNV_PRIME;
    }
}
