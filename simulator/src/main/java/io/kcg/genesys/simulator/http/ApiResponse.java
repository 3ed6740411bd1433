package io.kcg.genesys.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the server sends back, and how: normally, with the body cut short, or not at all (connection dropped).
 * Every response carries Genesys' correlation header; an error's contextId is the same id.
 */
record ApiResponse(int status, byte[] body, Map<String, String> headers, Delivery delivery, double cutFraction) {

    enum Delivery { NORMAL, TRUNCATED, DROPPED }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORRELATION_HEADER = "inin-correlation-id";

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

    static ApiResponse dropped() {
        return new ApiResponse(0, new byte[0], Map.of(), Delivery.DROPPED, 0);
    }

    ApiResponse truncated(double cutFraction) {
        return new ApiResponse(status, body, headers, Delivery.TRUNCATED, cutFraction);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more, delivery, cutFraction);
    }
}
