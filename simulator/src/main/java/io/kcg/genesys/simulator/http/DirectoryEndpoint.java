package io.kcg.genesys.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.model.Directory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * GET /api/v2/routing/queues, /api/v2/users and /api/v2/routing/wrapupcodes, paged as Genesys pages entity lists:
 * pageSize (default 25, at most 500) and 1-based pageNumber in, entities with pageSize, pageNumber, total,
 * pageCount and the first/self/next/previous/last URIs out.
 */
final class DirectoryEndpoint {

    private static final int DEFAULT_PAGE_SIZE = 25;
    private static final int MAX_PAGE_SIZE = 500;

    private final Directory directory;

    DirectoryEndpoint(Directory directory) {
        this.directory = directory;
    }

    /** The response for path, or null when path is not a directory listing. */
    ApiResponse handle(String path, String rawQuery) {
        return switch (path) {
            case "/api/v2/routing/queues" -> page(path, rawQuery, directory.queues(), (queue, json) -> {
                json.put("id", queue.id());
                json.put("name", queue.name());
                json.put("memberCount", directory.agentsPerQueue());
                json.put("selfUri", path + "/" + queue.id());
            });
            case "/api/v2/users" -> page(path, rawQuery, directory.agents(), (agent, json) -> {
                json.put("id", agent.id());
                json.put("name", agent.name());
                json.put("email", agent.email());
                json.put("username", agent.email());
                json.put("state", "active");
                json.put("selfUri", path + "/" + agent.id());
            });
            case "/api/v2/routing/wrapupcodes" -> page(path, rawQuery, directory.wrapUpCodes(), (code, json) -> {
                json.put("id", code.id());
                json.put("name", code.name());
                json.put("selfUri", path + "/" + code.id());
            });
            default -> null;
        };
    }

    private static <T> ApiResponse page(String path, String rawQuery, List<T> all, BiConsumer<T, ObjectNode> entity) {
        int pageSize = intParam(rawQuery, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        int pageNumber = intParam(rawQuery, "pageNumber", 1, Integer.MAX_VALUE);
        int pageCount = (all.size() + pageSize - 1) / pageSize;
        ObjectNode body = ApiResponse.JSON.createObjectNode();
        ArrayNode entities = body.putArray("entities");
        long first = (long) (pageNumber - 1) * pageSize;
        for (long i = first; i < Math.min(all.size(), first + pageSize); i++) {
            entity.accept(all.get((int) i), entities.addObject());
        }
        body.put("pageSize", pageSize);
        body.put("pageNumber", pageNumber);
        body.put("total", all.size());
        body.put("pageCount", pageCount);
        body.put("firstUri", uri(path, pageSize, 1));
        body.put("selfUri", uri(path, pageSize, pageNumber));
        if (pageNumber < pageCount) {
            body.put("nextUri", uri(path, pageSize, pageNumber + 1));
        }
        if (pageNumber > 1) {
            body.put("previousUri", uri(path, pageSize, pageNumber - 1));
        }
        body.put("lastUri", uri(path, pageSize, Math.max(1, pageCount)));
        return ApiResponse.json(200, body);
    }

    private static String uri(String path, int pageSize, int pageNumber) {
        return path + "?pageSize=" + pageSize + "&pageNumber=" + pageNumber;
    }

    private static int intParam(String rawQuery, String name, int defaultValue, int max) {
        String raw = param(rawQuery, name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        throw GenesysApiException.invalidValue(raw, name, "integers from 1 to " + max);
    }

    private static String param(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
