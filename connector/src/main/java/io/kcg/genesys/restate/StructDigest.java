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
        if (value instanceof Date) {
            return mixString(hash, Long.toString(((Date) value).getTime()));
        }
        if (value instanceof Double) {
            return mixString(hash, Long.toHexString(Double.doubleToLongBits((Double) value)));
        }
        return mixString(hash, value.toString());
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
