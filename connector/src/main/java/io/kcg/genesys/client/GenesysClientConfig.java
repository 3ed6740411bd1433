package io.kcg.genesys.client;

import io.kcg.genesys.config.ApiUrls;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link GenesysClient} needs: where (API and login base URLs), who (OAuth client id and secret), and
 * how politely (rate, timeouts, retries). Immutable; build with {@link #builder()}.
 *
 * <h2>Defaults</h2>
 * <ul>
 *   <li>{@code requestsPerMinute} {@value #DEFAULT_REQUESTS_PER_MINUTE}: Genesys allows 300 requests per minute per
 *       client-credentials token ({@code client.credentials.token.rate.per.minute}). The limit is per OAuth client,
 *       and other integrations of the org often share the client (or the org's other limits), so the connector takes
 *       well under it by default. Raise it only for a client of its own.</li>
 *   <li>{@code connectTimeout} 10 s; {@code requestTimeout} 60 s, which bounds the whole exchange: from sending the
 *       request to the last byte of the body.</li>
 *   <li>{@code retryAfterCap} 180 s, as Genesys's own Java SDK: a 429 asking for longer (daily limits do) is given
 *       up at once with a {@link GenesysRetriableException} instead of blocking the caller for hours.</li>
 *   <li>{@code maxRetries} 5 retries of one call, for the statuses {@link RetryPolicy} retries, timeouts, dropped
 *       connections and cut bodies; back-off with full jitter from {@code backoffBase} 1 s doubling up to
 *       {@code backoffMax} 60 s, unless Genesys sent {@code Retry-After}.</li>
 *   <li>{@code authRetryTimeout} 5 min: how long refused authentication (the token endpoint refusing the
 *       credentials, or the API refusing a token just issued) is retried, with back-off, before the call fails with
 *       {@link GenesysAuthenticationException}. A blip at the login host passes; wrong credentials fail within it.</li>
 *   <li>{@code maxResponseBytes} 256 MiB (after decompression): a larger body is a permanent error (narrow the
 *       query), not an out-of-memory.</li>
 * </ul>
 *
 * <h2>Transport security</h2>
 * Base URLs must be https, except on loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), where a
 * local simulator may use plain http. Certificates are validated by the JDK's defaults; there is no switch to turn
 * that off.
 */
public final class GenesysClientConfig {
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 180;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofSeconds(180);
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_AUTH_RETRY_TIMEOUT = Duration.ofMinutes(5);

    private final URI apiBase;
    private final URI loginBase;
    private final String clientId;
    private final ClientSecret clientSecret;
    private final int requestsPerMinute;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration retryAfterCap;
    private final int maxRetries;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final long maxResponseBytes;
    private final Duration authRetryTimeout;
    private final Sleeper sleeper;
    private final Clock clock;

    private GenesysClientConfig(Builder b) {
        if (b.apiBase == null) {
            throw new IllegalArgumentException("The Genesys API base URL (or region) is missing");
        }
        this.apiBase = checkBase(b.apiBase, "Genesys API base URL");
        this.loginBase = checkBase(b.loginBase != null ? b.loginBase : GenesysRegion.loginBaseFor(apiBase),
                "Genesys login base URL");
        if (b.clientId == null || b.clientId.isBlank()) {
            throw new IllegalArgumentException("The OAuth client id is missing");
        }
        this.clientId = b.clientId.trim();
        if (b.clientSecret == null) {
            throw new IllegalArgumentException("The OAuth client secret is missing");
        }
        this.clientSecret = b.clientSecret;
        this.requestsPerMinute = positive(b.requestsPerMinute, "requestsPerMinute");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.retryAfterCap = notNegative(b.retryAfterCap, "retryAfterCap");
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        this.backoffBase = positive(b.backoffBase, "backoffBase");
        this.backoffMax = positive(b.backoffMax, "backoffMax");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffBase " + backoffBase);
        }
        if (b.maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive: " + b.maxResponseBytes);
        }
        this.maxResponseBytes = b.maxResponseBytes;
        this.authRetryTimeout = notNegative(b.authRetryTimeout, "authRetryTimeout");
        this.sleeper = b.sleeper;
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiBase = apiBase;
        b.loginBase = loginBase;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.requestsPerMinute = requestsPerMinute;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.retryAfterCap = retryAfterCap;
        b.maxRetries = maxRetries;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.maxResponseBytes = maxResponseBytes;
        b.authRetryTimeout = authRetryTimeout;
        b.sleeper = sleeper;
        b.clock = clock;
        return b;
    }

    /** The API base URL, without a trailing slash, e.g. {@code https://api.mypurecloud.com}. */
    public URI apiBase() {
        return apiBase;
    }

    /** The login base URL, without a trailing slash; the token endpoint is {@code {loginBase}/oauth/token}. */
    public URI loginBase() {
        return loginBase;
    }

    public String clientId() {
        return clientId;
    }

    public ClientSecret clientSecret() {
        return clientSecret;
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration retryAfterCap() {
        return retryAfterCap;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration backoffBase() {
        return backoffBase;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** How long refused authentication is retried before a call fails; zero fails at the first refusal. */
    public Duration authRetryTimeout() {
        return authRetryTimeout;
    }

    /** The test hook for retry waits, or null: real waits, which {@link GenesysClient#close()} cuts short. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The clock for token expiry and HTTP-date {@code Retry-After} values. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "GenesysClientConfig{apiBase=" + apiBase + ", loginBase=" + loginBase + ", clientId=" + clientId
                + ", clientSecret=" + clientSecret + ", requestsPerMinute=" + requestsPerMinute
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", retryAfterCap=" + retryAfterCap + ", maxRetries=" + maxRetries + ", backoffBase=" + backoffBase
                + ", backoffMax=" + backoffMax + ", maxResponseBytes=" + maxResponseBytes
                + ", authRetryTimeout=" + authRetryTimeout + "}";
    }

    /**
     * Checks a base URL by the one rule of {@link ApiUrls} and returns it without a trailing slash.
     *
     * @throws IllegalArgumentException saying what is wrong (never echoing a URL that holds credentials)
     */
    static URI checkBase(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        String problem = ApiUrls.problem(uri.toString());
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + problem);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    private static Duration notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
        return v;
    }

    public static final class Builder {
        private URI apiBase;
        private URI loginBase;
        private String clientId;
        private ClientSecret clientSecret;
        private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration retryAfterCap = DEFAULT_RETRY_AFTER_CAP;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Duration authRetryTimeout = DEFAULT_AUTH_RETRY_TIMEOUT;
        private Sleeper sleeper;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Sets the API base URL (and, unless {@link #loginBase} is set, the login URL) of a region. */
        public Builder region(GenesysRegion region) {
            this.apiBase = region.apiBase();
            return this;
        }

        /** An explicit API base URL, e.g. a simulator's {@code http://127.0.0.1:8089}. */
        public Builder apiBase(URI apiBase) {
            this.apiBase = apiBase;
            return this;
        }

        public Builder apiBase(String apiBase) {
            return apiBase(URI.create(apiBase.trim()));
        }

        /** An explicit login base URL; by default derived from the API base ({@link GenesysRegion#loginBaseFor}). */
        public Builder loginBase(URI loginBase) {
            this.loginBase = loginBase;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = ClientSecret.of(clientSecret);
            return this;
        }

        public Builder clientSecret(ClientSecret clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder requestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryAfterCap(Duration retryAfterCap) {
            this.retryAfterCap = retryAfterCap;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder backoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
            return this;
        }

        public Builder backoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
            return this;
        }

        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder authRetryTimeout(Duration authRetryTimeout) {
            this.authRetryTimeout = authRetryTimeout;
            return this;
        }

        /**
         * How to wait between retries (backoff, Retry-After, refused authentication); tests plug in a recording one.
         * Unset, waits are real and {@link GenesysClient#close()} ends them.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock for token expiry; tests plug in a settable one. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IllegalArgumentException on a missing or invalid value, naming it (never the secret) */
        public GenesysClientConfig build() {
            return new GenesysClientConfig(this);
        }
    }
}
