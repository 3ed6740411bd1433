package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TokenTest {

    private static final String QUEUES = "/api/v2/routing/queues";

    private final GenesysSimulator sim = GenesysSimulator.builder().clientId("id-1").clientSecret("s3cret")
        .tokenLifetime(Duration.ofHours(1)).fixedClock(Instant.parse("2026-03-10T00:00:00Z")).build().start();
    private final Http http = new Http(sim);

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void clientCredentialsGiveABearerTokenWithTheConfiguredLifetime() throws Exception {
        HttpResponse<String> response = http.token("id-1", "s3cret", "grant_type=client_credentials");
        assertEquals(200, response.statusCode());
        JsonNode body = Http.json(response);
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asLong());
        assertFalse(body.get("access_token").asText().isBlank());
        assertNotEquals(body.get("access_token").asText(), http.token(), "tokens are fresh random strings");
        assertEquals(200, http.get(QUEUES, body.get("access_token").asText()).statusCode());
        assertEquals(2, sim.stats().tokenRequests());
    }

    @Test
    void wrongSecretOrUnknownClientIsAnOauthInvalidClient() throws Exception {
        HttpResponse<String> wrongSecret = http.token("id-1", "wrong", "grant_type=client_credentials");
        HttpResponse<String> unknown = http.token("someone-else", "s3cret", "grant_type=client_credentials");
        assertEquals(401, wrongSecret.statusCode());
        assertEquals(oauth("invalid_client", "authentication failed"), Http.json(wrongSecret));
        assertEquals(401, unknown.statusCode());
        assertEquals(oauth("invalid_client", "client not found"), Http.json(unknown));
        assertEquals(2, sim.stats().sent401());
    }

    @Test
    void anotherGrantTypeIsUnauthorizedClient() throws Exception {
        HttpResponse<String> response = http.token("id-1", "s3cret", "grant_type=password");
        assertEquals(400, response.statusCode());
        assertEquals("unauthorized_client", Http.json(response).get("error").asText());
        assertEquals(Http.json(response).get("description"), Http.json(response).get("error_description"));
    }

    @Test
    void aLoginOutageRefusesOrFailsTokenRequestsForAWhileOnly() throws Exception {
        String before = http.token();
        sim.loginOutage(Duration.ofMillis(700), 401);
        HttpResponse<String> refused = http.token("id-1", "s3cret", "grant_type=client_credentials");
        assertEquals(401, refused.statusCode());
        assertEquals(oauth("invalid_client", "authentication failed"), Http.json(refused));
        assertEquals(200, http.get(QUEUES, before).statusCode(), "tokens already issued stay valid");
        sim.loginOutage(Duration.ofMillis(700), 503);
        assertEquals(503, http.token("id-1", "s3cret", "grant_type=client_credentials").statusCode());
        Thread.sleep(800);
        assertEquals(200, http.token("id-1", "s3cret", "grant_type=client_credentials").statusCode());
        assertEquals(2, sim.stats().loginsRefused());
    }

    private static JsonNode oauth(String error, String description) {
        return Rows.JSON.createObjectNode().put("error", error).put("description", description)
            .put("error_description", description);
    }

    @Test
    void aTokenExpiresAfterItsLifetimeBySimulatedTime() throws Exception {
        String token = http.token();
        sim.clock().advance(Duration.ofMinutes(59));
        assertEquals(200, http.get(QUEUES, token).statusCode());
        sim.clock().advance(Duration.ofMinutes(1));
        HttpResponse<String> expired = http.get(QUEUES, token);
        assertEquals(401, expired.statusCode());
        assertEquals("bad.credentials", Http.json(expired).get("code").asText());
        assertEquals("Invalid login credentials.", Http.json(expired).get("message").asText());
        assertEquals(200, http.get(QUEUES, http.token()).statusCode(), "a new token works");
    }

    @Test
    void expireAllTokensInvalidatesEveryIssuedToken() throws Exception {
        String first = http.token();
        String second = sim.issueToken();
        assertEquals(200, http.get(QUEUES, second).statusCode());
        sim.expireAllTokens();
        assertEquals(401, http.get(QUEUES, first).statusCode());
        assertEquals(401, http.post(Http.CONVERSATIONS, second, "{}").statusCode());
    }

    @Test
    void issuedTokensKeepsEveryTokenAlsoAfterExpiry() throws Exception {
        String first = http.token();
        String second = sim.issueToken();
        sim.expireAllTokens();
        assertEquals(java.util.Set.of(first, second), sim.issuedTokens());
    }

    @Test
    void missingOrUnknownBearerTokenIsAuthenticationRequired() throws Exception {
        HttpResponse<String> missing = http.get(QUEUES, null);
        assertEquals(401, missing.statusCode());
        assertEquals("authentication.required", Http.json(missing).get("code").asText());
        assertEquals("No authentication bearer token specified in authorization header.",
            Http.json(missing).get("message").asText());
        assertEquals(401, http.get(QUEUES, "not-a-token").statusCode());
    }
}
