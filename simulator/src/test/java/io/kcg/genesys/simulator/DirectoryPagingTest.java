package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryPagingTest {

    private final GenesysSimulator sim = GenesysSimulator.builder().seed(2).queues(7).agentsPerQueue(5).build().start();
    private final Http http = new Http(sim);

    @AfterEach
    void close() {
        sim.close();
    }

    private JsonNode page(String pathAndQuery) throws Exception {
        var response = http.get(pathAndQuery, http.token());
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    @Test
    void queuesArePagedAsGenesysPagesThem() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode page = page("/api/v2/routing/queues?pageSize=3&pageNumber=" + p);
            assertEquals(3, page.get("pageSize").asInt());
            assertEquals(p, page.get("pageNumber").asInt());
            assertEquals(7, page.get("total").asInt());
            assertEquals(3, page.get("pageCount").asInt());
            assertEquals(p < 3, page.has("nextUri"));
            assertEquals(p > 1, page.has("previousUri"));
            assertEquals(p < 3 ? 3 : 1, page.get("entities").size());
            page.get("entities").forEach(q -> ids.add(q.get("id").asText()));
        }
        assertEquals(sim.queueIds(), ids);
        JsonNode first = page("/api/v2/routing/queues?pageSize=3&pageNumber=1");
        assertEquals("Support", first.get("entities").get(0).get("name").asText());
        assertEquals("Sales", first.get("entities").get(1).get("name").asText());
        assertEquals("/api/v2/routing/queues?pageSize=3&pageNumber=2", first.get("nextUri").asText());
    }

    @Test
    void usersDefaultTo25PerPage() throws Exception {
        JsonNode first = page("/api/v2/users");
        assertEquals(25, first.get("pageSize").asInt());
        assertEquals(1, first.get("pageNumber").asInt());
        assertEquals(35 + 7, first.get("total").asInt(), "the agents and a supervisor per queue");
        assertEquals(2, first.get("pageCount").asInt());
        assertEquals(25, first.get("entities").size());
        JsonNode second = page("/api/v2/users?pageNumber=2");
        assertEquals(17, second.get("entities").size());
        List<String> ids = new ArrayList<>();
        first.get("entities").forEach(u -> ids.add(u.get("id").asText()));
        second.get("entities").forEach(u -> ids.add(u.get("id").asText()));
        assertEquals(sim.userIds(), ids.subList(0, 35), "the agents first, as the aggregates know them");
        List<String> supervisors = ids.subList(35, 42);
        for (JsonNode agent : first.get("entities")) {
            assertTrue(supervisors.contains(agent.get("manager").get("id").asText()), "managed by a supervisor");
            assertEquals("active", agent.get("state").asText());
        }
        JsonNode user = first.get("entities").get(0);
        assertFalse(user.get("name").asText().isBlank());
        assertTrue(user.get("email").asText().endsWith("@example.com"));
    }

    @Test
    void aPageBeyondTheEndIsEmpty() throws Exception {
        JsonNode beyond = page("/api/v2/routing/queues?pageSize=5&pageNumber=9");
        assertEquals(0, beyond.get("entities").size());
        assertEquals(7, beyond.get("total").asInt());
    }

    @Test
    void wrapUpCodesAreListedToo() throws Exception {
        JsonNode codes = page("/api/v2/routing/wrapupcodes");
        assertEquals(sim.wrapUpCodeIds().size(), codes.get("total").asInt());
    }

    @Test
    void badPageParametersAreInvalidValues() throws Exception {
        String token = http.token();
        for (String query : new String[] {"pageSize=0", "pageSize=501", "pageSize=ten", "pageNumber=0"}) {
            var response = http.get("/api/v2/routing/queues?" + query, token);
            assertEquals(400, response.statusCode(), query);
            assertEquals("invalid.value", Http.json(response).get("code").asText());
        }
    }
}
