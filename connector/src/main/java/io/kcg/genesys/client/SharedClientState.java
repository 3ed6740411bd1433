package io.kcg.genesys.client;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every {@link GenesysClient} of one OAuth client (login base + client id) in this JVM shares: one token and
 * one rate limiter. Genesys limits and issues tokens per OAuth client, and a Connect worker runs many tasks (and
 * tools) with the same client, so each holding its own token or budget would multiply token requests and break the
 * limit. Entries live as long as the JVM; they are small.
 */
final class SharedClientState {
    private static final ConcurrentHashMap<Key, SharedClientState> REGISTRY = new ConcurrentHashMap<>();

    private record Key(String loginBase, String clientId) {
    }

    final TokenCache tokens = new TokenCache();
    final RateLimiter limiter;

    private SharedClientState(int requestsPerMinute) {
        this.limiter = new RateLimiter(requestsPerMinute);
    }

    /** The shared state for the config's OAuth client; a lower requests-per-minute than before lowers the limit. */
    static SharedClientState of(GenesysClientConfig config) {
        Key key = new Key(config.loginBase().toString().toLowerCase(Locale.ROOT), config.clientId());
        SharedClientState state = REGISTRY.computeIfAbsent(key, k -> new SharedClientState(config.requestsPerMinute()));
        state.limiter.lowerTo(config.requestsPerMinute());
        return state;
    }
}
