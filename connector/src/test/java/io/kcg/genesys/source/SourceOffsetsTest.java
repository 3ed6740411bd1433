package io.kcg.genesys.source;

import io.kcg.genesys.restate.BucketMemory;
import io.kcg.genesys.restate.BucketMemoryCodec;
import io.kcg.genesys.restate.HorizonMemory;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** alterOffsets (KIP-875) accepts what the connector writes and names what is wrong with anything else. */
class SourceOffsetsTest {
    private static final long BUCKET = 1_772_000_000_000L;

    private static boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return new GenesysAggregatesSourceConnector().alterOffsets(ConnectorValidateTest.valid(), offsets);
    }

    private static String refusal(Map<String, ?> partition, Map<String, ?> offset) {
        return assertThrows(ConnectException.class, () -> alter(partition, offset)).getMessage();
    }

    /**
     * Connect finds an offset by the bytes of its partition, and rewrites a partition through JsonConverter (into a
     * HashMap) when it resets or alters offsets: a bucket partition must serialize to the same bytes afterwards, or a
     * reset leaves the bucket memories in place and a restarted worker (another JVM) does not find them.
     */
    @Test
    void aBucketPartitionSerializesAsConnectRewritesItOnAResetOrInAnotherJvm() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
        Map<String, Object> partition = SourceOffsets.bucketPartition("queues", BUCKET);
        byte[] written = converter.fromConnectData("", null, partition);
        Object rebuilt = converter.toConnectData("", written).value();
        assertEquals(new String(written, StandardCharsets.UTF_8),
                new String(converter.fromConnectData("", null, rebuilt), StandardCharsets.UTF_8));
        assertEquals("{\"bucket\":" + BUCKET + ",\"query\":\"queues\"}", new String(written, StandardCharsets.UTF_8),
                "the same bytes in every JVM");
    }

    @Test
    void aWatermarkOrAResetIsAccepted() {
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 1_772_000_000_000L)));
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 0)));
        assertTrue(alter(Map.of("query", "queues"), null), "null resets the query to its start");
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 10L, "memory_from", 5L, "memory_oldest", 1L,
                "nightly_pass", 7L)), "what the connector writes with restatement on");
    }

    @Test
    void badQueryOffsetsAreRefusedWithTheReason() {
        assertTrue(refusal(Map.of("query", "nope"), Map.of("watermark", 1L)).contains("not in this connector's"));
        assertTrue(refusal(Map.of("file", "x"), Map.of("watermark", 1L)).contains("{\"query\""));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", "yesterday")).contains("epoch milliseconds"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", -1L)).contains("negative"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", 1L, "position", 3)).contains("unknown key"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("memory_from", 3L)).contains("{\"watermark\""));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", 1L, "restatement", "x"))
                .contains("versions before per-bucket memories"));
        assertTrue(refusal(Collections.singletonMap("query", null), Map.of("watermark", 1L)).contains("{\"query\""));
    }

    @Test
    void aBucketPartitionTakesAMemoryTheConnectorWroteOrNull() {
        String memory = BucketMemoryCodec.encode("layout", new BucketMemory());
        Map<String, Object> bucket = Map.of("query", "queues", "bucket", BUCKET);
        assertTrue(alter(bucket, Map.of("memory", memory)));
        assertTrue(alter(bucket, Map.of("given_up", "too large")));
        assertTrue(alter(bucket, null), "null forgets the bucket");
        assertTrue(refusal(bucket, Map.of("memory", "eJwrSS0uAQAEXQHB")).contains("not one the connector wrote"));
        assertTrue(refusal(bucket, Map.of("memory", memory, "watermark", 1L)).contains("keys"));
        assertTrue(refusal(Map.of("query", "queues", "bucket", "monday"), null).contains("bucket start"));
        assertTrue(refusal(Map.of("query", "queues", "bucket", -1L), null).contains("bucket start"));
        assertTrue(refusal(Map.of("query", "nope", "bucket", BUCKET), null).contains("not in this connector's"));
        assertTrue(refusal(Map.of("query", "queues", "slot", 3), null).contains("\"bucket\""));
    }

    @Test
    void aHostileMemoryIsRefusedQuickly() {
        // 20 characters claiming 2^31 values, the kind of value that threw OutOfMemoryError in the old decoder.
        String hostile = "AXicY6xg/A8E7AARVwR+";
        Map<String, Object> bucket = Map.of("query", "queues", "bucket", BUCKET);
        assertTrue(refusal(bucket, Map.of("memory", hostile)).contains("not one the connector wrote"));
        assertTrue(refusal(bucket, Map.of("memory", "A".repeat(2_000_000))).contains("characters"));
    }

    @Test
    void queryOffsetsRoundTripAndTellTheirWriter() {
        Instant watermark = Instant.parse("2026-03-01T00:00:00Z");
        SourceOffsets.QueryOffset ours = new SourceOffsets.QueryOffset(watermark, watermark.minusSeconds(60),
                watermark.minusSeconds(120), watermark.minusSeconds(30), false, true);
        assertEquals(ours, SourceOffsets.queryOffset(ours.toMap()));
        SourceOffsets.QueryOffset bare = SourceOffsets.queryOffset(Map.of("watermark", (int) 5));
        assertEquals(Instant.ofEpochMilli(5), bare.watermark());
        assertFalse(bare.ours(), "a bare watermark is a user's rewind or an older version's");
        assertTrue(SourceOffsets.queryOffset(Map.of("watermark", 5L, "restatement", "x")).legacyMemory());
        assertNull(SourceOffsets.queryOffset(Map.of("memory_from", 5L)));
        assertNull(SourceOffsets.queryOffset(null));
        assertEquals(Map.of("watermark", watermark.toEpochMilli()), SourceOffsets.offset(watermark));
    }

    @Test
    void bucketOffsetsRoundTripAndAnOddOneGivesTheBucketUp() {
        HorizonMemory.Bucket kept = HorizonMemory.Bucket.remembered("abc");
        assertEquals(kept, SourceOffsets.bucket(SourceOffsets.bucketOffset(kept)));
        HorizonMemory.Bucket givenUp = HorizonMemory.Bucket.gaveUp("why");
        assertEquals(givenUp, SourceOffsets.bucket(SourceOffsets.bucketOffset(givenUp)));
        assertTrue(SourceOffsets.bucket(Map.of("memory", 5)).givenUp().contains("unknown shape"));
        assertNull(SourceOffsets.bucketOffset(null));
    }
}
