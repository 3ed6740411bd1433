package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml without a Docker engine (.ci/run also checks it against the compose specification with
 * dclint): every file it mounts exists after `mvn package`, images are pinned, the worker converts with Avro through
 * the registry and loads the plugin directory, and the simulator is reachable the only way the connector accepts
 * plain http, on loopback.
 */
class ComposeFileIT {
    static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.root().resolve("docker-compose.yml")
                .toFile());
        services = compose.path("services");
        assertTrue(services.size() >= 5, "services: " + services);
    }

    @Test
    void everyMountedHostPathExists() {
        List<String> mounts = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) {
                    mounts.add(source);
                    assertTrue(Files.exists(RepoFiles.root().resolve(source).normalize()),
                            service.getKey() + " mounts " + source + ", which does not exist (mvn package builds the "
                                    + "plugin directory and the simulator jar)");
                }
            }
        });
        assertTrue(mounts.contains("./connector/target/plugins/kafka-connect-genesys"), "the plugin is mounted");
        assertTrue(mounts.contains("./simulator/target/genesys-simulator.jar"), "the simulator jar is mounted");
        assertTrue(mounts.contains("./config"), "the connector configs are mounted");
    }

    @Test
    void everyImageIsPinnedByTag() {
        services.fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            Matcher tag = Pattern.compile("^[\\w./-]+:([\\w.-]+)$").matcher(image);
            assertTrue(tag.matches(), service.getKey() + " image has no tag: " + image);
            assertFalse(tag.group(1).equals("latest"), service.getKey() + " uses latest");
            assertTrue(tag.group(1).matches(".*\\d+\\.\\d+.*"), service.getKey() + " tag is not a version: " + image);
        });
    }

    @Test
    void theWorkerWritesAvroThroughTheRegistryAndLoadsThePluginDirectory() {
        JsonNode connect = services.path("connect");
        JsonNode env = connect.path("environment");
        assertTrue(connect.path("image").asText().startsWith("confluentinc/cp-kafka-connect:"));
        assertEquals("io.confluent.connect.avro.AvroConverter", env.path("CONNECT_VALUE_CONVERTER").asText());
        assertEquals("io.confluent.connect.avro.AvroConverter", env.path("CONNECT_KEY_CONVERTER").asText());
        assertEquals("http://schema-registry:8081", env.path("CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL").asText());
        String target = null;
        for (JsonNode volume : connect.path("volumes")) {
            if (volume.asText().startsWith("./connector/target/plugins/kafka-connect-genesys:")) {
                target = volume.asText().split(":")[1];
            }
        }
        assertTrue(target != null, "plugin mount");
        String pluginParent = Path.of(target).getParent().toString();
        assertTrue(List.of(env.path("CONNECT_PLUGIN_PATH").asText().split(",")).contains(pluginParent),
                "plugin.path holds " + pluginParent);
        assertTrue(services.has("schema-registry") && services.path("schema-registry").path("image").asText()
                .startsWith("confluentinc/cp-schema-registry:"));
    }

    @Test
    void theWarehouseProfileRunsTheJdbcSinkFromItsPluginPackageIntoItsPostgres() throws IOException {
        for (String service : List.of("postgres", "connect-warehouse", "create-sink")) {
            assertEquals("[\"warehouse\"]", services.path(service).path("profiles").toString(),
                    service + " is in the optional warehouse profile only");
        }
        JsonNode worker = services.path("connect-warehouse");
        JsonNode env = worker.path("environment");
        String plugin = null;
        for (JsonNode volume : worker.path("volumes")) {
            if (volume.asText().startsWith("./demo/target/connect-plugins/debezium-connector-jdbc:")) {
                plugin = volume.asText().split(":")[1];
            }
        }
        assertTrue(plugin != null, "Debezium's JDBC sink is mounted from its unpacked plugin package");
        assertTrue(List.of(env.path("CONNECT_PLUGIN_PATH").asText().split(",")).contains(Path.of(plugin).getParent()
                .toString()), "plugin.path holds the sink's directory");
        assertEquals("io.confluent.connect.avro.AvroConverter", env.path("CONNECT_VALUE_CONVERTER").asText());
        assertFalse(env.path("CONNECT_GROUP_ID").asText().equals(services.path("connect").path("environment")
                .path("CONNECT_GROUP_ID").asText()), "a worker group of its own");

        String command = services.path("create-sink").path("command").toString();
        Matcher config = Pattern.compile("@/config/([\\w.-]+\\.json)").matcher(command);
        assertTrue(config.find(), "the one-shot service posts a config from config/: " + command);
        JsonNode sink = new ObjectMapper().readTree(RepoFiles.root().resolve("config").resolve(config.group(1)).toFile())
                .path("config");
        assertEquals("io.debezium.connector.jdbc.JdbcSinkConnector", sink.path("connector.class").asText());
        JsonNode postgres = services.path("postgres").path("environment");
        assertEquals("jdbc:postgresql://postgres:5432/" + postgres.path("POSTGRES_DB").asText(),
                sink.path("connection.url").asText(), "the sink reaches the profile's database");
        assertEquals(postgres.path("POSTGRES_USER").asText(), sink.path("connection.username").asText());
        assertEquals(postgres.path("POSTGRES_PASSWORD").asText(), sink.path("connection.password").asText());
        JsonNode source = new ObjectMapper().readTree(RepoFiles.root().resolve("config/queue-report-30m.json").toFile());
        assertEquals(source.path("config").path("query.queues30m.topic").asText(), sink.path("topics").asText(),
                "the sink reads the topic the stack's connector writes");
    }

    @Test
    void theSimulatorIsOnTheWorkersLoopbackAsTheConnectorConfigExpects() throws IOException {
        assertEquals("service:connect", services.path("simulator").path("network_mode").asText(),
                "the connector only accepts plain http on loopback hosts");
        String command = services.path("create-connector").path("command").toString();
        Matcher config = Pattern.compile("@/config/([\\w.-]+\\.json)").matcher(command);
        assertTrue(config.find(), "the one-shot service posts a config from config/: " + command);
        Path file = RepoFiles.root().resolve("config").resolve(config.group(1));
        assertTrue(Files.isRegularFile(file), file + " exists");
        JsonNode connector = new ObjectMapper().readTree(file.toFile());
        URI api = URI.create(connector.path("config").path("genesys.api.url").asText());
        assertEquals("127.0.0.1", api.getHost(), "the config reaches the simulator on loopback");
        String simulatorPort = String.valueOf(api.getPort());
        assertTrue(services.path("simulator").path("command").toString().contains("\"" + simulatorPort + "\""),
                "the simulator listens on " + simulatorPort);
    }
}
