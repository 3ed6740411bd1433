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

/**
 * Every config of this connector under config/ (the demo's and the production ones), read as the CLI reads it, passes
 * validate(). Other connectors' configs there (the JDBC sink of docker-compose.yml's warehouse profile) are tested
 * where they run (it-sinks, demo's ComposeFileIT).
 */
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
        int validated = 0;
        for (Path example : examples) {
            Map<String, String> config = ConnectorConfigFile.read(example);
            String connectorClass = config.get("connector.class");
            SourceConnector connector;
            if (GenesysAggregatesSourceConnector.class.getName().equals(connectorClass)) {
                connector = new GenesysAggregatesSourceConnector();
            } else if (GenesysDirectorySourceConnector.class.getName().equals(connectorClass)) {
                connector = new GenesysDirectorySourceConnector();
            } else {
                continue;
            }
            validated++;
            Map<String, List<String>> errors = connector.validate(config).configValues().stream()
                    .filter(v -> !v.errorMessages().isEmpty())
                    .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages, (a, b) -> a));
            assertEquals(Map.of(), errors, example.toString());
        }
        assertFalse(validated == 0, "configs of this connector in " + dir.toAbsolutePath());
    }
}
