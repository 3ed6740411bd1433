package io.kcg.genesys.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a whole Genesys entity listing ({@code GET /api/v2/routing/queues} and the like) page by page: {@code
 * pageSize} and a 1-based {@code pageNumber} in, {@code {entities, pageSize, pageNumber, total, pageCount, ...}} out.
 * Pages are asked for by number, never by following the {@code nextUri} the server sent.
 *
 * <p>Page-number paging is not a snapshot: an entity created or deleted between two page requests shifts the later
 * pages, so one entity can be read twice and another not at all. The result therefore says whether the listing
 * {@linkplain Result#consistent() holds together}: every page reported the same {@code total}, and the distinct ids
 * read equal it. A caller that infers deletions from absence must only do so from a consistent listing.
 */
public final class PagedListing {
    /** No org has a directory this large; a server that keeps answering pages is looping. */
    static final int MAX_PAGES = 10_000;
    /** Genesys ids are UUIDs; a longer one is not an id (and would swell the offsets that remember it). */
    static final int MAX_ID_LENGTH = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PagedListing() {
    }

    /**
     * A listing read whole.
     *
     * @param entities      each entity by its id, in the order first read (a repeated id keeps its last version)
     * @param total         the {@code total} of the first page
     * @param pages         pages requested
     * @param inconsistency why the listing does not hold together, or null when it does
     */
    public record Result(Map<String, JsonNode> entities, long total, int pages, String inconsistency) {
        public boolean consistent() {
            return inconsistency == null;
        }
    }

    /**
     * Lists every page of {@code path}.
     *
     * @param query      extra query parameters, already encoded ({@code "state=any"}), or empty
     * @param pageSize   entities per page, at most what the endpoint allows
     * @param what       what is listed, for messages ("queues")
     * @param permission the permission a 403 names
     * @throws GenesysRetriableException a page failed after the client's retries; nothing is returned
     * @throws GenesysApiException       a page was refused (a missing permission, say)
     */
    public static Result list(GenesysClient client, String path, String query, int pageSize, String what,
                              String permission) {
        Objects.requireNonNull(client, "client");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
        Map<String, JsonNode> entities = new LinkedHashMap<>();
        String inconsistency = null;
        long firstTotal = -1;
        long pageCount = 1;
        int pageNumber = 1;
        int read = 0;
        while (pageNumber <= pageCount) {
            if (pageNumber > MAX_PAGES) {
                throw new GenesysClientException("The Genesys " + what + " listing " + path + " reports more than "
                        + MAX_PAGES + " pages of " + pageSize + "; refusing to read on");
            }
            String pathAndQuery = path + "?pageSize=" + pageSize + "&pageNumber=" + pageNumber
                    + (query == null || query.isEmpty() ? "" : "&" + query);
            Page page = client.getWith(pathAndQuery, what + " listing, page " + pageNumber, permission,
                    PagedListing::readPage);
            if (pageNumber == 1) {
                firstTotal = page.total;
                pageCount = page.pageCount >= 0 ? page.pageCount : (page.total + pageSize - 1) / pageSize;
            } else if (page.total != firstTotal && inconsistency == null) {
                inconsistency = "the total changed from " + firstTotal + " to " + page.total + " on page "
                        + pageNumber;
            }
            if (page.entities.isEmpty() && pageNumber < pageCount && inconsistency == null) {
                inconsistency = "page " + pageNumber + " of " + pageCount + " came back empty";
            }
            for (JsonNode entity : page.entities) {
                entities.put(entity.get("id").asText(), entity);
                read++;
            }
            pageNumber++;
        }
        if (inconsistency == null && entities.size() != firstTotal) {
            inconsistency = entities.size() + " distinct entities read (" + read + " in all) but the total is "
                    + firstTotal;
        }
        return new Result(Collections.unmodifiableMap(entities), firstTotal, pageNumber - 1, inconsistency);
    }

    /** One page as it came. */
    private record Page(List<JsonNode> entities, long total, long pageCount) {
    }

    /** Reads a page body; a body that is not a listing page is malformed (the client retries it). */
    private static Page readPage(InputStream body) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            // Not JSON, or JSON cut short; a failing stream's own IOException goes to the client as it is.
            throw new MalformedBodyException("the listing page is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBodyException("the listing page is not a JSON object");
        }
        JsonNode entities = root.get("entities");
        if (entities != null && !entities.isNull() && !entities.isArray()) {
            throw new MalformedBodyException("the listing page's entities is not an array");
        }
        JsonNode total = root.get("total");
        if (total == null || !total.canConvertToLong() || total.asLong() < 0) {
            throw new MalformedBodyException("the listing page has no total");
        }
        JsonNode pageCount = root.get("pageCount");
        List<JsonNode> list = new ArrayList<>();
        if (entities != null && entities.isArray()) {
            for (JsonNode entity : entities) {
                JsonNode id = entity.get("id");
                if (!entity.isObject() || id == null || !id.isTextual() || id.asText().isEmpty()
                        || id.asText().length() > MAX_ID_LENGTH) {
                    throw new MalformedBodyException("an entity of the listing page has no id (or one longer "
                            + "than " + MAX_ID_LENGTH + " characters)");
                }
                list.add(entity);
            }
        }
        long count = pageCount != null && pageCount.canConvertToLong() ? pageCount.asLong() : -1;
        return new Page(list, total.asLong(), count);
    }
}
