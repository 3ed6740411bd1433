package io.kcg.genesys.simulator.http;

import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.SimulatorClock;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.query.AggregateEndpoint;
import io.kcg.genesys.simulator.query.AggregatesService;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides every answer, independent of the HTTP server: token endpoint; then for /api/v2 the bearer token, the
 * per-token rate limit, the injected faults (aggregates only) and the resource itself.
 */
public final class ApiRouter {

    private static final Pattern AGGREGATES = Pattern.compile("/api/v2/analytics/([^/]+)/aggregates/query/?");
    /** The limit Genesys applies to a client-credentials token, named in an injected 429 when no limit is set. */
    private static final int GENESYS_DEFAULT_LIMIT = 300;

    private final TokenEndpoint tokenEndpoint;
    private final TokenStore tokens;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final AggregatesService aggregates;
    private final DirectoryEndpoint directory;
    private final SimulatorClock clock;
    private final StatsRecorder stats;

    public ApiRouter(String clientId, String clientSecret, Duration tokenLifetime, SimulatorClock clock,
                     TokenStore tokens, RateLimiter limiter, FaultInjector faults, AggregatesService aggregates,
                     Directory directory, StatsRecorder stats) {
        this.tokenEndpoint = new TokenEndpoint(clientId, clientSecret, tokenLifetime, tokens, clock);
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.aggregates = aggregates;
        this.directory = new DirectoryEndpoint(directory, clock);
        this.clock = clock;
        this.stats = stats;
    }

    ApiResponse route(String method, String path, String rawQuery, Function<String, String> header, byte[] body) {
        try {
            if (path.equals("/oauth/token")) {
                stats.tokenRequest();
                return tokenEndpoint.handle(method, header, body);
            }
            Matcher aggregatesPath = AGGREGATES.matcher(path);
            boolean isAggregates = aggregatesPath.matches();
            if (isAggregates) {
                stats.aggregateRequest();
            }
            if (!path.startsWith("/api/v2/")) {
                throw notFound(method, path);
            }
            String token = authenticate(header.apply("Authorization"));
            int retryAfter = limiter.admit(token);
            if (retryAfter > 0) {
                stats.rateLimited();
                return tooManyRequests(limiter.limitPerMinute(), retryAfter);
            }
            if (isAggregates && method.equals("POST")) {
                AggregateEndpoint endpoint = AggregateEndpoint.byPathName(aggregatesPath.group(1));
                if (endpoint == null) {
                    throw notFound(method, path);
                }
                return aggregates(endpoint, body);
            }
            ApiResponse listing = method.equals("GET") ? directory.handle(path, rawQuery) : null;
            if (listing == null) {
                throw notFound(method, path);
            }
            return listing;
        } catch (GenesysApiException e) {
            return ApiResponse.error(e);
        }
    }

    /** The bearer token, or a 401 like Genesys' when it is missing, unknown or expired. */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GenesysApiException(401, "authentication.required",
                "No authentication bearer token specified in authorization header.");
        }
        String token = authorization.substring(7).trim();
        if (!tokens.isValid(token, clock.now())) {
            throw new GenesysApiException(401, "authentication.required",
                "Authentication failed: the bearer token is invalid or has expired.");
        }
        return token;
    }

    private ApiResponse aggregates(AggregateEndpoint endpoint, byte[] body) {
        FaultInjector.Decision decision = faults.next();
        FaultPlan plan = faults.plan();
        switch (decision.fault()) {
            case UNAVAILABLE -> throw new GenesysApiException(503, "service.unavailable",
                "Service Unavailable: the service is temporarily unable to handle the request.");
            case TOO_MANY_REQUESTS -> {
                int limit = limiter.limitPerMinute() > 0 ? limiter.limitPerMinute() : GENESYS_DEFAULT_LIMIT;
                return tooManyRequests(limit, plan.retryAfterSeconds());
            }
            case DROPPED -> {
                return ApiResponse.dropped();
            }
            case SLOW -> {
                stats.slowed();
                sleep(plan.slowDelay());
            }
            default -> {
            }
        }
        ApiResponse answer = ApiResponse.json(200, aggregates.answer(endpoint, body, clock.now().toEpochMilli()));
        return decision.fault() == FaultInjector.Fault.TRUNCATED ? answer.truncated(decision.cutFraction()) : answer;
    }

    private static ApiResponse tooManyRequests(int limit, int retryAfterSeconds) {
        return ApiResponse.error(new GenesysApiException(429, "too.many.requests",
                "Rate limit exceeded the maximum [" + limit + "] requests within [60] seconds"))
            .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private static GenesysApiException notFound(String method, String path) {
        return GenesysApiException.notFound("The requested resource was not found: " + method + " " + path);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
