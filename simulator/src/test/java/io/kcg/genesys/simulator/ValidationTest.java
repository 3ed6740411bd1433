package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {

    private static GenesysSimulator sim;
    private static Http http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        sim = GenesysSimulator.builder().fixedClock(Instant.parse("2026-03-10T00:00:00Z")).build().start();
        http = new Http(sim);
        token = http.token();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest(name = "{0}")
    // CHECKSTYLE.OFF: LineLength
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "no interval           | invalid.date  | {`metrics`:[`nOffered`]}",
        "interval not ISO      | invalid.date  | {`interval`:`yesterday`,`metrics`:[`nOffered`]}",
        "no end                | invalid.date  | {`interval`:`2026-03-09T00:00:00Z`,`metrics`:[`nOffered`]}",
        "end before start      | invalid.date  | {`interval`:`2026-03-09T00:00:00Z/2026-03-08T00:00:00Z`,`metrics`:[`nOffered`]}",
        "empty interval        | invalid.date  | {`interval`:`2026-03-09T00:00:00Z/2026-03-09T00:00:00Z`,`metrics`:[`nOffered`]}",
        "unknown granularity   | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`granularity`:`PT1X`,`metrics`:[`nOffered`]}",
        "granularity too fine  | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`granularity`:`PT30S`,`metrics`:[`nOffered`]}",
        "unknown metric        | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`,`nBogus`]}",
        "unknown groupBy       | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`groupBy`:[`queue`],`metrics`:[`nOffered`]}",
        "unknown time zone     | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`timeZone`:`Mars/Olympus`,`metrics`:[`nOffered`]}",
        "unknown filter type   | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`],`filter`:{`type`:`xor`,`predicates`:[{`dimension`:`queueId`,`value`:`x`}]}}",
        "unknown operator      | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`],`filter`:{`type`:`and`,`predicates`:[{`dimension`:`queueId`,`operator`:`like`,`value`:`x`}]}}",
        "unknown dimension     | invalid.value | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`],`filter`:{`type`:`and`,`predicates`:[{`dimension`:`queue`,`value`:`x`}]}}",
        "no metrics            | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`}",
        "empty metrics         | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[]}",
        "metrics not an array  | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:`nOffered`}",
        "malformed JSON        | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`]",
        "trailing garbage      | bad.request   | {`metrics`:[`nOffered`]} x",
        "not an object         | bad.request   | [1,2]",
        "empty filter          | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`],`filter`:{`type`:`and`}}",
        "matches without value | bad.request   | {`interval`:`2026-03-09T00:00:00Z/2026-03-10T00:00:00Z`,`metrics`:[`nOffered`],`filter`:{`type`:`and`,`predicates`:[{`dimension`:`queueId`}]}}",
    })
    // CHECKSTYLE.ON: LineLength
    void invalidQueriesGet400WithGenesysErrorBody(String what, String code, String body) throws Exception {
        String json = body.replace('`', '"');
        HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, json);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Http.json(response);
        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(400, error.get("status").asInt());
        assertTrue(error.get("message").asText().length() > 10);
        UUID.fromString(error.get("contextId").asText());
        assertTrue(error.get("details").isArray());
        assertTrue(error.get("errors").isArray());
        GenesysApiException thrown = assertThrows(GenesysApiException.class, () -> sim.groundTruth("conversations", json));
        assertEquals(code, thrown.code());
    }

    @Test
    void invalidValueMessagesNameTheValueTypeAndAllowableValues() throws Exception {
        String json = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").metrics("nBogus").json();
        JsonNode first = Http.json(http.post(Http.CONVERSATIONS, token, json));
        String message = first.get("message").asText();
        assertTrue(message.startsWith("Value [nBogus] is not valid for field type ["), message);
        assertTrue(message.contains("Allowable values are: ") && message.contains("nOffered"), message);
        JsonNode second = Http.json(http.post(Http.CONVERSATIONS, token, json));
        assertNotEquals(first.get("contextId").asText(), second.get("contextId").asText(), "a fresh contextId each time");
    }

    @Test
    void enumerationsAreCaseInsensitiveAndAnswerWithCanonicalNames() throws Exception {
        String json = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").groupBy("QUEUEID")
            .metrics("NOFFERED").json();
        HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, json);
        assertEquals(200, response.statusCode());
        Rows rows = Rows.parse(response.body());
        assertTrue(rows.rows().stream().allMatch(r -> r.metric().equals("nOffered") && r.group().containsKey("queueId")));
    }

    @Test
    void aValidMetricTheModelDoesNotProduceAnswersNothing() throws Exception {
        String json = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").metrics("tIvr").json();
        HttpResponse<String> response = http.post(Http.CONVERSATIONS, token, json);
        assertEquals(200, response.statusCode());
        assertEquals("{}", response.body());
    }

    @Test
    void otherAggregatesEndpointsAndUnknownPathsAreNotFound() throws Exception {
        String json = Queries.interval("2026-03-09T00:00:00Z/2026-03-10T00:00:00Z").metrics("nFlow").json();
        HttpResponse<String> flows = http.post("/api/v2/analytics/flows/aggregates/query", token, json);
        assertEquals(404, flows.statusCode());
        assertEquals("not.found", Http.json(flows).get("code").asText());
        assertEquals(404, http.get("/api/v2/nothing/here", token).statusCode());
    }
}
