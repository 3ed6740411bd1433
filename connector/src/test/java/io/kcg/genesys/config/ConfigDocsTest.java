package io.kcg.genesys.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration reference is generated from the ConfigDef, so it cannot drift: this test fails when
 * they differ, and rewrites the section when run with -Dgenesys.docs.update=true.
 */
class ConfigDocsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- section:config-keys -->\n";
    private static final String END = "<!-- /section:config-keys -->";

    @Test
    void readmeListsEveryConfigKeyAsTheConfigDefDocumentsIt() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertTrue(from >= 0 && to > from, "README.md has the config-keys section markers");
        String current = readme.substring(from + START.length(), to);
        String generated = ConfigDocs.markdown();
        if (Boolean.getBoolean("genesys.docs.update") && !current.equals(generated)) {
            Files.writeString(README, readme.substring(0, from + START.length()) + generated + readme.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, "README.md's config reference is stale; run "
                + "mvn -pl connector test -Dtest=ConfigDocsTest -Dgenesys.docs.update=true");
    }

    @Test
    void everyKeyHasAGroupAndDocumentation() {
        GenesysSourceConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertTrue(key.group != null && !key.group.isEmpty(), key.name + " has a group");
            assertTrue(key.documentation != null && key.documentation.length() > 20, key.name + " is documented");
        });
        for (String key : GenesysSourceConfig.CONFIG_DEF.names()) {
            assertTrue(ConfigDocs.markdown().contains("`" + key + "`"), key);
        }
    }
}
