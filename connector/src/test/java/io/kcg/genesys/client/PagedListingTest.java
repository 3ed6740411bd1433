package io.kcg.genesys.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A listing read page by page from a scripted server: paging, consistency, failures. */
class PagedListingTest {
    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger apiCalls = new AtomicInteger();
    private volatile PageScript script;

    /** Answers the nth API request (1-based) for a page number. */
    interface PageScript {
        Answer answer(int nth, int pageNumber, int pageSize);
    }

    record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        Answer answer;
        if (ex.getRequestURI().getPath().equals("/oauth/token")) {
            answer = new Answer(200, "{\"access_token\":\"tok\",\"token_type\":\"bearer\",\"expires_in\":86399}");
        } else {
            String query = ex.getRequestURI().getRawQuery();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + "?" + query);
            answer = script.answer(apiCalls.incrementAndGet(), param(query, "pageNumber"), param(query, "pageSize"));
        }
        byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(answer.status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Integer.parseInt(pair.substring(name.length() + 1));
            }
        }
        return -1;
    }

    private GenesysClient client() {
        return new GenesysClient(GenesysClientConfig.builder()
                .apiBase("http://127.0.0.1:" + server.getAddress().getPort())
                .clientId("listing-client")
                .clientSecret("listing-secret")
                .requestsPerMinute(6000)
                .maxRetries(2)
                .backoffBase(Duration.ofMillis(1))
                .backoffMax(Duration.ofMillis(5))
                .sleeper(d -> { })
                .build());
    }

    /** A page of entities {@code e<first>..} of a listing of {@code total}. */
    static String page(int pageNumber, int pageSize, long total, List<String> ids) {
        StringBuilder entities = new StringBuilder();
        for (String id : ids) {
            entities.append(entities.length() == 0 ? "" : ",").append("{\"id\":\"").append(id)
                    .append("\",\"name\":\"Name of ").append(id).append("\"}");
        }
        long pageCount = (total + pageSize - 1) / pageSize;
        return "{\"entities\":[" + entities + "],\"pageSize\":" + pageSize + ",\"pageNumber\":" + pageNumber
                + ",\"total\":" + total + ",\"pageCount\":" + pageCount + ",\"firstUri\":\"/x\",\"selfUri\":\"/x\","
                + "\"lastUri\":\"/x\"}";
    }

    /** The page of a stable listing of ids e0..e(total-1). */
    static Answer stable(int pageNumber, int pageSize, int total) {
        List<String> ids = new ArrayList<>();
        for (int i = (pageNumber - 1) * pageSize; i < Math.min(total, pageNumber * pageSize); i++) {
            ids.add("e" + i);
        }
        return new Answer(200, page(pageNumber, pageSize, total, ids));
    }

    @Test
    void readsEveryPageByNumberWithTheExtraQuery() {
        script = (nth, pageNumber, pageSize) -> stable(pageNumber, pageSize, 7);
        PagedListing.Result result = PagedListing.list(client(), "/api/v2/users", "state=any", 3, "users",
                "directory:user:view");
        assertTrue(result.consistent(), result.inconsistency());
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6"), new ArrayList<>(result.entities().keySet()));
        assertEquals(3, result.pages());
        assertEquals(List.of("GET /api/v2/users?pageSize=3&pageNumber=1&state=any",
                "GET /api/v2/users?pageSize=3&pageNumber=2&state=any",
                "GET /api/v2/users?pageSize=3&pageNumber=3&state=any"), requests);
    }

    @Test
    void anEmptyListingIsOneRequest() {
        script = (nth, pageNumber, pageSize) -> stable(pageNumber, pageSize, 0);
        PagedListing.Result result = PagedListing.list(client(), "/api/v2/routing/queues", "", 500, "queues", "q");
        assertTrue(result.consistent());
        assertEquals(0, result.entities().size());
        assertEquals(1, requests.size());
    }

    @Test
    void aTotalThatChangesBetweenPagesMakesTheListingInconsistent() {
        script = (nth, pageNumber, pageSize) -> pageNumber == 1 ? stable(1, pageSize, 4)
                : new Answer(200, page(pageNumber, pageSize, 3, List.of("e3")));
        PagedListing.Result result = PagedListing.list(client(), "/api/v2/routing/queues", "", 2, "queues", "q");
        assertFalse(result.consistent());
        assertTrue(result.inconsistency().contains("total changed from 4 to 3"), result.inconsistency());
    }

    @Test
    void anEntityReadTwiceBecauseThePagesShiftedIsNoticed() {
        // Something before e2 was deleted after page 1 was read and another entity created at the end: the total
        // stays 4, e2 comes twice and e3 not at all.
        script = (nth, pageNumber, pageSize) -> pageNumber == 1
                ? new Answer(200, page(1, 2, 4, List.of("e0", "e2")))
                : new Answer(200, page(2, 2, 4, List.of("e2", "e9")));
        PagedListing.Result result = PagedListing.list(client(), "/api/v2/routing/queues", "", 2, "queues", "q");
        assertFalse(result.consistent());
        assertEquals(3, result.entities().size());
    }

    @Test
    void aRefusedPageNamesThePermission() {
        script = (nth, pageNumber, pageSize) -> new Answer(403, "{\"message\":\"You are not authorized\","
                + "\"code\":\"not.authorized\",\"status\":403,\"contextId\":\"c-1\"}");
        GenesysApiException e = assertThrows(GenesysApiException.class, () -> PagedListing.list(client(),
                "/api/v2/routing/wrapupcodes", "", 500, "wrapupcodes", "routing:wrapupCode:view"));
        assertTrue(e.getMessage().contains("routing:wrapupCode:view"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /api/v2/routing/wrapupcodes"), e.getMessage());
        assertEquals(403, e.status());
    }

    @Test
    void aFailedPageIsRetriedAndAPageThatKeepsFailingFailsTheWholeListing() {
        script = (nth, pageNumber, pageSize) -> nth == 2 ? new Answer(503, "{\"message\":\"busy\"}")
                : stable(pageNumber, pageSize, 4);
        assertTrue(PagedListing.list(client(), "/api/v2/routing/queues", "", 2, "queues", "q").consistent());
        assertEquals(3, apiCalls.get(), "page 2 asked twice");

        apiCalls.set(0);
        script = (nth, pageNumber, pageSize) -> pageNumber == 2 ? new Answer(503, "{\"message\":\"busy\"}")
                : stable(pageNumber, pageSize, 4);
        assertThrows(GenesysRetriableException.class,
                () -> PagedListing.list(client(), "/api/v2/routing/queues", "", 2, "queues", "q"));
    }

    @Test
    void aPageThatIsNotAListingIsRetriedAsMalformed() {
        script = (nth, pageNumber, pageSize) -> nth == 1 ? new Answer(200, "{\"entities\":[{\"name\":\"no id\"}],"
                + "\"total\":1}") : stable(pageNumber, pageSize, 1);
        PagedListing.Result result = PagedListing.list(client(), "/api/v2/routing/queues", "", 2, "queues", "q");
        assertEquals(1, result.entities().size());
        assertEquals(2, apiCalls.get());
    }
}
