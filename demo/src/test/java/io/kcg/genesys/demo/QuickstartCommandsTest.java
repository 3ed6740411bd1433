package io.kcg.genesys.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's two set-up commands are the ones that exist: ./demo.sh, and the test command .ci/run runs. */
class QuickstartCommandsTest {
    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    static List<String> codeBlocks() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher section = Pattern.compile("<!-- section:quickstart -->(.*?)<!-- /section:quickstart -->",
                Pattern.DOTALL).matcher(readme);
        assertTrue(section.find(), "README has a quickstart section");
        Matcher block = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(section.group(1));
        List<String> blocks = new java.util.ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1).trim());
        }
        return blocks;
    }

    @Test
    void theFirstCommandIsTheDemoScript() throws IOException {
        assertEquals("./demo.sh", codeBlocks().get(0));
        assertTrue(Files.isExecutable(ROOT.resolve("demo.sh")), "demo.sh is executable");
    }

    @Test
    void theTestCommandIsExactlyWhatCiRuns() throws IOException {
        String command = codeBlocks().stream().filter(b -> b.startsWith("mvn ")).findFirst().orElseThrow();
        List<String> ciLines = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(ciLines.contains(command), ".ci/run runs the README's test command " + command + " as a line of its own");
    }
}
