package io.kcg.genesys.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Turns what Genesys answered (a status and an error body) into the exception the caller gets, with Genesys's
 * code, message and contextId and a hint at the fix: the permission of the endpoint for a 403, the region for a 404,
 * the credentials for a refused token. Genesys's text is untrusted: control and format characters (line breaks,
 * escape sequences, bidi overrides) are replaced before it reaches an exception message or a log line.
 */
final class ErrorTranslator {
    /** Genesys's code for an interval it will not answer in one response. */
    static final String ENTITY_TOO_LARGE = "response.entity.too.large";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_RAW_TEXT = 300;
    /** OAuth and Genesys codes of the token endpoint that mean "these credentials are not accepted". */
    private static final Set<String> REFUSED_CODES = Set.of("invalid_client", "unauthorized_client", "invalid_grant",
            "bad.credentials");

    private static final Map<String, String> PERMISSIONS = Map.ofEntries(
            Map.entry("conversations", "analytics:conversationAggregate:view"),
            Map.entry("users", "analytics:userAggregate:view"),
            Map.entry("flows", "analytics:flowAggregate:view"),
            Map.entry("flowexecutions", "analytics:flowExecutionAggregate:view"),
            Map.entry("evaluations", "analytics:evaluationAggregate:view"),
            Map.entry("surveys", "analytics:surveyAggregate:view"),
            Map.entry("transcripts", "analytics:speechAndTextAnalyticsAggregates:view"),
            Map.entry("bots", "analytics:botAggregate:view"),
            Map.entry("journeys", "analytics:journeyAggregate:view"),
            Map.entry("knowledge", "analytics:knowledgeAggregate:view"),
            Map.entry("resolutions", "analytics:resolutionAggregate:view"),
            Map.entry("summaries", "analytics:summaryAggregate:view"),
            Map.entry("actions", "integrations:action:view or bridge:actions:view"),
            Map.entry("agentcopilots", "analytics:agentCopilotAggregate:view"),
            Map.entry("copilots", "analytics:copilotsAggregate:view"),
            Map.entry("agentutilizations", "analytics:agentUtilizationAggregate:view"),
            Map.entry("casemanagement", "analytics:caseManagementAggregate:view"),
            Map.entry("taskmanagement", "analytics:taskManagementAggregate:view"),
            Map.entry("ratelimits", "analytics:rateLimitAggregate:view"));

    private final GenesysClientConfig config;

    ErrorTranslator(GenesysClientConfig config) {
        this.config = config;
    }

    /**
     * Reads any error body: Genesys's ErrorBody, an OAuth error, or anything else (a proxy's HTML page becomes the
     * message, abbreviated). The text is made printable.
     */
    static ErrorBody read(byte[] body) {
        if (body == null || body.length == 0) {
            return ErrorBody.EMPTY;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                String code = firstText(node, "code", "error");
                String message = firstText(node, "message", "error_description", "description");
                return new ErrorBody(code, message, firstText(node, "contextId"));
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        String text = printable(new String(body, StandardCharsets.UTF_8));
        return text.isEmpty() ? ErrorBody.EMPTY : new ErrorBody(null, abbreviate(text, MAX_RAW_TEXT), null);
    }

    /**
     * {@code text} with every control, format and line/paragraph separator character replaced by a space, runs of
     * white space collapsed and the ends stripped: safe in one log line.
     */
    static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean blank = Character.isWhitespace(c) || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SPACE_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            if (blank) {
                space = s.length() > 0;
            } else {
                if (space) {
                    s.append(' ');
                    space = false;
                }
                s.appendCodePoint(c);
            }
        }
        return s.toString();
    }

    /** The permission an analytics aggregates endpoint needs, as a 403 names it. */
    static String aggregatesPermission(String endpoint) {
        return PERMISSIONS.getOrDefault(endpoint, "for the " + endpoint + " aggregates");
    }

    /**
     * The exception for an API answer that retrying will not fix (4xx other than 401/408/429, 3xx, 501, ...).
     *
     * @param permission what a 403 names as missing
     * @param method     the request's method, for the 403's hint
     */
    GenesysClientException apiError(int status, ErrorBody eb, String permission, String method, URI uri,
                                    String location) {
        StringBuilder m = new StringBuilder("Genesys API ").append(status).append(eb.codeAndMessage())
                .append(eb.contextIdSuffix());
        if (status == 400 && ENTITY_TOO_LARGE.equals(eb.code())) {
            return new GenesysWindowTooLargeException(m.append(": Genesys will not answer this interval in one "
                    + "response; a shorter interval (fewer buckets) is expected to work").toString(),
                    new GenesysApiException(m.toString(), status, eb.code(), eb.message(), eb.contextId()));
        }
        if (status == 403) {
            m.append(". Check that a role of the OAuth client grants the permission ")
                    .append(permission).append(" (needed by ").append(method).append(' ').append(uri.getPath())
                    .append(")");
        } else if (status == 404) {
            m.append(". Check the region and the endpoint: the request went to ").append(uri)
                    .append(" (region host ").append(config.apiBase().getHost()).append(")");
        } else if (status >= 300 && status < 400) {
            m.append(". Redirected to ").append(location == null ? "(nowhere)" : abbreviate(printable(location),
                    MAX_RAW_TEXT)).append("; check the API base URL ").append(config.apiBase());
        }
        return new GenesysApiException(m.toString(), status, eb.code(), eb.message(), eb.contextId());
    }

    /**
     * The refusal of the credentials by the token endpoint, or null when the answer is not one (an outage, a proxy
     * error): 401/403, or an OAuth/Genesys code that says so.
     */
    GenesysAuthenticationException refusedCredentials(int status, ErrorBody eb, URI tokenUri) {
        boolean refused = status == 401 || status == 403 || (eb.code() != null && REFUSED_CODES.contains(eb.code()));
        if (!refused) {
            return null;
        }
        return new GenesysAuthenticationException("Genesys refused the OAuth client credentials: client id '"
                + config.clientId() + "' and its secret were not accepted by " + tokenUri + " (HTTP " + status
                + eb.codeAndMessage() + eb.contextIdSuffix() + "). Check the client id and secret, that the OAuth "
                + "client uses the Client Credentials grant, and that it belongs to this region.",
                status, eb.code(), eb.message(), eb.contextId());
    }

    /** The API refused a token the token endpoint had just issued (a 401 right after a renewal). */
    GenesysAuthenticationException refusedToken(ErrorBody eb, String what) {
        return new GenesysAuthenticationException("Genesys API 401" + eb.codeAndMessage() + eb.contextIdSuffix()
                + ": the " + what + " was refused again with a newly issued token for client id '"
                + config.clientId() + "'. Check that the OAuth client is active and belongs to the org of "
                + config.apiBase() + ".", 401, eb.code(), eb.message(), eb.contextId());
    }

    /** Any other answer of the token endpoint that retrying will not fix. */
    GenesysApiException tokenEndpointError(int status, ErrorBody eb, URI tokenUri) {
        return new GenesysApiException("Genesys API " + status + eb.codeAndMessage() + eb.contextIdSuffix()
                + " from the token endpoint " + tokenUri, status, eb.code(), eb.message(), eb.contextId());
    }

    /** An answer larger than the client accepts: the interval is too large to fetch in one request. */
    GenesysWindowTooLargeException bodyTooLarge(String what, Throwable cause) {
        return new GenesysWindowTooLargeException("The Genesys " + what + " answered with more than "
                + config.maxResponseBytes() + " bytes (maxResponseBytes): a shorter interval, fewer groupBy "
                + "dimensions or metrics, or a higher limit is needed.", cause);
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || v.isContainerNode()) {
                continue;
            }
            String s = printable(v.asText());
            if (!s.isEmpty()) {
                return abbreviate(s, MAX_MESSAGE);
            }
        }
        return null;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
