package io.kcg.genesys.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.SimulatorClock;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * POST /oauth/token, client-credentials grant: Basic client authentication, form body
 * grant_type=client_credentials. Errors carry both Genesys' ErrorBody fields and the login service's OAuth fields
 * (error, description, error_description), so a client reading either finds what it expects.
 */
final class TokenEndpoint {

    private final String clientId;
    private final String clientSecret;
    private final Duration lifetime;
    private final TokenStore tokens;
    private final SimulatorClock clock;

    TokenEndpoint(String clientId, String clientSecret, Duration lifetime, TokenStore tokens, SimulatorClock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lifetime = lifetime;
        this.tokens = tokens;
        this.clock = clock;
    }

    ApiResponse handle(String method, Function<String, String> header, byte[] body) {
        if (!method.equals("POST")) {
            throw GenesysApiException.notFound("The requested resource was not found: " + method + " /oauth/token");
        }
        if (!authenticated(header.apply("Authorization"))) {
            return oauthError(new GenesysApiException(401, "bad.credentials", "Invalid login credentials."),
                "invalid_client", "authentication failed");
        }
        String grantType = formField(new String(body, StandardCharsets.UTF_8), "grant_type");
        if (!"client_credentials".equals(grantType)) {
            return oauthError(GenesysApiException.badRequest("Unsupported grant type [" + grantType
                + "]; this client may only use client_credentials"), "unsupported_grant_type", "grant type not supported");
        }
        ObjectNode answer = ApiResponse.JSON.createObjectNode();
        answer.put("access_token", tokens.issue(clock.now(), lifetime));
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetime.toSeconds());
        return ApiResponse.json(200, answer);
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && decoded.substring(0, colon).equals(clientId)
            && decoded.substring(colon + 1).equals(clientSecret);
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.toLowerCase(Locale.ROOT).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static ApiResponse oauthError(GenesysApiException error, String oauthError, String description) {
        return ApiResponse.error(error, body -> {
            body.put("error", oauthError);
            body.put("description", description);
            body.put("error_description", description);
        });
    }
}
