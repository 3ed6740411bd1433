package io.kcg.genesys.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every {@link GenesysClient} of one OAuth client (login base + client id) in this JVM shares: one rate
 * limiter, and one token per secret. Genesys limits and issues tokens per OAuth client, and a Connect worker runs
 * many tasks (and tools) with the same client, so each holding its own token or budget would multiply token requests
 * and break the limit. A token stays with the credentials that obtained it: a client with another secret (a wrong
 * one, or the next one during a rotation) authenticates on its own instead of riding on a token it could not have
 * got. Entries live as long as the JVM; they are small and hold a digest of the secret, never the secret.
 */
final class SharedClientState {
    private static final ConcurrentHashMap<Key, RateLimiter> LIMITERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<ScopeKey, RateLimiter> SHARE_LIMITERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<TokenKey, TokenCache> TOKENS = new ConcurrentHashMap<>();

    private record Key(String loginBase, String clientId) {
    }

    private record ScopeKey(Key client, String scope) {
    }

    private record TokenKey(Key client, String secretDigest) {
    }

    final TokenCache tokens;
    final RateLimiter limiter;

    private SharedClientState(TokenCache tokens, RateLimiter limiter) {
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /**
     * The shared state for the config's OAuth client. Without a rate-limit scope, one limiter per OAuth client, and a
     * lower requests-per-minute than before lowers it. With a scope (a task's share of its connector's limit), the
     * limiter of that scope, set to the share asked now: the connector re-divides its limit whenever it regenerates
     * its task configs, and the task that gets the new share is the only one pacing with that scope.
     */
    static SharedClientState of(GenesysClientConfig config) {
        Key key = new Key(config.loginBase().toString().toLowerCase(Locale.ROOT), config.clientId());
        RateLimiter limiter;
        if (config.rateLimitScope() == null) {
            limiter = LIMITERS.computeIfAbsent(key, k -> new RateLimiter(config.requestsPerMinute()));
            limiter.lowerTo(config.requestsPerMinute());
        } else {
            double fraction = (double) config.requestsPerMinute() / config.clientRequestsPerMinute();
            limiter = SHARE_LIMITERS.computeIfAbsent(new ScopeKey(key, config.rateLimitScope()),
                    k -> new RateLimiter(config.requestsPerMinute(), fraction));
            limiter.setShare(config.requestsPerMinute(), fraction);
        }
        TokenCache tokens = TOKENS.computeIfAbsent(new TokenKey(key, digest(config.clientSecret().value())),
                k -> new TokenCache());
        return new SharedClientState(tokens, limiter);
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
