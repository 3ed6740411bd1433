package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.config.GenesysSourceConfig;

import java.time.Duration;

/** Translates the connector's connection keys into the HTTP client's settings. */
public final class ClientSettings {
    private ClientSettings() {
    }

    public static GenesysClientConfig from(GenesysSourceConfig config) {
        return GenesysClientConfig.builder()
                .apiBase(config.apiBase())
                .clientId(config.getString(GenesysSourceConfig.CLIENT_ID))
                .clientSecret(config.clientSecret().value())
                .requestsPerMinute(config.getInt(GenesysSourceConfig.RATE_LIMIT))
                .connectTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.CONNECT_TIMEOUT_MS)))
                .requestTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.REQUEST_TIMEOUT_MS)))
                .retryAfterCap(Duration.ofSeconds(config.getInt(GenesysSourceConfig.RETRY_AFTER_MAX_SECONDS)))
                .maxRetries(config.getInt(GenesysSourceConfig.RETRY_MAX_ATTEMPTS))
                .authRetryTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.AUTH_RETRY_TIMEOUT_MS)))
                .build();
    }
}
