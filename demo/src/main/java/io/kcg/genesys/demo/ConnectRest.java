package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The few Connect REST calls the demo makes, the same ones docs/operations.md shows with curl. */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(String base) {
        this.base = base;
    }

    /** POST /connectors with {"name", "config"}. */
    void create(String name, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        ObjectNode configNode = body.putObject("config");
        config.forEach(configNode::put);
        JsonNode answer = call("POST", "/connectors", body.toString(), 201);
        if (!answer.has("name")) {
            throw new DemoException(DemoException.RUN, "Connect did not create the connector: " + answer);
        }
    }

    /** PUT /connector-plugins/{class}/config/validate: the connector's own checks, error messages only. */
    List<String> validate(String connectorClass, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode();
        config.forEach(body::put);
        JsonNode answer = call("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate",
                body.toString(), 200);
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : answer.path("configs")) {
            for (JsonNode error : entry.path("value").path("errors")) {
                errors.add(entry.path("value").path("name").asText() + ": " + error.asText());
            }
        }
        return errors;
    }

    /** GET /connector-plugins: the version of {@code connectorClass} the worker found, or null when it found none. */
    String pluginVersion(String connectorClass) {
        for (JsonNode plugin : call("GET", "/connector-plugins", null, 200)) {
            if (connectorClass.equals(plugin.path("class").asText())) {
                return plugin.path("version").asText();
            }
        }
        return null;
    }

    /** GET /connectors/{name}/status. */
    JsonNode status(String name) {
        return call("GET", "/connectors/" + encode(name) + "/status", null, 200);
    }

    /** The watermark of {@code query} from GET /connectors/{name}/offsets (KIP-875), or null before the first. */
    Instant watermark(String name, String query) {
        JsonNode answer = call("GET", "/connectors/" + encode(name) + "/offsets", null, 200);
        for (JsonNode entry : answer.path("offsets")) {
            if (query.equals(entry.path("partition").path("query").asText())
                    && entry.path("offset").path("watermark").canConvertToLong()) {
                return Instant.ofEpochMilli(entry.path("offset").path("watermark").asLong());
            }
        }
        return null;
    }

    /** The source partitions of a connector's committed offsets (GET /connectors/{name}/offsets). */
    List<JsonNode> offsetPartitions(String name) {
        List<JsonNode> partitions = new ArrayList<>();
        call("GET", "/connectors/" + encode(name) + "/offsets", null, 200).path("offsets")
                .forEach(entry -> partitions.add(entry.path("partition")));
        return partitions;
    }

    private JsonNode call(String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() != expected) {
                throw new DemoException(DemoException.RUN, method + " " + path + " answered " + response.statusCode()
                        + ": " + answer.path("message").asText(response.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new DemoException(DemoException.RUN, "the Connect REST API at " + base + " did not answer "
                    + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(DemoException.RUN, "interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
