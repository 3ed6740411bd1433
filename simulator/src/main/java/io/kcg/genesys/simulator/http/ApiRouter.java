package io.kcg.genesys.simulator.http;

import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.SimulatorClock;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.query.AggregateEndpoint;
import io.kcg.genesys.simulator.query.AggregatesService;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides every answer, independent of the HTTP server: token endpoint; then for /api/v2 the bearer token, the
 * per-token rate limit, the injected faults (aggregates only), the response size limit and the resource itself.
 * Every /api/v2 answer carries Genesys's {@code inin-ratelimit-*} headers.
 */
public final class ApiRouter {

    private static final Pattern AGGREGATES = Pattern.compile("/api/v2/analytics/([^/]+)/aggregates/query/?");

    private final TokenEndpoint tokenEndpoint;
    private final TokenStore tokens;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final AggregatesService aggregates;
    private final DirectoryEndpoint directory;
    private final SimulatorClock clock;
    private final StatsRecorder stats;
    private final LongSupplier maxResponseBytes;
    private final Latency latency;

    /**
     * @param maxResponseBytes the largest aggregates answer served; a larger one is refused with 400
     *                         {@code response.entity.too.large}. 0 = no limit. Read per request, so it can change.
     */
    public ApiRouter(TokenEndpoint tokenEndpoint, TokenStore tokens, RateLimiter limiter, FaultInjector faults,
                     AggregatesService aggregates, Directory directory, SimulatorClock clock, StatsRecorder stats,
                     LongSupplier maxResponseBytes, Latency latency) {
        this.tokenEndpoint = tokenEndpoint;
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.aggregates = aggregates;
        this.directory = new DirectoryEndpoint(directory, clock);
        this.clock = clock;
        this.stats = stats;
        this.maxResponseBytes = maxResponseBytes;
        this.latency = latency;
    }

    ApiResponse route(String method, String path, String rawQuery, Function<String, String> header, byte[] body) {
        if (path.equals("/oauth/token")) {
            stats.tokenRequest();
            try {
                return tokenEndpoint.handle(method, header, body);
            } catch (GenesysApiException e) {
                return ApiResponse.error(e);
            }
        }
        Matcher aggregatesPath = AGGREGATES.matcher(path);
        boolean isAggregates = aggregatesPath.matches();
        if (isAggregates) {
            stats.aggregateRequest(aggregatesPath.group(1), body == null ? "" : new String(body, StandardCharsets.UTF_8));
        }
        RateLimiter.Admission admission = limiter.uncounted();
        ApiResponse answer;
        try {
            if (!path.startsWith("/api/v2/")) {
                throw notFound(method, path);
            }
            String token = authenticate(header.apply("Authorization"));
            admission = limiter.admit(token);
            if (!admission.admitted()) {
                stats.rateLimited();
                answer = tooManyRequests(admission.retryAfterSeconds());
            } else if (isAggregates && method.equals("POST")) {
                AggregateEndpoint endpoint = AggregateEndpoint.byPathName(aggregatesPath.group(1));
                if (endpoint == null) {
                    throw notFound(method, path);
                }
                answer = aggregates(endpoint, body);
            } else {
                answer = method.equals("GET") ? directory.handle(path, rawQuery) : null;
                if (answer == null) {
                    throw notFound(method, path);
                }
            }
        } catch (GenesysApiException e) {
            answer = ApiResponse.error(e);
        }
        return answer.withRateLimit(admission);
    }

    /** The bearer token, or a 401 like Genesys's when it is missing, unknown or expired. */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GenesysApiException(401, "authentication.required",
                "No authentication bearer token specified in authorization header.");
        }
        String token = authorization.substring(7).trim();
        if (!tokens.isValid(token, clock.now())) {
            throw new GenesysApiException(401, "bad.credentials", "Invalid login credentials.");
        }
        return token;
    }

    private ApiResponse aggregates(AggregateEndpoint endpoint, byte[] body) {
        long answerNoSoonerThan = System.nanoTime() + Duration.ofMillis(latency.drawMillis()).toNanos();
        FaultInjector.Decision decision = faults.next();
        FaultPlan plan = faults.plan();
        switch (decision.fault()) {
            case UNAVAILABLE -> throw new GenesysApiException(503, "service.unavailable",
                "Service Unavailable: the service is temporarily unable to handle the request.");
            case INTERNAL_ERROR -> throw new GenesysApiException(500, "internal.server.error",
                "The server encountered an unexpected condition which prevented it from fulfilling the request.");
            case BAD_GATEWAY -> {
                return ApiResponse.gatewayPage(502, "Bad Gateway");
            }
            case GATEWAY_TIMEOUT -> throw new GenesysApiException(504, "request.timeout",
                "The request timed out.");
            case TOO_MANY_REQUESTS -> {
                return tooManyRequests(plan.retryAfterSeconds());
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
        byte[] answer = aggregates.answer(endpoint, body, clock.now().toEpochMilli());
        long max = maxResponseBytes.getAsLong();
        if (max > 0 && answer.length > max) {
            stats.tooLarge();
            throw new GenesysApiException(400, "response.entity.too.large", "The response is too large ["
                + answer.length + " bytes, at most " + max + "]. Reduce the interval, the number of groupBy "
                + "dimensions or the number of metrics.");
        }
        sleep(Duration.ofNanos(Math.max(0, answerNoSoonerThan - System.nanoTime())));
        ApiResponse response = ApiResponse.json(200, answer);
        return decision.fault() == FaultInjector.Fault.TRUNCATED ? response.truncated(decision.cutFraction()) : response;
    }

    /** Genesys's normalized 429 (since 2021-11): Retry-After always, and the wait in the message. */
    private static ApiResponse tooManyRequests(int retryAfterSeconds) {
        return ApiResponse.error(new GenesysApiException(429, "too.many.requests.retry.after",
                "Rate limit exceeded the maximum. Retry the request in [" + retryAfterSeconds + "] seconds"))
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
