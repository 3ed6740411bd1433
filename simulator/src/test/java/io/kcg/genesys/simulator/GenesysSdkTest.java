package io.kcg.genesys.simulator;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.ApiResponse;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.connector.ApiClientConnector;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProvider;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorRequest;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorResponse;
import com.mypurecloud.sdk.v2.connector.apache.ApacheHttpClientConnectorProvider;
import com.mypurecloud.sdk.v2.extensions.AuthResponse;
import com.mypurecloud.sdk.v2.model.AggregateViewData;
import com.mypurecloud.sdk.v2.model.ConversationAggregateDataContainer;
import com.mypurecloud.sdk.v2.model.ConversationAggregateQueryResponse;
import com.mypurecloud.sdk.v2.model.ConversationAggregationQuery;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.StatisticalResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Genesys's official Java SDK ({@code com.mypurecloud:platform-client-v2}) against the simulator over HTTP: its
 * token call, its models for queries, views and answers, its ErrorBody and correlation id, and its Retry-After
 * handling, which looks the header up by its exact spelling and waits 3 s when it does not find it. (Its 198.1.0
 * query model has no queryType yet, so topN is tested over plain HTTP in QueryFeaturesTest.)
 *
 * <p>The SDK derives its login host from the base path ({@code https://login.} + the base path after its first
 * dot), which for {@code http://127.0.0.1:port} is no host at all; a connector of its own sends those calls to the
 * simulator's {@code /oauth/token} and everything else through the SDK's default Apache connector unchanged.
 */
class GenesysSdkTest {

    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final String QUERY = Queries.interval("2026-03-09T08:00:00Z/2026-03-09T12:00:00Z")
        .granularity("PT30M").groupBy("queueId").allMetrics().json();

    private final GenesysSimulator sim = GenesysSimulator.builder().seed(8).fixedClock(NOW).extendedStats(true)
        .build().start();

    @AfterEach
    void stop() {
        sim.close();
    }

    private ApiClient client() {
        ApiClient.RetryConfiguration retry = new ApiClient.RetryConfiguration();
        retry.setMaxRetryTimeSec(30);
        retry.setRetryMax(3);
        // No refresh of the access token on a 401: that is for refresh tokens, which client credentials do not have.
        return ApiClient.Builder.standard().withBasePath(sim.baseUrl()).withRetryConfiguration(retry)
            .withShouldRefreshAccessToken(false)
            .withProperty(ApiClientConnectorProperty.CONNECTOR_PROVIDER, new LoginToSimulator(sim.baseUrl()))
            .build();
    }

    private static ConversationAggregationQuery query(ApiClient client, String json) throws IOException {
        return client.getObjectMapper().readValue(json, ConversationAggregationQuery.class);
    }

    @Test
    void theSdkGetsATokenAndReadsAnswersAsTheSimulatorsGroundTruth() throws Exception {
        ApiClient client = client();
        ApiResponse<AuthResponse> auth = client.authorizeClientCredentials(sim.clientId(), sim.clientSecret());
        assertEquals(200, auth.getStatusCode());
        assertFalse(auth.getBody().getAccess_token().isBlank());
        assertEquals("bearer", auth.getBody().getToken_type());
        assertEquals(86400, auth.getBody().getExpires_in());

        ConversationAggregateQueryResponse answer = new AnalyticsApi(client)
            .postAnalyticsConversationsAggregatesQuery(query(client, QUERY));
        ConversationAggregateQueryResponse truth = client.getObjectMapper()
            .readValue(sim.groundTruth("conversations", QUERY), ConversationAggregateQueryResponse.class);
        assertEquals(truth, answer);
        assertTrue(answer.getResults().size() > 5, "results: " + answer.getResults().size());
        boolean percentiles = false;
        for (ConversationAggregateDataContainer result : answer.getResults()) {
            assertTrue(result.getGroup().containsKey("mediaType"));
            for (StatisticalResponse bucket : result.getData()) {
                percentiles |= bucket.getMetrics().stream().anyMatch(m -> m.getStats().getP95() != null);
            }
        }
        assertTrue(percentiles, "the SDK reads p95/p99");
    }

    @Test
    void viewsGoThroughTheSdksModels() throws Exception {
        ApiClient client = client();
        client.authorizeClientCredentials(sim.clientId(), sim.clientSecret());
        String json = Queries.interval("2026-03-09T08:00:00Z/2026-03-09T12:00:00Z").granularity("PT1H")
            .groupBy("queueId").metrics("nOffered", "tTalk").json();
        ConversationAggregationQuery query = query(client, json.substring(0, json.length() - 1)
            + ",\"views\":[{\"name\":\"shortTalks\",\"target\":\"tTalk\",\"function\":\"rangeBound\","
            + "\"range\":{\"lt\":60000}}]}");
        assertEquals(1, query.getViews().size());
        ConversationAggregateQueryResponse answer = new AnalyticsApi(client).postAnalyticsConversationsAggregatesQuery(query);
        long views = 0;
        for (ConversationAggregateDataContainer result : answer.getResults()) {
            for (StatisticalResponse bucket : result.getData()) {
                if (bucket.getViews() != null) {
                    for (AggregateViewData view : bucket.getViews()) {
                        assertEquals("shortTalks", view.getName());
                        assertTrue(view.getStats().getMax().doubleValue() < 60000);
                        views++;
                    }
                }
            }
        }
        assertTrue(views > 0, "views answered");
    }

    @Test
    void errorsParseIntoTheSdksErrorBodyWithTheCorrelationId() throws Exception {
        ApiClient client = client();
        ApiException refusedLogin = assertThrows(ApiException.class,
            () -> client.authorizeClientCredentials(sim.clientId(), "not-the-secret"));
        assertEquals(401, refusedLogin.getStatusCode(), String.valueOf(refusedLogin.getException()));
        AuthResponse oauth = client.getObjectMapper().readValue(refusedLogin.getRawBody(), AuthResponse.class);
        assertEquals("invalid_client", oauth.getError());

        client.authorizeClientCredentials(sim.clientId(), sim.clientSecret());
        ApiException bad = assertThrows(ApiException.class, () -> new AnalyticsApi(client)
            .postAnalyticsConversationsAggregatesQuery(query(client, QUERY.replace("PT30M", "PT30S"))));
        assertEquals(400, bad.getStatusCode());
        ErrorBody body = client.getObjectMapper().readValue(bad.getRawBody(), ErrorBody.class);
        assertEquals("invalid.value", body.getCode());
        assertEquals(400, body.getStatus());
        assertTrue(body.getMessage().contains("PT30S"), body.getMessage());
        assertNotNull(body.getContextId());
        assertEquals(body.getContextId(), bad.getCorrelationId(), "the SDK finds ININ-Correlation-Id");

        sim.setFaults(FaultPlan.none().with504(1.0));
        ApiClient noRetries = ApiClient.Builder.standard().withBasePath(sim.baseUrl())
            .withAccessToken(sim.issueToken()).build();
        ApiException timeout = assertThrows(ApiException.class, () -> new AnalyticsApi(noRetries)
            .postAnalyticsConversationsAggregatesQuery(query(noRetries, QUERY)));
        assertEquals(504, timeout.getStatusCode());
        assertEquals("request.timeout",
            noRetries.getObjectMapper().readValue(timeout.getRawBody(), ErrorBody.class).getCode());
    }

    @Test
    void theSdkWaitsTheRetryAfterTheSimulatorSends() throws Exception {
        ApiClient client = client();
        client.authorizeClientCredentials(sim.clientId(), sim.clientSecret());
        sim.setFaults(FaultPlan.none().with429(1.0, 1));
        ConversationAggregationQuery query = query(client, QUERY);
        long t0 = System.nanoTime();
        CompletableFuture<ConversationAggregateQueryResponse> call = CompletableFuture.supplyAsync(() -> {
            try {
                return new AnalyticsApi(client).postAnalyticsConversationsAggregatesQuery(query);
            } catch (IOException | ApiException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.stats().sent429() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        sim.setFaults(FaultPlan.none());
        ConversationAggregateQueryResponse answer = call.get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertFalse(answer.getResults().isEmpty());
        assertEquals(1, sim.stats().sent429());
        assertEquals(2, sim.stats().aggregateRequests());
        // Retry-After: 1 read by its exact name; a header the SDK could not find would have meant its 3 s default.
        assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0 && took.compareTo(Duration.ofMillis(2800)) < 0,
            "the SDK waited " + took.toMillis() + " ms");
    }

    /** The SDK's default connector, with the login calls sent to the simulator instead of the derived login host. */
    private static final class LoginToSimulator implements ApiClientConnectorProvider {
        private final String base;

        LoginToSimulator(String base) {
            this.base = base;
        }

        @Override
        public ApiClientConnector create(com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperties properties) {
            ApiClientConnector apache = new ApacheHttpClientConnectorProvider().create(properties);
            return new ApiClientConnector() {
                @Override
                public ApiClientConnectorResponse invoke(ApiClientConnectorRequest request) throws IOException {
                    return apache.invoke(routed(request));
                }

                @Override
                public Future<ApiClientConnectorResponse> invokeAsync(ApiClientConnectorRequest request,
                    com.mypurecloud.sdk.v2.AsyncApiCallback<ApiClientConnectorResponse> callback) {
                    return apache.invokeAsync(routed(request), callback);
                }

                @Override
                public void close() throws Exception {
                    apache.close();
                }
            };
        }

        private ApiClientConnectorRequest routed(ApiClientConnectorRequest request) {
            if (!request.getUrl().startsWith("https://login.")) {
                return request;
            }
            String url = base + request.getUrl().substring(request.getUrl().indexOf("/oauth/"));
            return new ApiClientConnectorRequest() {
                @Override
                public String getMethod() {
                    return request.getMethod();
                }

                @Override
                public String getUrl() {
                    return url;
                }

                @Override
                public Map<String, String> getHeaders() {
                    return request.getHeaders();
                }

                @Override
                public boolean hasBody() {
                    return request.hasBody();
                }

                @Override
                public String readBody() throws IOException {
                    return request.readBody();
                }

                @Override
                public InputStream getBody() throws IOException {
                    return request.getBody();
                }
            };
        }
    }
}
