package io.kcg.genesys.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository's files the tests run as they are written, so that what users copy is what was tested: the blocks
 * of docs/sinks.md (a fenced block right after a line {@code <!-- tested: NAME -->}) and the example configs.
 */
final class RepoFiles {
    static final Path ROOT = Path.of(System.getProperty("genesys.repo.root", "..")).toAbsolutePath().normalize();
    static final Path PAGE = ROOT.resolve("docs/sinks.md");

    private RepoFiles() {
    }

    /** The content of the fenced block marked {@code <!-- tested: name -->}. */
    static String block(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String marker = "<!-- tested: " + name + " -->";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                int open = i + 1;
                if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                    throw new IllegalStateException(PAGE + ": no fenced block right after " + marker);
                }
                StringBuilder block = new StringBuilder();
                for (int j = open + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("```")) {
                        return block.toString();
                    }
                    block.append(lines.get(j)).append('\n');
                }
                throw new IllegalStateException(PAGE + ": the block after " + marker + " is not closed");
            }
        }
        throw new IllegalStateException(PAGE + " has no " + marker);
    }

    /** The queue report's query exactly as config/queue-report-30m.json ships it. */
    static String queueReportBody() {
        try {
            JsonNode file = new ObjectMapper().readTree(Files.readString(ROOT.resolve("config/queue-report-30m.json")));
            return file.path("config").path("query.queues30m.body").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same query asking for {@code metrics} only. */
    static String queueReportBody(List<String> metrics) {
        try {
            ObjectNode body = (ObjectNode) new ObjectMapper().readTree(queueReportBody());
            ArrayNode list = body.putArray("metrics");
            metrics.forEach(list::add);
            return body.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object block as a connector config (string values). */
    static Map<String, String> config(String name) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(block(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
        return config;
    }
}
