package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Digests are kept in source offsets, so a digest computed by a new version must equal the one an old version
 * stored for the same value: the walk is checked against the original definition, numbers written out as text.
 */
class StructDigestTest {
    private static final Schema STATS = SchemaBuilder.struct().name("stats")
            .field("count", Schema.OPTIONAL_INT64_SCHEMA).field("sum", Schema.OPTIONAL_FLOAT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("value")
            .field("queueId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("intervalStart", Timestamp.builder().optional().build())
            .field("nOffered_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field("tHandle_sum", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("extra", SchemaBuilder.map(Schema.STRING_SCHEMA, STATS).optional().build())
            .field("revision", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    private static final long[] EDGE_LONGS = {0, 1, -1, 9, 10, 99, 100, 1_000_000_007L, -123_456_789L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 10, 999_999_999_999_999_999L};
    private static final double[] EDGE_DOUBLES = {0.0, -0.0, 1.0, 0.5, 1e-300, 1e300, Double.MIN_VALUE,
        Double.MAX_VALUE, 123_456.789, -42.25, Double.NaN};

    @Test
    void theDigestIsTheOriginalDefinitionForEdgeAndRandomValues() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Struct value = new Struct(VALUE);
            value.put("queueId", "q-" + random.nextInt(100));
            value.put("intervalStart", new Date(pick(random, EDGE_LONGS) & 0x0000_7fff_ffff_ffffL));
            if (random.nextInt(5) > 0) {
                value.put("nOffered_count", pick(random, EDGE_LONGS));
            }
            if (random.nextInt(5) > 0) {
                value.put("tHandle_sum", random.nextBoolean()
                        ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)] : random.nextDouble() * 1e6);
            }
            if (random.nextInt(3) == 0) {
                Map<String, Struct> extra = new TreeMap<>();
                extra.put("nOffered_callback", new Struct(STATS).put("count", pick(random, EDGE_LONGS)));
                extra.put("a", new Struct(STATS).put("sum", random.nextGaussian()));
                value.put("extra", extra);
            }
            value.put("revision", random.nextInt(3));
            assertEquals(OriginalDigest.of(value, "revision"), StructDigest.of(value, "revision"), value.toString());
        }
    }

    @Test
    void aChangedNumberChangesTheDigestAndTheRevisionDoesNot() {
        Struct a = new Struct(VALUE).put("queueId", "q").put("nOffered_count", 10L).put("revision", 0);
        Struct b = new Struct(VALUE).put("queueId", "q").put("nOffered_count", 11L).put("revision", 0);
        Struct c = new Struct(VALUE).put("queueId", "q").put("nOffered_count", 10L).put("revision", 5);
        assertNotEquals(StructDigest.of(a, "revision"), StructDigest.of(b, "revision"));
        assertEquals(StructDigest.of(a, "revision"), StructDigest.of(c, "revision"));
    }

    private static long pick(Random random, long[] edges) {
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong() >> random.nextInt(64);
    }

    /** The digest as first written (strings made for every number): the reference a faster walk must match. */
    private static final class OriginalDigest {
        static int of(Struct value, String skipped) {
            long hash = walk(0xcbf29ce484222325L, value, skipped);
            return (int) (hash ^ (hash >>> 32));
        }

        private static long walk(long hash, Object value, String skipped) {
            if (value == null) {
                return mix(hash, '\u0000');
            }
            if (value instanceof Struct) {
                Struct struct = (Struct) value;
                for (org.apache.kafka.connect.data.Field field : struct.schema().fields()) {
                    if (!field.name().equals(skipped)) {
                        hash = mixString(hash, field.name());
                        hash = walk(hash, struct.get(field), skipped);
                    }
                }
                return mix(hash, '}');
            }
            if (value instanceof Map) {
                for (Map.Entry<?, ?> entry : new TreeMap<>((Map<?, ?>) value).entrySet()) {
                    hash = walk(hash, entry.getKey(), skipped);
                    hash = walk(hash, entry.getValue(), skipped);
                }
                return mix(hash, ']');
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
            hash *= 0x100000001b3L;
            hash ^= c >>> 8;
            return hash * 0x100000001b3L;
        }
    }
}
