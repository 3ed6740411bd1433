package io.kcg.genesys.avro;

import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code schemas/} holds exactly the Avro schemas that the Connect-to-Avro translation of Confluent's AvroConverter
 * (Apicurio's AvroData, the same code) makes of the connector's Connect schemas, so every schema change shows in
 * review. With {@code -Dgenesys.schemas.update=true} it rewrites the files instead of failing.
 */
class SchemaFilesTest {
    static final String UPDATE_PROPERTY = "genesys.schemas.update";
    static final String REGENERATE = "mvn -o -q -pl tools test -Dtest=SchemaFilesTest -Dgenesys.schemas.update=true";

    @Test
    void schemasDirectoryMatchesTheConnectorsSchemas() throws IOException {
        Path dir = SchemaCatalog.schemasDir();
        Map<String, Schema> expected = SchemaCatalog.expected();
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, Schema> entry : expected.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            String text = SchemaCatalog.avroDataText(entry.getValue());
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                continue;
            }
            problems.add((Files.exists(file) ? "differs: " : "missing: ") + "schemas/" + entry.getKey());
            if (update) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        }
        for (String stale : filesUnder(dir)) {
            if (!expected.containsKey(stale)) {
                problems.add("no longer emitted: schemas/" + stale);
                if (update) {
                    Files.delete(dir.resolve(stale));
                }
            }
        }

        if (update) {
            System.out.println("schemas/ rewritten: " + (problems.isEmpty() ? "nothing changed" : problems));
        } else if (!problems.isEmpty()) {
            fail("schemas/ and the connector's schemas differ:\n  " + String.join("\n  ", problems)
                    + "\nIf the change is intended, regenerate from the repository root with\n  " + REGENERATE
                    + "\nand review the diff (adding a metric or a dimension is compatible; see docs/records.md).");
        }
        assertTrue(expected.size() >= 8, "long, heartbeat and at least two example configs: " + expected.keySet());
    }

    /** The .avsc files under {@code dir} (schemas/README.md is no schema). */
    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".avsc"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
