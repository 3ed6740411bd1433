package io.kcg.genesys.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What docs/sinks.md shows is what runs. The sink config docker-compose.yml's warehouse profile posts
 * (config/postgres-sink.json) is the one the end-to-end tests run (docs/sinks.md), except for what differs by
 * deployment: where the database is, its credentials, the topics, and the converters (the compose stack writes Avro
 * through a schema registry, the tests JSON with schemas). The daily report's SQL in the page is the tested file.
 */
class SinkConfigsTest {
    static final Set<String> PER_DEPLOYMENT = Set.of("connection.url", "connection.username", "connection.password",
            "topics");

    @Test
    void theComposeSinkConfigIsTheTestedOneButForWhereAndHowItReads() throws Exception {
        JsonNode file = new ObjectMapper().readTree(Files.readString(RepoFiles.ROOT.resolve("config/postgres-sink.json")));
        Map<String, String> compose = new LinkedHashMap<>();
        file.path("config").fields().forEachRemaining(f -> compose.put(f.getKey(), f.getValue().asText()));
        assertEquals(behaviour(RepoFiles.config("postgres-sink")), behaviour(compose));
    }

    @Test
    void theDocumentedDailyReportIsTheTestedFile() throws Exception {
        assertEquals(Files.readString(DailyQueueReport.WIDE_SQL), RepoFiles.block("daily-queue-report"),
                "docs/sinks.md shows examples/sql/daily-queue-report.sql, which the end-to-end tests run");
    }

    private static Map<String, String> behaviour(Map<String, String> config) {
        Map<String, String> kept = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!PER_DEPLOYMENT.contains(key) && !key.startsWith("key.converter") && !key.startsWith("value.converter")) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
