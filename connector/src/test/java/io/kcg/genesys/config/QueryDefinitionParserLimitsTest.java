package io.kcg.genesys.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A query body that breaks Jackson's read limits is a config error on its key, not a crash of validate(). */
class QueryDefinitionParserLimitsTest {
    @Test
    void aBodyNestedDeeperThanJacksonAllowsIsReportedAgainstTheBodyKey() {
        String body = "[".repeat(5000) + "]".repeat(5000);
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("q"), Map.of("query.q.body", body));
        assertFalse(result.ok());
        List<String> errors = result.errors().get("query.q.body");
        assertEquals(1, errors.size(), result.errors().toString());
        assertTrue(errors.get(0).startsWith("query.q.body: is not valid JSON"), errors.get(0));
        assertTrue(errors.get(0).contains("nesting depth"), errors.get(0));
    }
}
