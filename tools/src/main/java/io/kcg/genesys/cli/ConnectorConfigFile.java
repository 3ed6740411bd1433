package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A connector config as users keep it: the Connect REST API's JSON ({@code {"name":…,"config":{…}}} or the bare
 * config object), or a standalone {@code .properties} file.
 */
public final class ConnectorConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigFile() {
    }

    public static Map<String, String> read(Path path) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        if (path.toString().endsWith(".properties")) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(path)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(name -> props.put(name, properties.getProperty(name)));
            return props;
        }
        JsonNode root = JSON.readTree(path.toFile());
        JsonNode config = root.has("config") && root.get("config").isObject() ? root.get("config") : root;
        config.fields().forEachRemaining(field -> props.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        return props;
    }
}
