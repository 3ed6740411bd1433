package io.kcg.genesys.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysApiException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the server sends back, and how: normally, with the body cut short, or not at all (connection dropped).
 * Every response carries Genesys' correlation header, spelled as Genesys spells it ({@code ININ-Correlation-Id});
 * an error's contextId is the same id.
 */
record ApiResponse(int status, byte[] body, Map<String, String> headers, Delivery delivery, double cutFraction) {

    enum Delivery { NORMAL, TRUNCATED, DROPPED }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CORRELATION_HEADER = "ININ-Correlation-Id";

    static ApiResponse json(int status, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(CORRELATION_HEADER, UUID.randomUUID().toString());
        return new ApiResponse(status, body, headers, Delivery.NORMAL, 0);
    }

    static ApiResponse json(int status, ObjectNode body) {
        try {
            return json(status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Genesys' ErrorBody: message, code, status, contextId (a fresh id), details, errors. */
    static ApiResponse error(GenesysApiException error) {
        return error(error, body -> { });
    }

    /** An ErrorBody with extra fields added by the caller. */
    static ApiResponse error(GenesysApiException error, Consumer<ObjectNode> extraFields) {
        String contextId = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode();
        body.put("message", error.getMessage());
        body.put("code", error.code());
        body.put("status", error.status());
        body.put("contextId", contextId);
        body.putArray("details");
        body.putArray("errors");
        extraFields.accept(body);
        return json(error.status(), body).withHeader(CORRELATION_HEADER, contextId);
    }

    /**
     * An OAuth error of the login service, which answers in OAuth's own shape rather than Genesys's ErrorBody:
     * {@code {"error", "description", "error_description"}}.
     */
    static ApiResponse oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        return json(status, body);
    }

    /** A gateway's own error page, as a load balancer in front of the API sends it: HTML, not an ErrorBody. */
    static ApiResponse gatewayPage(int status, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html");
        byte[] page = ("<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
            + status + " " + reason + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
        return new ApiResponse(status, page, headers, Delivery.NORMAL, 0);
    }

    static ApiResponse dropped() {
        return new ApiResponse(0, new byte[0], Map.of(), Delivery.DROPPED, 0);
    }

    ApiResponse truncated(double cutFraction) {
        return new ApiResponse(status, body, headers, Delivery.TRUNCATED, cutFraction);
    }

    /** With Genesys's rate-limit headers, spelled as Genesys spells them. */
    ApiResponse withRateLimit(RateLimiter.Admission admission) {
        return withHeader("inin-ratelimit-count", Integer.toString(admission.count()))
            .withHeader("inin-ratelimit-allowed", Integer.toString(admission.allowed()))
            .withHeader("inin-ratelimit-reset", Integer.toString(admission.resetSeconds()));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more, delivery, cutFraction);
    }
}
