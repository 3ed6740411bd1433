package io.kcg.genesys.client;

/**
 * The interesting part of Genesys's {@code ErrorBody} ({@code {message, code, status, contextId, details,
 * errors}}) or of an OAuth error ({@code {error, error_description}}), as {@link ErrorTranslator#read} makes it:
 * printable text only, abbreviated. Any part may be null.
 */
record ErrorBody(String code, String message, String contextId) {
    static final ErrorBody EMPTY = new ErrorBody(null, null, null);

    /** {@code " code: message"}, or what of it there is, for messages and log lines. */
    String codeAndMessage() {
        StringBuilder s = new StringBuilder();
        if (code != null) {
            s.append(' ').append(code);
        }
        if (message != null) {
            s.append(": ").append(message);
        }
        return s.toString();
    }

    /** {@code " (contextId ...)"}, or nothing. */
    String contextIdSuffix() {
        return contextId == null ? "" : " (contextId " + contextId + ")";
    }
}
