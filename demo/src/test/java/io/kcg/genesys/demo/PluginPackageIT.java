package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin as `mvn package` ships it: the Confluent-Hub-style zip (one top directory with manifest.json, lib/,
 * doc/, etc/) and the same content as a plain plugin.path directory; only the plugin's own dependencies; the
 * ServiceLoader manifest in the connector jar; the user docs under doc/ with every relative link working.
 */
class PluginPackageIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static String top;
    static Map<String, byte[]> zip;

    @BeforeAll
    static void readZip() throws IOException {
        top = "kcg-kafka-connect-genesys-" + RepoFiles.version() + "/";
        Path file = RepoFiles.built("connector/target/" + top.substring(0, top.length() - 1) + ".zip");
        zip = new TreeMap<>();
        try (ZipFile archive = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = archive.getInputStream(entry)) {
                        zip.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    void everythingIsUnderOneTopDirectoryInTheConfluentHubLayout() {
        for (String name : zip.keySet()) {
            assertTrue(name.startsWith(top), name + " outside " + top);
            String inside = name.substring(top.length());
            assertTrue(inside.equals("manifest.json") || inside.startsWith("lib/") || inside.startsWith("doc/")
                    || inside.startsWith("etc/") || inside.startsWith("assets/"), "unexpected entry " + name);
        }
        assertTrue(zip.containsKey(top + "doc/README.md"), "doc/README.md");
    }

    @Test
    void docHoldsTheReadmeAndEveryDocsPageOfTheRepository() throws IOException {
        for (String file : List.of("README.md", "CHANGELOG.md", "LICENSE", "NOTICE")) {
            assertTrue(zip.containsKey(top + "doc/" + file), "doc/" + file);
        }
        for (String page : DocLinksTest.pages()) {
            assertTrue(zip.containsKey(top + "doc/" + page), "doc/" + page + " in the zip");
            assertEquals(DocLinksTest.read(page), new String(zip.get(top + "doc/" + page), StandardCharsets.UTF_8),
                    page + " as in the repository");
        }
    }

    @Test
    void everyRelativeLinkOfTheShippedDocsResolvesInsideTheZip() {
        String doc = top + "doc/";
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (String name : zip.keySet()) {
            String page = name.startsWith(doc) ? name.substring(doc.length()) : "";
            if (!page.equals("README.md") && !page.equals("CHANGELOG.md") && !(page.startsWith("docs/") && page.endsWith(".md"))) {
                continue;
            }
            String text = new String(zip.get(name), StandardCharsets.UTF_8);
            for (MarkdownLinks.Link link : MarkdownLinks.relativeLinks(page, text)) {
                links++;
                String problem = MarkdownLinks.problem(link, p -> zip.containsKey(doc + p),
                        p -> zip.keySet().stream().anyMatch(n -> n.startsWith(doc + p)),
                        p -> new String(zip.get(doc + p), StandardCharsets.UTF_8));
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        assertTrue(links > 50, "the shipped docs have their links: " + links);
        assertEquals(List.of(), problems, "links of the docs in " + top + "doc/ that the zip cannot follow");
    }

    @Test
    void manifestDescribesThisSourceConnectorAndVersion() throws IOException {
        JsonNode manifest = JSON.readTree(zip.get(top + "manifest.json"));
        assertEquals("kafka-connect-genesys", manifest.path("name").asText());
        assertEquals(RepoFiles.version(), manifest.path("version").asText(), "version filtered in");
        assertEquals("kcg", manifest.path("owner").path("username").asText());
        assertEquals("source", manifest.path("component_types").path(0).asText());
        assertFalse(manifest.path("title").asText().isBlank());
        assertFalse(manifest.path("description").asText().isBlank());
    }

    @Test
    void etcHoldsEveryExampleConnectorConfig() throws IOException {
        List<String> configs = new ArrayList<>();
        try (Stream<Path> files = Files.list(RepoFiles.root().resolve("config"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") || n.endsWith(".properties"))
                    .forEach(configs::add);
        }
        assertFalse(configs.isEmpty());
        for (String config : configs) {
            assertTrue(zip.containsKey(top + "etc/" + config), "etc/" + config);
        }
    }

    @Test
    void libHasTheConnectorAndItsOwnDependenciesButNothingTheWorkerProvides() {
        TreeSet<String> jars = new TreeSet<>();
        for (String name : zip.keySet()) {
            if (name.startsWith(top + "lib/")) {
                jars.add(name.substring((top + "lib/").length()));
            }
        }
        assertTrue(jars.contains("kafka-connect-genesys-" + RepoFiles.version() + ".jar"), "connector jar: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind-")), "its JSON library: " + jars);
        for (String jar : jars) {
            assertTrue(jar.endsWith(".jar"), "only jars in lib/: " + jar);
            for (String workers : List.of("connect-api-", "connect-runtime-", "connect-json-", "kafka-clients-",
                    "kafka_", "slf4j-", "log4j-", "reload4j-")) {
                assertFalse(jar.startsWith(workers), jar + " belongs to the worker, not the plugin");
            }
        }
    }

    @Test
    void theConnectorJarHasItsServiceLoaderManifest() throws IOException {
        byte[] jar = zip.get(top + "lib/kafka-connect-genesys-" + RepoFiles.version() + ".jar");
        Map<String, String> entries = new TreeMap<>();
        boolean connectorClass = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("META-INF/services/")) {
                    entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                connectorClass |= e.getName().equals("io/kcg/genesys/source/GenesysAggregatesSourceConnector.class");
            }
        }
        String services = entries.get("META-INF/services/org.apache.kafka.connect.source.SourceConnector");
        assertTrue(services != null && services.lines().map(String::trim)
                        .anyMatch(PackagedPlugin.CONNECTOR_CLASS::equals),
                "ServiceLoader manifest (KIP-898) naming the connector: " + entries);
        assertTrue(connectorClass, "the connector class is in the jar");
    }

    @Test
    void thePluginPathDirectoryHasTheZipsContent() throws IOException {
        Path dir = RepoFiles.built("connector/target/plugins/kafka-connect-genesys");
        TreeSet<String> inDir = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> inDir.add(dir.relativize(f).toString().replace('\\', '/')));
        }
        TreeSet<String> inZip = new TreeSet<>();
        zip.keySet().forEach(n -> inZip.add(n.substring(top.length())));
        assertEquals(inZip, inDir);
        for (String name : inZip) {
            if (!name.equals("manifest.json")) {
                assertEquals(zip.get(top + name).length, Files.size(dir.resolve(name)), "same " + name);
            }
        }
    }
}
