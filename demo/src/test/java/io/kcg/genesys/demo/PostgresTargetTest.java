package io.kcg.genesys.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --postgres in both of its forms; the password goes to the sink's own key and never into a message. */
class PostgresTargetTest {
    @Test
    void theJdbcFormGivesTheSinkAUrlWithoutCredentials() {
        PostgresTarget t = PostgresTarget.parse("jdbc:postgresql://db.example.com:6543/genesys?user=sink"
                + "&password=s%26cret-42&sslmode=require", Map.of());
        assertEquals("jdbc:postgresql://db.example.com:6543/genesys?sslmode=require", t.jdbcUrl());
        assertEquals("sink", t.user());
        assertEquals("s&cret-42", t.password());
        assertEquals("postgresql://sink@db.example.com:6543/genesys", t.display());
        assertFalse(t.toString().contains("cret"), t.toString());
    }

    @Test
    void theLibpqFormAndPgpasswordWork() {
        PostgresTarget t = PostgresTarget.parse("postgresql://sink:pw%40x@127.0.0.1/genesys", Map.of());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/genesys", t.jdbcUrl());
        assertEquals("pw@x", t.password());
        PostgresTarget fromEnv = PostgresTarget.parse("postgres://sink@127.0.0.1:5433/genesys",
                Map.of("PGPASSWORD", "from-env"));
        assertEquals("from-env", fromEnv.password());
        assertEquals(5433, fromEnv.port());
    }

    @Test
    void aBadUrlIsAUsageErrorThatNeverEchoesIt() {
        for (String bad : new String[] {"mysql://u:hunter2@h/db", "jdbc:postgresql://h:5432/?user=u&password=hunter2",
            "postgresql://:hunter2@h/db", "jdbc:postgresql:///db?user=u&password=hunter2"}) {
            DemoException e = assertThrows(DemoException.class, () -> PostgresTarget.parse(bad, Map.of()), bad);
            assertEquals(DemoException.USAGE, e.exitCode(), bad);
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.getMessage().startsWith("--postgres "), e.getMessage());
        }
    }
}
