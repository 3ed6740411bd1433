package io.kcg.genesys.cli;

import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import io.kcg.genesys.source.GenesysDirectorySourceConnector;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every connector config under config/ (the demo's and the production ones), read as the CLI reads it, passes validate(). */
class ExampleConfigsTest {
    @Test
    void everyExampleConfigIsValid() throws Exception {
        Path dir = Path.of("..", "config");
        List<Path> examples;
        try (Stream<Path> files = Files.walk(dir)) {
            examples = files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".properties"))
                    .filter(p -> !p.getFileName().toString().startsWith("worker")).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "examples in " + dir.toAbsolutePath());
        for (Path example : examples) {
            Map<String, String> config = ConnectorConfigFile.read(example);
            SourceConnector connector = GenesysDirectorySourceConnector.class.getName()
                    .equals(config.get("connector.class")) ? new GenesysDirectorySourceConnector()
                    : new GenesysAggregatesSourceConnector();
            Map<String, List<String>> errors = connector.validate(config).configValues().stream()
                    .filter(v -> !v.errorMessages().isEmpty())
                    .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages, (a, b) -> a));
            assertEquals(Map.of(), errors, example.toString());
        }
    }
}
