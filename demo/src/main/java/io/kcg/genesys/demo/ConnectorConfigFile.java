package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A connector config from {@code config/}: the REST form ({@code {"name": ..., "config": {...}}}) or a standalone
 * .properties file, and the few things the demo reads from it (first query, its topic, the window sizes).
 */
record ConnectorConfigFile(String name, Map<String, String> config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An aggregates connector's config: a name and {@code queries}. */
    static ConnectorConfigFile load(Path file) {
        ConnectorConfigFile loaded = loadAny(file);
        if (loaded.config().get("queries") == null) {
            throw new DemoException(DemoException.USAGE, file + " must have a name and a config with 'queries'");
        }
        return loaded;
    }

    /** Any connector's config (the directory source's, say): a name and a config. */
    static ConnectorConfigFile loadAny(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DemoException(DemoException.USAGE, "no connector config at " + file);
        }
        Map<String, String> config = new LinkedHashMap<>();
        String name;
        try {
            if (file.getFileName().toString().endsWith(".properties")) {
                Properties props = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    props.load(reader);
                }
                props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
                name = config.remove("name");
            } else {
                JsonNode root = JSON.readTree(file.toFile());
                name = root.path("name").asText(null);
                root.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            }
        } catch (IOException e) {
            throw new DemoException(DemoException.USAGE, "cannot read the connector config " + file + ": "
                    + e.getMessage());
        }
        if (name == null) {
            throw new DemoException(DemoException.USAGE, file + " must have a name and a config");
        }
        return new ConnectorConfigFile(name, config);
    }

    String firstQuery() {
        return config.get("queries").split(",")[0].trim();
    }

    String topic() {
        String topic = config.get("query." + firstQuery() + ".topic");
        if (topic == null) {
            throw new DemoException(DemoException.USAGE, "the config has no query." + firstQuery() + ".topic");
        }
        return topic;
    }

    String heartbeatTopic() {
        return config.getOrDefault("heartbeat.topic", "genesys.heartbeats");
    }

    Duration settleDelay() {
        return duration("window.settle.delay", "PT15M");
    }

    Duration windowMax() {
        return duration("window.max", "P1D");
    }

    /** The query's granularity, 30 minutes when it cannot be read as a fixed duration. */
    Duration granularity() {
        try {
            JsonNode body = JSON.readTree(config.getOrDefault("query." + firstQuery() + ".body", "{}"));
            return Duration.parse(body.path("granularity").asText("PT30M"));
        } catch (IOException | DateTimeParseException e) {
            return Duration.ofMinutes(30);
        }
    }

    private Duration duration(String key, String fallback) {
        try {
            return Duration.parse(config.getOrDefault(key, fallback));
        } catch (DateTimeParseException e) {
            return Duration.parse(fallback);
        }
    }
}
