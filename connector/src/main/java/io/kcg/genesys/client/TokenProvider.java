package io.kcg.genesys.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The OAuth access token of a client-credentials grant: {@code POST {loginBase}/oauth/token} with HTTP Basic client
 * id and secret and {@code grant_type=client_credentials}. The token lives in a {@link TokenCache} shared by every
 * client of the same OAuth client and secret in the JVM ({@link SharedClientState}), renewed shortly before
 * {@code expires_in} and when the API refuses it.
 *
 * <p>An {@code expires_in} that is absent or unreadable counts as {@link #DEFAULT_LIFETIME}; one longer than
 * {@link #LONGEST_LIFETIME} (years, or a number that overflows) is cut to it, with a WARN: renewing a token once a
 * day costs one request, keeping an absurd expiry could fail the task or keep a dead token.
 */
final class TokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TokenProvider.class);

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    static final Duration LONGEST_LIFETIME = Duration.ofHours(24);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER_AGENT = "kafka-connect-genesys";

    private final GenesysClientConfig config;
    private final Transport transport;
    private final ErrorTranslator errors;
    private final RetryPolicy retry;
    private final TokenCache cache;
    private final Waits waits;
    private final URI tokenUri;
    private final String basicAuth;

    TokenProvider(GenesysClientConfig config, Transport transport, ErrorTranslator errors, RetryPolicy retry,
                  TokenCache cache, Waits waits) {
        this.config = config;
        this.transport = transport;
        this.errors = errors;
        this.retry = retry;
        this.cache = cache;
        this.waits = waits;
        this.tokenUri = URI.create(config.loginBase() + "/oauth/token");
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret().value()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The token to send, cached or fetched now.
     *
     * @throws GenesysAuthenticationException the token endpoint refused the credentials
     * @throws RetriableFailure               the token endpoint failed in a way worth another attempt
     * @throws GenesysApiException            any other answer of the token endpoint
     */
    String token() throws InterruptedException {
        return cache.get(config.clock(), this::fetch, waits);
    }

    /** The API refused {@code token}: the next {@link #token()} fetches a new one (unless another thread did). */
    void refused(String token) {
        cache.invalidate(token);
    }

    /** Fetches a new token; run by {@link TokenCache} with its lock held. */
    private TokenCache.Token fetch() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(config.requestTimeout())
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Instant issuedAt = config.clock().instant();
        try (Transport.Response response = send(request)) {
            int status = response.status();
            byte[] bytes = read(response);
            if (status == 200) {
                return token(bytes, issuedAt);
            }
            ErrorBody eb = ErrorTranslator.read(bytes);
            if (RetryPolicy.isRetriable(status)) {
                Duration retryAfter = retry.retryAfter(response.headers(), config.clock())
                        .orElse(status == 429 ? RetryPolicy.DEFAULT_RETRY_AFTER : null);
                throw new RetriableFailure("the token request got HTTP " + status + eb.codeAndMessage()
                        + eb.contextIdSuffix(), status, retryAfter, false, null);
            }
            GenesysAuthenticationException refused = errors.refusedCredentials(status, eb, tokenUri);
            if (refused != null) {
                throw refused;
            }
            throw errors.tokenEndpointError(status, eb, tokenUri);
        }
    }

    /** The exchange; a timeout of the login host says nothing about the size of a query. */
    private Transport.Response send(HttpRequest request) throws InterruptedException {
        try {
            return transport.send(request);
        } catch (RetriableFailure f) {
            throw new RetriableFailure("the token request failed: " + f.getMessage(), f.status(), f.retryAfter(),
                    false, f.getCause());
        }
    }

    private byte[] read(Transport.Response response) throws InterruptedException {
        try {
            return response.readSmall();
        } catch (InterruptedIOException e) {
            if (response.ending() == BodyStream.Ending.ABORTED) {
                throw new ClientClosedException("The token request was aborted: the Genesys client is closed");
            }
            throw Transport.interrupted(e);
        } catch (IOException e) {
            if (response.ending() == BodyStream.Ending.ABORTED) {
                throw new ClientClosedException("The token request was aborted: the Genesys client is closed");
            }
            throw new RetriableFailure("reading the token response failed: " + e, response.status(), null, false, e);
        }
    }

    private TokenCache.Token token(byte[] bytes, Instant issuedAt) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new RetriableFailure("the token response is not JSON", 200, null, false, null);
        }
        JsonNode accessToken = node == null ? null : node.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new RetriableFailure("the token response has no access_token", 200, null, false, null);
        }
        Duration lifetime = lifetime(node.get("expires_in"));
        LOG.debug("Fetched a Genesys OAuth token for client id '{}' from {} (expires in {} s)", config.clientId(),
                tokenUri, lifetime.toSeconds());
        return new TokenCache.Token(accessToken.asText(), TokenCache.renewAt(issuedAt, lifetime));
    }

    /** {@code expires_in}, within (0, {@link #LONGEST_LIFETIME}]. */
    static Duration lifetime(JsonNode expiresIn) {
        if (expiresIn == null || expiresIn.isNull()) {
            return DEFAULT_LIFETIME;
        }
        if (!expiresIn.isNumber() && !(expiresIn.isTextual() && expiresIn.asText().matches("\\d{1,30}"))) {
            LOG.warn("The Genesys token response has an unreadable expires_in ({}); renewing the token after {} s",
                    ErrorTranslator.printable(abbreviate(expiresIn.toString())), DEFAULT_LIFETIME.toSeconds());
            return DEFAULT_LIFETIME;
        }
        double seconds = expiresIn.isNumber() ? expiresIn.asDouble() : Double.parseDouble(expiresIn.asText());
        if (!(seconds >= 1)) {
            LOG.warn("The Genesys token response says expires_in {}; renewing the token after {} s",
                    abbreviate(expiresIn.asText()), DEFAULT_LIFETIME.toSeconds());
            return DEFAULT_LIFETIME;
        }
        if (seconds > LONGEST_LIFETIME.toSeconds()) {
            LOG.warn("The Genesys token response says expires_in {} s; the connector renews the token after {} s",
                    abbreviate(expiresIn.asText()), LONGEST_LIFETIME.toSeconds());
            return LONGEST_LIFETIME;
        }
        return Duration.ofSeconds((long) seconds);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
