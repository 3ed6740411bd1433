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
 * grant_type=client_credentials. Errors are the login service's, in OAuth's shape (API.md, "More facts"): 401
 * {@code invalid_client} "authentication failed" for a wrong secret or no client authentication, "client not found"
 * for an unknown client id, 400 {@code unauthorized_client} for another grant type.
 *
 * <p>A login outage ({@link #outage}) makes the endpoint refuse (401 {@code invalid_client}) or fail (503) every
 * request for a while of real time, as a blip of Genesys's login host would.
 */
public final class TokenEndpoint {

    private final String clientId;
    private final String clientSecret;
    private final Duration lifetime;
    private final TokenStore tokens;
    private final SimulatorClock clock;
    private final StatsRecorder stats;
    private volatile long outageEndNanos = System.nanoTime();
    private volatile int outageStatus;

    public TokenEndpoint(String clientId, String clientSecret, Duration lifetime, TokenStore tokens,
                         SimulatorClock clock, StatsRecorder stats) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lifetime = lifetime;
        this.tokens = tokens;
        this.clock = clock;
        this.stats = stats;
    }

    /**
     * For {@code duration} of real time from now, every token request gets {@code status}: 401 (the credentials
     * refused, {@code invalid_client}) or 503 ({@code service.unavailable}).
     */
    public void outage(Duration duration, int status) {
        if (status != 401 && status != 503) {
            throw new IllegalArgumentException("a login outage answers 401 or 503, not " + status);
        }
        outageStatus = status;
        outageEndNanos = System.nanoTime() + duration.toNanos();
    }

    ApiResponse handle(String method, Function<String, String> header, byte[] body) {
        if (!method.equals("POST")) {
            throw GenesysApiException.notFound("The requested resource was not found: " + method + " /oauth/token");
        }
        if (System.nanoTime() - outageEndNanos < 0) {
            stats.loginRefused();
            return outageStatus == 401 ? ApiResponse.oauthError(401, "invalid_client", "authentication failed")
                : ApiResponse.error(new GenesysApiException(503, "service.unavailable",
                    "Service Unavailable: the service is temporarily unable to handle the request."));
        }
        String[] credentials = basicCredentials(header.apply("Authorization"));
        if (credentials == null) {
            return ApiResponse.oauthError(401, "invalid_client", "authentication failed");
        }
        if (!credentials[0].equals(clientId)) {
            return ApiResponse.oauthError(401, "invalid_client", "client not found");
        }
        if (!credentials[1].equals(clientSecret)) {
            return ApiResponse.oauthError(401, "invalid_client", "authentication failed");
        }
        String grantType = formField(new String(body, StandardCharsets.UTF_8), "grant_type");
        if (!"client_credentials".equals(grantType)) {
            return ApiResponse.oauthError(400, "unauthorized_client", "client is not authorized to use grant type ["
                + grantType + "]");
        }
        ObjectNode answer = ApiResponse.JSON.createObjectNode();
        answer.put("access_token", tokens.issue(clock.now(), lifetime));
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetime.toSeconds());
        return ApiResponse.json(200, answer);
    }

    /** {id, secret} of HTTP Basic client authentication, or null when there is none or it cannot be read. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
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
}
