package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Response bodies and query definitions for the mapper tests, written as Genesys sends them. */
final class Bodies {
    static final String BUCKET_1 = "2026-03-01T10:00:00.000Z/2026-03-01T10:30:00.000Z";
    static final String BUCKET_2 = "2026-03-01T10:30:00.000Z/2026-03-01T11:00:00.000Z";

    private Bodies() {
    }

    static QueryDefinition query(String name, String endpoint, String body) {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of(name), Map.of(
                "query." + name + ".body", body, "query." + name + ".endpoint", endpoint));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    static QueryDefinition query(String body) {
        return query("queues", "conversations", body);
    }

    /** {@code {"results":[...]}} of the given results. */
    static String response(String... results) {
        return "{\"results\":[" + String.join(",", results) + "]}";
    }

    /** One result: a group (JSON object text, or null for none) and its buckets. */
    static String result(String group, String... buckets) {
        return "{" + (group == null ? "" : "\"group\":" + group + ",") + "\"data\":[" + String.join(",", buckets) + "]}";
    }

    /** One bucket with its metrics (each a JSON object text). */
    static String bucket(String interval, String... metrics) {
        return "{\"interval\":\"" + interval + "\",\"metrics\":[" + String.join(",", metrics) + "]}";
    }

    static String metric(String name, String stats) {
        return "{\"metric\":\"" + name + "\",\"stats\":" + stats + "}";
    }

    static String metric(String name, String qualifier, String stats) {
        return "{\"metric\":\"" + name + "\",\"qualifier\":\"" + qualifier + "\",\"stats\":" + stats + "}";
    }

    static List<MappedRecord> read(RecordMapper mapper, String body) {
        try {
            return mapper.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
