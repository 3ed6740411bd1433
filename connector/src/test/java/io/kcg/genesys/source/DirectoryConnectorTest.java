package io.kcg.genesys.source;

import io.kcg.genesys.config.DirectorySourceConfig;
import io.kcg.genesys.directory.DirectoryKind;
import io.kcg.genesys.directory.DirectoryMemory;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryConnectorTest {
    static Map<String, String> valid() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysDirectorySourceConnector.class.getName());
        props.put("genesys.region", "eu_west_1");
        props.put("genesys.client.id", "client");
        props.put("genesys.client.secret", "s3cret-value");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config config = new GenesysDirectorySourceConnector().validate(props);
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void theDefaultsListAllFourKinds() {
        assertEquals(Map.of(), errors(valid()));
        GenesysDirectorySourceConnector connector = new GenesysDirectorySourceConnector();
        connector.start(valid());
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(List.of("queues,divisions", "users", "wrapupcodes"),
                tasks.stream().map(t -> t.get(GenesysDirectorySourceTask.TASK_KINDS)).toList());
        assertEquals(1, connector.taskConfigs(1).size());
        assertEquals(4, connector.taskConfigs(10).size(), "never more tasks than kinds");
    }

    @Test
    void badValuesFailValidateOnTheirKeys() {
        Map<String, String> props = valid();
        props.put("directory.kinds", "queues,skills");
        props.put("directory.topic.prefix", "bad prefix/");
        props.put("directory.poll.interval", "PT0.5S");
        props.put("directory.page.size", "501");
        props.put("genesys.api.url", "http://127.0.0.1:8089");
        Map<String, List<String>> errors = errors(props);
        assertEquals(List.of("directory.kinds", "directory.page.size", "directory.poll.interval",
                "directory.topic.prefix", "genesys.api.url"), errors.keySet().stream().sorted().toList());
        assertTrue(errors.get("directory.kinds").get(0).contains("skills"), errors.toString());
        assertTrue(errors.get("genesys.api.url").get(0).contains("not both"), errors.toString());
    }

    @Test
    void noRegionAndNoUrlIsAnErrorOnTheRegion() {
        Map<String, String> props = valid();
        props.remove("genesys.region");
        assertEquals(List.of("genesys.region"), List.copyOf(errors(props).keySet()));
    }

    @Test
    void everyKeyIsInTheDocs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "directory.md"));
        for (String key : DirectorySourceConfig.CONFIG_DEF.names()) {
            assertTrue(docs.contains("`" + key + "`"), key + " in docs/directory.md");
        }
    }

    @Test
    void theSecretIsAPasswordThatValidateNeverShows() {
        Config config = new GenesysDirectorySourceConnector().validate(valid());
        String shown = config.configValues().stream().filter(v -> v.name().equals("genesys.client.secret"))
                .map(v -> String.valueOf(v.value())).findFirst().orElseThrow();
        assertFalse(shown.contains("s3cret-value"), shown);
    }

    @Test
    void offsetsWrittenThroughTheRestApiAreChecked() {
        GenesysDirectorySourceConnector connector = new GenesysDirectorySourceConnector();
        Map<String, String> partition = DirectoryMemory.partition(DirectoryKind.QUEUES, 3);
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, null);
        assertTrue(connector.alterOffsets(valid(), offsets), "null forgets the shard");
        offsets.put(partition, DirectoryMemory.empty(DirectoryKind.QUEUES).offset(3));
        assertTrue(connector.alterOffsets(valid(), offsets));

        offsets.put(partition, Map.of(DirectoryMemory.DIGESTS, "{\"some-id\":\"AAAAAAAAAAA\"}"));
        ConnectException wrongShard = assertThrows(ConnectException.class, () -> connector.alterOffsets(valid(), offsets));
        assertTrue(wrongShard.getMessage().contains("another shard") || wrongShard.getMessage().contains("not one"),
                wrongShard.getMessage());

        offsets.clear();
        offsets.put(Map.of("directory", "skills", "shard", "03"), null);
        assertThrows(ConnectException.class, () -> connector.alterOffsets(valid(), offsets));
        offsets.clear();
        offsets.put(Map.of("directory", "queues", "shard", "300"), null);
        assertThrows(ConnectException.class, () -> connector.alterOffsets(valid(), offsets));
        offsets.clear();
        offsets.put(partition, Map.of(DirectoryMemory.DIGESTS, "x".repeat((1 << 20) + 1)));
        assertThrows(ConnectException.class, () -> connector.alterOffsets(valid(), offsets));
    }
}
