package io.kcg.genesys.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md, the configuration reference, is generated from the ConfigDef, so it cannot drift: this
 * test fails when they differ, and rewrites the section when run with -Dgenesys.docs.update=true.
 */
class ConfigDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    private static final String START = "<!-- section:config-keys -->\n";
    private static final String END = "<!-- /section:config-keys -->";

    @Test
    void pageListsEveryConfigKeyAsTheConfigDefDocumentsIt() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int from = page.indexOf(START);
        int to = page.indexOf(END);
        assertTrue(from >= 0 && to > from, "docs/configuration.md has the config-keys section markers");
        String current = page.substring(from + START.length(), to);
        String generated = ConfigDocs.markdown();
        if (Boolean.getBoolean("genesys.docs.update") && !current.equals(generated)) {
            Files.writeString(PAGE, page.substring(0, from + START.length()) + generated + page.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, "docs/configuration.md is stale; run "
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
