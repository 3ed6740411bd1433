package io.kcg.genesys.restate;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;

import static io.kcg.genesys.restate.Keys.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory text round-trips, is deterministic, holds any value, and refuses hostile input with a bounded effort. */
class BucketMemoryCodecTest {
    @Test
    void aMemoryRoundTripsWithItsRevisionsTombstonesAndLayout() {
        BucketMemory memory = Keys.memory(3, 4);
        BucketMemoryCodec.Decoded decoded = BucketMemoryCodec.decode(BucketMemoryCodec.encode("layout-1", memory));
        assertEquals("layout-1", decoded.layout());
        BucketMemory back = decoded.memory();
        assertEquals(memory.size(), back.size());
        for (Map.Entry<SeriesKey, BucketMemory.Entry> entry : memory.entries().entrySet()) {
            BucketMemory.Entry got = back.entries().get(entry.getKey());
            assertEquals(entry.getValue().digest, got.digest, entry.getKey().toString());
            assertEquals(entry.getValue().revision, got.revision, entry.getKey().toString());
            assertEquals(entry.getValue().deleted, got.deleted, entry.getKey().toString());
        }
        assertEquals(-1, back.observe(series(0, 1, "voice"), 5), "unchanged numbers are still recognised");
        assertEquals(2, back.revision(series(0, 0, "voice")), "revision 1, then a tombstone at 2");
        assertTrue(back.vanish(Set.of()).contains(series(0, 1, "voice")), "only the series that came back vanishes");
    }

    @Test
    void theSameMemoryAlwaysEncodesToTheSameText() {
        BucketMemory a = new BucketMemory();
        BucketMemory b = new BucketMemory();
        for (int i = 0; i < 50; i++) {
            a.observe(series(i % 3, i, "voice"), i);
            b.observe(series((49 - i) % 3, 49 - i, "voice"), 49 - i);
        }
        assertEquals(BucketMemoryCodec.encode("l", a), BucketMemoryCodec.encode("l", b));
        b.observe(series(1, 1, "voice"), 1000);
        assertNotEquals(BucketMemoryCodec.encode("l", a), BucketMemoryCodec.encode("l", b));
    }

    @Test
    void valuesOfAnyLengthAndShapeRoundTrip() {
        // A group value over 64 KiB failed the old memory for good (writeUTF); nulls and maps are the v1 key's.
        Schema schema = SchemaBuilder.struct().field("interval_start", Timestamp.SCHEMA)
                .field("dimension", Schema.OPTIONAL_STRING_SCHEMA)
                .field("extra", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
                .build();
        KeyLayout layout = KeyLayout.of(schema);
        String long100k = "x".repeat(100_000) + "\u00e9\u4e2d\ud83d\ude00";
        BucketMemory memory = new BucketMemory();
        Struct[] keys = {
            new Struct(schema).put("interval_start", new Date(0)).put("dimension", long100k),
            new Struct(schema).put("interval_start", new Date(0)).put("dimension", null),
            new Struct(schema).put("interval_start", new Date(0)).put("dimension", "A1B2C3D4-0000-0000-0000-000000000000"),
            new Struct(schema).put("interval_start", new Date(0)).put("dimension", "")
                    .put("extra", new TreeMap<>(Map.of("direction", "inbound", "wrapUpCode", long100k))),
        };
        for (int i = 0; i < keys.length; i++) {
            memory.observe(layout.seriesOf(keys[i]), i);
        }
        BucketMemory back = BucketMemoryCodec.decode(BucketMemoryCodec.encode(layout.text(), memory)).memory();
        for (int i = 0; i < keys.length; i++) {
            assertEquals(-1, back.observe(layout.seriesOf(keys[i]), i), "series " + i + " remembered as it was");
            assertEquals(keys[i], layout.keyOf(layout.seriesOf(keys[i]), 0), "key " + i + " rebuilt for a tombstone");
        }
    }

    @Test
    void anEmptyMemoryRoundTrips() {
        assertEquals(0, BucketMemoryCodec.decode(BucketMemoryCodec.encode("l", new BucketMemory())).memory().size());
    }

    @Test
    void aShortValueClaimingHugeCountsIsRefusedWithoutAllocatingThem() {
        // The old memory threw OutOfMemoryError at every task start on a 28-character value of this kind.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        body.write('x');            // layout "x"
        body.write(1);              // one field
        body.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}); // 2^31-1 values
        String text = encoded(body.toByteArray());
        assertTrue(text.length() < 40, text);
        String message = assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode(text)).getMessage();
        assertTrue(message.contains("count"), message);
    }

    @Test
    void aDeflateBombStopsAtTheInflateBound() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < 64; i++) { // 64 MiB of zeros in some 64 KB
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        String bomb = Base64.getEncoder().encodeToString(out.toByteArray());
        assertTrue(bomb.length() < BucketMemoryCodec.MAX_ENCODED_CHARS, "passes the length check: " + bomb.length());
        String message = assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode(bomb)).getMessage();
        assertTrue(message.contains("inflates to more than"), message);
    }

    @Test
    void damagedTextsAreRefusedWithAReason() {
        String good = BucketMemoryCodec.encode("l", Keys.memory(2, 3));
        assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode(""));
        assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode("not base64 !"));
        assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode(good.substring(0, good.length() / 2)));
        assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode("A".repeat(BucketMemoryCodec.MAX_ENCODED_CHARS + 4)));
        byte[] raw = Base64.getDecoder().decode(good);
        raw[0] = 9;
        assertTrue(assertThrows(DamagedMemoryException.class, () -> BucketMemoryCodec.decode(encodedRaw(raw)))
                .getMessage().contains("format"));
        String trailing = assertThrows(DamagedMemoryException.class,
                () -> BucketMemoryCodec.decode(encoded(withTrailingByte(good)))).getMessage();
        assertTrue(trailing.contains("after"), trailing);
    }

    @Test
    void randomDamageIsAlwaysADamagedMemoryAndNeverAnotherFailure() {
        String good = BucketMemoryCodec.encode("layout", Keys.memory(4, 5));
        byte[] body = inflated(good);
        Random random = new Random(3);
        for (int i = 0; i < 3_000; i++) {
            byte[] damaged = body.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            try {
                BucketMemoryCodec.decode(encoded(damaged));
            } catch (DamagedMemoryException expected) {
                // the only failure a damaged memory may cause
            }
        }
    }

    private static byte[] inflated(String text) {
        byte[] raw = Base64.getDecoder().decode(text);
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(raw, 1, raw.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                out.write(buffer, 0, inflater.inflate(buffer));
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
        inflater.end();
        return out.toByteArray();
    }

    private static byte[] withTrailingByte(String text) {
        byte[] body = inflated(text);
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        longer[body.length] = 0;
        return longer;
    }

    /** A body deflated as the codec does. */
    private static String encoded(byte[] body) {
        Deflater deflater = new Deflater();
        deflater.setInput(body);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String encodedRaw(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }
}
