package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.config.GenesysSourceConfig;
import org.apache.kafka.common.config.AbstractConfig;

import org.apache.kafka.connect.errors.ConnectException;

import java.time.Duration;

/** Translates the connector's connection keys into the HTTP client's settings. */
public final class ClientSettings {
    private ClientSettings() {
    }

    /**
     * The client of one task: it paces at the task's share of the connector's limit, on its own (see
     * {@link RateShares}), named by {@code scope} (the connector and the task's queries). Without a share (a task
     * config written before shares existed) the task paces with every client of the OAuth client in its JVM.
     */
    static GenesysClientConfig forTask(GenesysSourceConfig config, String share, String scope) {
        GenesysClientConfig whole = from(config);
        if (share == null) {
            return whole;
        }
        int perMinute;
        try {
            perMinute = Integer.parseInt(share.trim());
        } catch (NumberFormatException e) {
            throw new ConnectException("The task's rate limit share is not a number: '" + share + "'");
        }
        if (perMinute < 1 || perMinute > whole.requestsPerMinute()) {
            throw new ConnectException("The task's rate limit share " + perMinute + " is not within 1.."
                    + whole.requestsPerMinute());
        }
        return whole.toBuilder().requestsPerMinute(perMinute)
                .rateLimitShare(scope, whole.requestsPerMinute()).build();
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
