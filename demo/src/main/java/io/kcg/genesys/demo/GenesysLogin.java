package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Checks the OAuth client before anything starts (a refused secret is then one clear line, not a failed task a minute
 * later). The connector does its own login; this is the demo's. (Queue names come from the directory source's
 * topic, not from here.)
 */
final class GenesysLogin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI loginBase;
    private final String clientId;
    private final String clientSecret;

    GenesysLogin(URI loginBase, String clientId, String clientSecret) {
        this.loginBase = loginBase;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Gets a token, or explains in Genesys's terms why there is none. */
    void checkCredentials() {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(strip(loginBase) + "/oauth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> response = send(request, "the Genesys Cloud login service at " + loginBase);
        if (response.statusCode() == 200) {
            String token = read(response.body()).path("access_token").asText(null);
            if (token != null) {
                return;
            }
        }
        JsonNode body = read(response.body());
        String detail = firstText(body, "error_description", "message", "error", "code");
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            throw new DemoException(DemoException.GENESYS, "Genesys Cloud refused the OAuth client credentials ("
                    + response.statusCode() + (detail.isEmpty() ? "" : ": " + detail) + ") at " + loginBase
                    + ". Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET, that the client uses the Client "
                    + "Credentials grant, and that GENESYS_REGION is the region of the org that owns it.");
        }
        throw new DemoException(DemoException.GENESYS, "the Genesys Cloud login service at " + loginBase
                + " answered " + response.statusCode() + (detail.isEmpty() ? "" : ": " + detail));
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoException(DemoException.GENESYS, what + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check GENESYS_REGION and the network");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(DemoException.RUN, "interrupted", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String firstText(JsonNode body, String... fields) {
        for (String field : fields) {
            if (body.hasNonNull(field) && !body.get(field).asText().isBlank()) {
                return body.get(field).asText();
            }
        }
        return "";
    }

    private static String strip(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
