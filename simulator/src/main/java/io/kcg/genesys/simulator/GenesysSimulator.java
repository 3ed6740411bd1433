package io.kcg.genesys.simulator;

import io.kcg.genesys.simulator.http.ApiRouter;
import io.kcg.genesys.simulator.http.FaultInjector;
import io.kcg.genesys.simulator.http.Latency;
import io.kcg.genesys.simulator.http.RateLimiter;
import io.kcg.genesys.simulator.http.SimulatorServer;
import io.kcg.genesys.simulator.http.StatsRecorder;
import io.kcg.genesys.simulator.http.TokenEndpoint;
import io.kcg.genesys.simulator.http.TokenStore;
import io.kcg.genesys.simulator.model.AgentStatusModel;
import io.kcg.genesys.simulator.model.ConversationGenerator;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.model.ModelConstants;
import io.kcg.genesys.simulator.model.Restatement;
import io.kcg.genesys.simulator.query.AggregateEndpoint;
import io.kcg.genesys.simulator.query.AggregatesService;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic Genesys Cloud API over real HTTP: OAuth client credentials, conversation and users aggregates,
 * queue/user/wrap-up code listings, a per-token rate limit and injectable faults. What the aggregates endpoints
 * answer is a pure function of (seed, query, clock now); see the module README for the model.
 *
 * <pre>{@code
 * try (GenesysSimulator sim = GenesysSimulator.builder().seed(42L).fixedClock(instant).build().start()) {
 *     String base = sim.baseUrl();   // serves /oauth/token and /api/v2/...
 * }
 * }</pre>
 */
public final class GenesysSimulator implements AutoCloseable {

    private final long seed;
    private final String host;
    private final int requestedPort;
    private final String clientId;
    private final String clientSecret;
    private final Duration tokenLifetime;
    private final Duration restatementHorizon;
    private final SimulatorClock clock;
    private final Directory directory;
    private final AggregatesService aggregates;
    private final TokenStore tokens = new TokenStore();
    private final StatsRecorder stats = new StatsRecorder();
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final TokenEndpoint tokenEndpoint;
    private volatile long maxResponseBytes;
    private final boolean extendedStats;
    private final Latency latency;
    private SimulatorServer server;

    private GenesysSimulator(Builder b) {
        this.seed = b.seed;
        this.host = b.host;
        this.requestedPort = b.port;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.tokenLifetime = b.tokenLifetime;
        this.restatementHorizon = b.restatementHorizon;
        this.clock = b.clock;
        this.directory = Directory.generate(b.seed, b.queues, b.agentsPerQueue, b.directoryChanges);
        this.aggregates = new AggregatesService(directory, new ConversationGenerator(b.seed, directory),
            new Restatement(b.seed, b.restatementHorizon), new AgentStatusModel(b.seed, directory), b.seed,
            b.extendedStats);
        this.extendedStats = b.extendedStats;
        this.rateLimiter = new RateLimiter(b.rateLimitPerMinute, stats, System::nanoTime);
        this.faults = new FaultInjector(b.seed, b.faults);
        this.tokenEndpoint = new TokenEndpoint(clientId, clientSecret, tokenLifetime, tokens, clock, stats);
        this.maxResponseBytes = b.maxResponseBytes;
        this.latency = new Latency(b.seed);
        latency.set(b.latencyMin, b.latencyMax);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the HTTP server (host 127.0.0.1 unless set) and starts serving; returns this. */
    public synchronized GenesysSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        ApiRouter router = new ApiRouter(tokenEndpoint, tokens, rateLimiter, faults, aggregates, directory, clock,
            stats, () -> maxResponseBytes, latency);
        server = SimulatorServer.start(host, requestedPort, router, stats);
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** "http://host:port": the base of both /oauth/token and /api/v2/... */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    public SimulatorClock clock() {
        return clock;
    }

    public long seed() {
        return seed;
    }

    public String clientId() {
        return clientId;
    }

    /** How old a conversation may be for the nightly job to restate it. */
    public Duration restatementHorizon() {
        return restatementHorizon;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The queues, their agents and the wrap-up codes (ids and names). */
    public Directory directory() {
        return directory;
    }

    public List<String> queueIds() {
        return directory.queues().stream().map(Directory.Queue::id).toList();
    }

    public List<String> userIds() {
        return directory.agents().stream().map(Directory.Agent::id).toList();
    }

    public List<String> wrapUpCodeIds() {
        return directory.wrapUpCodes().stream().map(Directory.WrapUpCode::id).toList();
    }

    /**
     * What POST /api/v2/analytics/{endpoint}/aggregates/query would answer now, without HTTP, auth, faults or rate
     * limit. endpoint is "conversations" or "users".
     *
     * @throws GenesysApiException with the API's status and code when the API would reject the query
     */
    public String groundTruth(String endpoint, String queryJson) {
        AggregateEndpoint target = AggregateEndpoint.byPathName(endpoint);
        if (target == null) {
            throw new IllegalArgumentException("unknown aggregates endpoint: " + endpoint
                + " (known: conversations, users)");
        }
        byte[] answer = aggregates.answer(target, queryJson.getBytes(StandardCharsets.UTF_8),
            clock.now().toEpochMilli());
        return new String(answer, StandardCharsets.UTF_8);
    }

    /** A valid bearer token, as if obtained from /oauth/token. */
    public String issueToken() {
        return tokens.issue(clock.now(), tokenLifetime);
    }

    /**
     * Every access token issued so far (by /oauth/token or {@link #issueToken()}), valid, expired or revoked: for
     * tests that check no token ever reaches a log.
     */
    public Set<String> issuedTokens() {
        return tokens.issued();
    }

    /** Every token issued so far becomes invalid: the next API call with one gets a 401. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** Requests per token per rolling 60 s of real time; 0 turns the limit off. */
    public void setRateLimitPerMinute(int limit) {
        rateLimiter.setLimitPerMinute(limit);
    }

    public int rateLimitPerMinute() {
        return rateLimiter.limitPerMinute();
    }

    /**
     * The largest aggregates answer served, in bytes; a larger one is refused with 400
     * {@code response.entity.too.large}, as Genesys refuses an interval it will not answer in one response. 0 = no
     * limit (the default).
     */
    public void setMaxResponseBytes(long maxResponseBytes) {
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("the response size limit cannot be negative");
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Whether timers carry p95/p99 and now and then lack min ({@link Builder#extendedStats}). */
    public boolean extendedStats() {
        return extendedStats;
    }

    /**
     * A blip of the login host: for {@code duration} of real time from now, every {@code /oauth/token} request gets
     * {@code status}, 401 ({@code invalid_client}, the credentials refused) or 503 ({@code service.unavailable}).
     * Tokens already issued stay valid.
     */
    public void loginOutage(Duration duration, int status) {
        tokenEndpoint.outage(duration, status);
    }

    /** Replaces the fault plan and restarts its seeded draws. */
    public void setFaults(FaultPlan plan) {
        faults.setPlan(Objects.requireNonNull(plan));
    }

    public FaultPlan faults() {
        return faults.plan();
    }

    /**
     * Every aggregates answer (a 200 or a refusal by size) goes out no sooner than a time drawn uniformly from
     * [min, max] after its request arrived, as Genesys takes one to a few seconds per query; zero by default.
     */
    public void setLatency(Duration min, Duration max) {
        latency.set(min, max);
    }

    public Duration latencyMin() {
        return latency.min();
    }

    public Duration latencyMax() {
        return latency.max();
    }

    /** Every aggregates request since start (or {@link #resetStats()}), admitted or not, in order of arrival. */
    public List<RequestLogEntry> requestLog() {
        return stats.requestLog();
    }

    public SimulatorStats stats() {
        return stats.snapshot();
    }

    public void resetStats() {
        stats.reset();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Configuration; every setting has a default (seed 42, 3 queues of 8 agents, real-time clock, port 0). */
    public static final class Builder {
        private long seed = 42L;
        private int queues = 3;
        private int agentsPerQueue = 8;
        private String clientId = "demo-client";
        private String clientSecret = "demo-secret";
        private Duration tokenLifetime = Duration.ofHours(24);
        private Duration restatementHorizon = ModelConstants.DEFAULT_RESTATEMENT_HORIZON;
        private int rateLimitPerMinute;
        private SimulatorClock clock = SimulatorClock.system();
        private String host = "127.0.0.1";
        private int port;
        private FaultPlan faults = FaultPlan.none();
        private boolean directoryChanges;
        private long maxResponseBytes;
        private boolean extendedStats;
        private Duration latencyMin = Duration.ZERO;
        private Duration latencyMax = Duration.ZERO;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder queues(int queues) {
            this.queues = queues;
            return this;
        }

        public Builder agentsPerQueue(int agentsPerQueue) {
            this.agentsPerQueue = agentsPerQueue;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId);
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret);
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("the token lifetime must be positive");
            }
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        /**
         * How far back the nightly job restates: it revisits conversations that ended at least 48 h and less than
         * this long before it runs (default 14 days). Genesys documents no upper bound, so a test of how far back a
         * client follows restatements sets it beyond what the client covers.
         */
        public Builder restatementHorizon(Duration horizon) {
            if (horizon.compareTo(ModelConstants.RESTATEMENT_MIN_AGE) <= 0) {
                throw new IllegalArgumentException("the restatement horizon must be longer than "
                    + ModelConstants.RESTATEMENT_MIN_AGE);
            }
            this.restatementHorizon = horizon;
            return this;
        }

        /** 0 = no limit; else a 429 beyond this many requests per token in a rolling 60 s. */
        public Builder rateLimitPerMinute(int rateLimitPerMinute) {
            if (rateLimitPerMinute < 0) {
                throw new IllegalArgumentException("the rate limit cannot be negative");
            }
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        /** A clock that stands at instant until set or advanced. */
        public Builder fixedClock(Instant instant) {
            this.clock = SimulatorClock.fixed(instant);
            return this;
        }

        /** A clock that follows real time (the default). */
        public Builder systemClock() {
            this.clock = SimulatorClock.system();
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 = an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder faults(FaultPlan faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /**
         * true: the directory listings rename entities and add and remove idle ones as the simulator's clock moves
         * (see {@link io.kcg.genesys.simulator.model.DirectoryTimeline}); false (the default): they never change.
         */
        public Builder directoryChanges(boolean directoryChanges) {
            this.directoryChanges = directoryChanges;
            return this;
        }

        /** See {@link GenesysSimulator#setMaxResponseBytes}; 0 = no limit (the default). */
        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < 0) {
                throw new IllegalArgumentException("the response size limit cannot be negative");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Timers also carry {@code p95} and {@code p99}, and one timer stats object in twenty (seeded) has no
         * {@code min}, as real payloads do. Off by default, so answers keep the classic {max, min, count, sum}.
         */
        public Builder extendedStats(boolean extendedStats) {
            this.extendedStats = extendedStats;
            return this;
        }

        /** The latency of aggregates answers, drawn uniformly from [min, max] (see {@link #setLatency}). */
        public Builder latency(Duration min, Duration max) {
            this.latencyMin = Objects.requireNonNull(min);
            this.latencyMax = Objects.requireNonNull(max);
            return this;
        }

        public GenesysSimulator build() {
            return new GenesysSimulator(this);
        }
    }
}
