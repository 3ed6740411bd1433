package io.kcg.genesys.source;

import io.kcg.genesys.restate.RestatementState;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** alterOffsets (KIP-875) accepts what the connector writes and names what is wrong with anything else. */
class SourceOffsetsTest {
    private static boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return new GenesysAggregatesSourceConnector().alterOffsets(ConnectorValidateTest.valid(), offsets);
    }

    private static String refusal(Map<String, ?> partition, Map<String, ?> offset) {
        return assertThrows(ConnectException.class, () -> alter(partition, offset)).getMessage();
    }

    @Test
    void aWatermarkOrAResetIsAccepted() {
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 1_772_000_000_000L)));
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 0)));
        assertTrue(alter(Map.of("query", "queues"), null), "null resets the query to its start");
        String state = RestatementState.startingAt("layout", 5).encodeWithinBound();
        assertTrue(alter(Map.of("query", "queues"), Map.of("watermark", 10L, "restatement", state)));
    }

    @Test
    void badOffsetsAreRefusedWithTheReason() {
        assertTrue(refusal(Map.of("query", "nope"), Map.of("watermark", 1L)).contains("not in this connector's"));
        assertTrue(refusal(Map.of("file", "x"), Map.of("watermark", 1L)).contains("{\"query\""));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", "yesterday")).contains("epoch milliseconds"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", -1L)).contains("negative"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", 1L, "position", 3)).contains("unknown key"));
        assertTrue(refusal(Map.of("query", "queues"), Map.of("watermark", 1L, "restatement", "garbage"))
                .contains("not one the connector wrote"));
        assertTrue(refusal(Collections.singletonMap("query", null), Map.of("watermark", 1L)).contains("{\"query\""));
    }

    @Test
    void offsetsRoundTripTheirWatermarkAndState() {
        Instant watermark = Instant.parse("2026-03-01T00:00:00Z");
        Map<String, Object> offset = SourceOffsets.offset(watermark, "abc");
        assertEquals(watermark, SourceOffsets.watermark(offset));
        assertEquals("abc", SourceOffsets.restatement(offset));
        assertEquals(Map.of("watermark", watermark.toEpochMilli()), SourceOffsets.offset(watermark, null));
        assertEquals(watermark, SourceOffsets.watermark(Map.of("watermark", (int) 0 + watermark.toEpochMilli())));
    }
}
