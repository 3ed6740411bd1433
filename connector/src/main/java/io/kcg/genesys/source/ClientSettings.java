package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.config.GenesysSourceConfig;
import org.apache.kafka.common.config.AbstractConfig;

import java.time.Duration;

/** Translates the connector's connection keys into the HTTP client's settings. */
public final class ClientSettings {
    private ClientSettings() {
    }

    public static GenesysClientConfig from(GenesysSourceConfig config) {
        return from((AbstractConfig) config);
    }

    /** The client settings of any config with the connection keys of {@link GenesysSourceConfig}. */
    public static GenesysClientConfig from(AbstractConfig config) {
        return GenesysClientConfig.builder()
                .apiBase(GenesysSourceConfig.apiBase(config))
                .clientId(config.getString(GenesysSourceConfig.CLIENT_ID))
                .clientSecret(config.getPassword(GenesysSourceConfig.CLIENT_SECRET).value())
                .requestsPerMinute(config.getInt(GenesysSourceConfig.RATE_LIMIT))
                .connectTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.CONNECT_TIMEOUT_MS)))
                .requestTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.REQUEST_TIMEOUT_MS)))
                .retryAfterCap(Duration.ofSeconds(config.getInt(GenesysSourceConfig.RETRY_AFTER_MAX_SECONDS)))
                .maxRetries(config.getInt(GenesysSourceConfig.RETRY_MAX_ATTEMPTS))
                .authRetryTimeout(Duration.ofMillis(config.getLong(GenesysSourceConfig.AUTH_RETRY_TIMEOUT_MS)))
                .build();
    }
}
