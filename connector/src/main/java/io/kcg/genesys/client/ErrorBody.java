package io.kcg.genesys.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/**
 * The interesting part of Genesys's {@code ErrorBody} ({@code {message, code, status, contextId, details,
 * errors}}), or of an OAuth error ({@code {error, error_description}}). Any body is accepted: a non-JSON one (a
 * proxy's HTML page) becomes the message, abbreviated.
 */
record ErrorBody(String code, String message, String contextId) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_RAW_TEXT = 300;

    static final ErrorBody EMPTY = new ErrorBody(null, null, null);

    static ErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return EMPTY;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                String code = text(node, "code");
                if (code == null) {
                    code = text(node, "error"); // OAuth errors: invalid_client, ...
                }
                String message = text(node, "message");
                if (message == null) {
                    message = text(node, "error_description");
                }
                if (message == null) {
                    message = text(node, "description");
                }
                return new ErrorBody(code, message, text(node, "contextId"));
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return EMPTY;
        }
        return new ErrorBody(null, abbreviate(text, MAX_RAW_TEXT), null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : abbreviate(s, MAX_MESSAGE);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
