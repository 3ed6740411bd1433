package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw calls to a worker's REST API, returning status and body as a user of curl would see them (the embedded
 * cluster's typed helpers throw on errors and hide the body).
 */
final class ConnectRest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: HTTP status and body text. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final EmbeddedConnectCluster connect;

    ConnectRest(EmbeddedConnectCluster connect) {
        this.connect = connect;
    }

    Answer put(String resource, String body) {
        return answer(connect.requestPut(connect.endpointForResource(resource), body));
    }

    Answer get(String resource) {
        return answer(connect.requestGet(connect.endpointForResource(resource)));
    }

    /** PUT /connector-plugins/{class}/config/validate with a config as JSON (named "validated" unless named). */
    Answer validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        Map<String, String> named = new LinkedHashMap<>(config);
        named.putIfAbsent("name", "validated");
        return put("connector-plugins/" + simpleName + "/config/validate", toJson(named));
    }

    /** The error messages per key of a validate answer (only keys with errors). */
    static Map<String, List<String>> errors(Answer validation) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : validation.json().path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(m -> messages.add(m.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), messages);
            }
        }
        return errors;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded cluster hands back a response it built itself, with the body as its entity. */
    private static Answer answer(Response response) {
        Object entity = response.getEntity();
        return new Answer(response.getStatus(), entity == null ? "" : entity.toString());
    }
}
