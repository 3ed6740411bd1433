package io.kcg.genesys.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool as operators get it: unzipped from kcg-genesys-tools-VERSION.zip, its bin/ script runs on its own. */
class ToolsZipIT {
    private record Run(int exit, String output) {
    }

    @Test
    void theUnzippedToolRunsWithWhatItCarries(@TempDir Path dir) throws Exception {
        String version = System.getProperty("tools.version");
        unzip(Path.of(System.getProperty("tools.zip")), dir);
        Path home = dir.resolve("kcg-genesys-tools-" + version);
        Path script = home.resolve("bin/genesys-aggregates");
        assertTrue(Files.isExecutable(script), "executable " + script);

        Run run = run(script, "--version");
        assertEquals(0, run.exit(), run.output());
        assertEquals("genesys-aggregates " + version, run.output().strip());
        Run help = run(script, "status", "--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("PATCH /connectors/NAME/offsets"), help.output());
        // Kafka's config providers and Avro are inside: preview and schema need them at run time.
        Run schema = run(script, "schema", "--config", Path.of("..", "config", "queue-report-30m.json")
                .toAbsolutePath().toString());
        assertEquals(0, schema.exit(), schema.output());
        assertTrue(schema.output().contains("\"type\" : \"record\""), schema.output());
    }

    private static Run run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool ends");
        return new Run(process.exitValue(), output);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                    if (entry.getName().contains("/bin/")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }
}
