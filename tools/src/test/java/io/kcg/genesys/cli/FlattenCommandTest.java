package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/genesys-aggregates flatten} on the saved response in examples/, in process. */
class FlattenCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESPONSE = Path.of("..", "examples", "queue-report-response.json");
    private static final Path QUERY = Path.of("..", "examples", "queue-report-query.json");

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run run(InputStream stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GenesysAggregatesCli.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    private static List<AggregateRow> rows() throws Exception {
        List<AggregateRow> rows = new ArrayList<>();
        new AggregateResponseParser().parse(new ByteArrayInputStream(Files.readAllBytes(RESPONSE)), rows::add);
        return rows;
    }

    @Test
    void wideGivesOneLinePerBucketAndGroupWithTheContractsFieldNames() throws Exception {
        Set<String> bucketGroups = new HashSet<>();
        for (AggregateRow row : rows()) {
            bucketGroups.add(row.group() + "@" + row.bucketStart());
        }
        Run run = run(InputStream.nullInputStream(), "flatten", "--query", QUERY.toString(), "--name", "queues30m",
                RESPONSE.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(bucketGroups.size(), run.lines().size());
        JsonNode first = run.lines().get(0);
        assertEquals("queues30m", first.get("query_name").asText());
        assertTrue(first.get("interval_start").asText().matches("2026-03-09T\\d\\d:\\d\\d:00Z"), first.toString());
        assertEquals("PT30M", first.get("granularity").asText());
        assertTrue(first.get("queue_id").isTextual() && first.get("media_type").isTextual());
        assertEquals("{}", first.get("group_extra").asText());
        assertTrue(first.get("n_offered_count").isNumber());
        assertTrue(first.has("t_handle_sum") && first.has("avg_handle_ms") && first.has("service_level"));
        assertTrue(first.get("metrics_extra").isNull(), "absent optional fields are explicit nulls");
        assertEquals(0, first.get("revision").asInt());
    }

    @Test
    void longGivesOneLinePerMetricAndReadsStandardInput() throws Exception {
        Run run = run(new ByteArrayInputStream(Files.readAllBytes(RESPONSE)), "flatten", "--format", "long", "-");
        assertEquals(0, run.exit(), run.err());
        assertEquals(rows().size(), run.lines().size());
        JsonNode first = run.lines().get(0);
        assertTrue(first.has("metric") && first.has("qualifier") && first.has("count") && first.has("ratio"));
        assertTrue(first.get("queue_id").isTextual(), "the dimensions are scalar fields: " + first);
        assertTrue(first.get("granularity").isNull(), "without --query the granularity is unknown");
    }

    @Test
    void withoutAQueryTheDimensionsAndMetricsComeFromTheResponse() throws Exception {
        Run run = run(InputStream.nullInputStream(), "flatten", RESPONSE.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode first = run.lines().get(0);
        assertTrue(first.has("queue_id") && first.has("media_type") && first.has("t_acw_sum"), first.toString());
    }

    @Test
    void badInputGetsAClearErrorAndBadUsageTheUsage() throws Exception {
        Run malformed = run(new ByteArrayInputStream("{\"results\":[{\"group\":".getBytes(StandardCharsets.UTF_8)),
                "flatten", "-");
        assertEquals(1, malformed.exit());
        assertTrue(malformed.err().contains("line 1"), malformed.err());
        Run usage = run(InputStream.nullInputStream(), "flatten", "--format", "tall", RESPONSE.toString());
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("usage:"), usage.err());
        assertEquals(2, run(InputStream.nullInputStream(), "frobnicate").exit());
    }
}
