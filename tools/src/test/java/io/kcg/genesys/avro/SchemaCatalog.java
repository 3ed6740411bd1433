package io.kcg.genesys.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.kcg.genesys.avro.ConnectorSchemas.TopicSchemas;
import io.kcg.genesys.cli.ConnectorConfigFile;
import io.kcg.genesys.config.DirectorySourceConfig;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.directory.DirectoryKind;
import io.kcg.genesys.directory.DirectoryRecords;
import io.kcg.genesys.record.Heartbeats;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import io.kcg.genesys.source.GenesysDirectorySourceConnector;
import org.apache.kafka.connect.data.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@code schemas/} must hold: for every file, the Connect schema it is the Avro form of.
 * <ul>
 *   <li>{@code heartbeat/key.avsc}, {@code heartbeat/value.avsc}: heartbeat records;</li>
 *   <li>{@code <config>/<query>/key.avsc} and {@code value.avsc} for every example config {@code config/<config>.json}
 *       or {@code .properties} (worker configs excepted) and each of its queries, in the config's format;</li>
 *   <li>{@code long/<config>/<query>/key.avsc} and {@code value.avsc}: the same queries in the long format (whose
 *       dimension fields depend on the query);</li>
 *   <li>{@code directory/key.avsc} and {@code directory/<kind>/value.avsc}: the directory source's records.</li>
 * </ul>
 */
public final class SchemaCatalog {
    public static final String KEY_FILE = "key.avsc";
    public static final String VALUE_FILE = "value.avsc";

    private SchemaCatalog() {
    }

    /** The repository root: the first directory up from the working directory that holds config/ and pom.xml. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("config")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (with config/ and pom.xml) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path schemasDir() {
        return repoRoot().resolve("schemas");
    }

    /** The example connector configs, sorted by file name. */
    public static List<Path> exampleConfigs() {
        try (Stream<Path> files = Files.list(repoRoot().resolve("config"))) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return (name.endsWith(".json") || name.endsWith(".properties")) && !name.startsWith("worker");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file of {@code schemas/} (relative path with '/') and its Connect schema. Two configs with the same base
     * name (queue-report-30m.json and .properties) share a directory; when they disagree, IllegalStateException.
     */
    public static Map<String, Schema> expected() {
        Map<String, Schema> files = new TreeMap<>();
        files.put("heartbeat/" + KEY_FILE, Heartbeats.KEY_SCHEMA);
        files.put("heartbeat/" + VALUE_FILE, Heartbeats.VALUE_SCHEMA);
        for (Path config : exampleConfigs()) {
            String base = config.getFileName().toString().replaceFirst("\\.(json|properties)$", "");
            Map<String, String> props = read(config);
            if (GenesysDirectorySourceConnector.class.getName().equals(props.get("connector.class"))) {
                // The directory source: one key schema, a value schema per kind, the same for every config.
                putOnce(files, "directory/" + KEY_FILE, DirectoryRecords.KEY_SCHEMA, config);
                for (DirectoryKind kind : new DirectorySourceConfig(props).kinds()) {
                    putOnce(files, "directory/" + kind.configName() + "/" + VALUE_FILE,
                            DirectoryRecords.valueSchema(kind), config);
                }
                continue;
            }
            if (!GenesysAggregatesSourceConnector.class.getName().equals(props.get("connector.class"))) {
                continue; // another connector's config (the JDBC sink of the warehouse profile)
            }
            GenesysSourceConfig parsed = new GenesysSourceConfig(props);
            for (TopicSchemas schemas : ConnectorSchemas.of(parsed)) {
                if (schemas.query() == null) {
                    continue; // heartbeats: the same for every config, in heartbeat/
                }
                String dir = base + "/" + schemas.query() + "/";
                putOnce(files, dir + KEY_FILE, schemas.key(), config);
                putOnce(files, dir + VALUE_FILE, schemas.value(), config);
            }
            for (QueryDefinition query : parsed.queries()) {
                TopicSchemas longFormat = ConnectorSchemas.of(query, OutputFormat.LONG, parsed.derivedKpis());
                String dir = "long/" + base + "/" + query.name() + "/";
                putOnce(files, dir + KEY_FILE, longFormat.key(), config);
                putOnce(files, dir + VALUE_FILE, longFormat.value(), config);
            }
        }
        return files;
    }

    /** The Avro text of {@code schema} as Apicurio's (and Confluent's) AvroData translates it, as a file holds it. */
    public static String avroDataText(Schema schema) {
        return new AvroData(10).fromConnectSchema(schema).toString(true) + "\n";
    }

    private static void putOnce(Map<String, Schema> files, String path, Schema schema, Path config) {
        Schema previous = files.putIfAbsent(path, schema);
        if (previous != null && !previous.equals(schema)) {
            throw new IllegalStateException(config + " yields another schema for schemas/" + path + " than a config of "
                    + "the same name: keep config/<name>.json and config/<name>.properties the same connector");
        }
    }

    private static Map<String, String> read(Path config) {
        try {
            return ConnectorConfigFile.read(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
