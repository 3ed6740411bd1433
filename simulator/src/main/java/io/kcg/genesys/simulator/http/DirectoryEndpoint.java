package io.kcg.genesys.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysApiException;
import io.kcg.genesys.simulator.SimulatorClock;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.simulator.model.MediaType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * GET /api/v2/routing/queues, /api/v2/users, /api/v2/routing/wrapupcodes and /api/v2/authorization/divisions as
 * the directory is at the simulator's now, paged as Genesys pages entity lists: pageSize (default 25, at most 500)
 * and 1-based pageNumber in (a page past the last is empty), entities with pageSize, pageNumber, total, pageCount and
 * the first/self/next/previous/last URIs out. Users are filtered by {@code state} (active by default, inactive,
 * deleted or any), as Genesys filters them.
 */
final class DirectoryEndpoint {

    private static final int DEFAULT_PAGE_SIZE = 25;
    private static final int MAX_PAGE_SIZE = 500;
    private static final List<String> USER_STATES = List.of("active", "inactive", "deleted", "any");
    private static final Map<MediaType, String> MEDIA_SETTINGS = Map.of(MediaType.VOICE, "call",
        MediaType.CALLBACK, "callback", MediaType.CHAT, "chat", MediaType.EMAIL, "email", MediaType.MESSAGE, "message");

    private final Directory directory;
    private final SimulatorClock clock;

    DirectoryEndpoint(Directory directory, SimulatorClock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The response for path, or null when path is not a directory listing. */
    ApiResponse handle(String path, String rawQuery) {
        return switch (path) {
            case "/api/v2/routing/queues" -> page(path, rawQuery, snapshot().queues(), (queue, json) -> {
                json.put("id", queue.id());
                json.put("name", queue.name());
                division(json, queue.divisionId(), queue.divisionName());
                json.put("memberCount", directory.agentsPerQueue());
                ObjectNode settings = json.putObject("mediaSettings");
                queue.serviceLevels().forEach((media, level) -> {
                    ObjectNode medium = settings.putObject(MEDIA_SETTINGS.get(media));
                    medium.put("alertingTimeoutSeconds", 8);
                    ObjectNode serviceLevel = medium.putObject("serviceLevel");
                    serviceLevel.put("percentage", level.percentage());
                    serviceLevel.put("durationMs", level.durationMs());
                });
                json.put("selfUri", path + "/" + queue.id());
            });
            case "/api/v2/users" -> {
                String state = param(rawQuery, "state");
                String wanted = state == null ? "active" : state.toLowerCase(Locale.ROOT);
                if (!USER_STATES.contains(wanted)) {
                    throw GenesysApiException.invalidValue(state, "state", USER_STATES);
                }
                List<DirectorySnapshot.User> users = snapshot().users().stream()
                    .filter(u -> wanted.equals("any") || u.state().equals(wanted)).toList();
                yield page(path, rawQuery, users, (user, json) -> {
                    json.put("id", user.id());
                    json.put("name", user.name());
                    division(json, user.divisionId(), user.divisionName());
                    json.put("email", user.email());
                    json.put("username", user.email());
                    json.put("state", user.state());
                    json.put("department", user.department());
                    json.put("title", user.title());
                    if (user.managerId() != null) {
                        ObjectNode manager = json.putObject("manager");
                        manager.put("id", user.managerId());
                        manager.put("selfUri", path + "/" + user.managerId());
                    }
                    json.put("version", 1);
                    json.put("selfUri", path + "/" + user.id());
                });
            }
            case "/api/v2/routing/wrapupcodes" -> page(path, rawQuery, snapshot().wrapUpCodes(), (code, json) -> {
                json.put("id", code.id());
                json.put("name", code.name());
                division(json, code.divisionId(), code.divisionName());
                json.put("selfUri", path + "/" + code.id());
            });
            case "/api/v2/authorization/divisions" -> page(path, rawQuery, snapshot().divisions(), (division, json) -> {
                json.put("id", division.id());
                json.put("name", division.name());
                json.put("description", division.description());
                json.put("homeDivision", division.homeDivision());
                json.put("selfUri", path + "/" + division.id());
            });
            default -> null;
        };
    }

    private DirectorySnapshot snapshot() {
        return directory.at(clock.now());
    }

    private static void division(ObjectNode json, String id, String name) {
        ObjectNode division = json.putObject("division");
        division.put("id", id);
        division.put("name", name);
        division.put("selfUri", "/api/v2/authorization/divisions/" + id);
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
