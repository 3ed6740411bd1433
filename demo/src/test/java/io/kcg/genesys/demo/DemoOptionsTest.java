package io.kcg.genesys.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollup runs unless --no-rollup says otherwise, and --help says so. */
class DemoOptionsTest {
    static final Path ROOT = Path.of("/repo");

    @Test
    void theRollupRunsByDefaultAndNoRollupSkipsIt() {
        assertTrue(DemoOptions.parse(new String[0], Map.of(), ROOT).rollup());
        assertFalse(DemoOptions.parse(new String[] {"--no-rollup"}, Map.of(), ROOT).rollup());
    }

    @Test
    void helpListsNoRollup() {
        DemoException help = assertThrows(DemoException.class,
                () -> DemoOptions.parse(new String[] {"--help"}, Map.of(), ROOT));
        assertEquals(0, help.exitCode());
        assertTrue(help.getMessage().contains("--no-rollup"), help.getMessage());
    }
}
