package io.kcg.genesys.client;

/**
 * Genesys answered with an error that retrying will not fix: 400, 403, 404 and the other 4xx (except 401 after a
 * token refresh, see {@link GenesysAuthenticationException}, and 408/429, which are retried). Carries Genesys's
 * {@code ErrorBody}: {@code code} (e.g. {@code invalid.value}), {@code message} and {@code contextId} (the
 * correlation id Genesys support asks for). The message reads like
 * {@code Genesys API 400 invalid.value: Value [PT7M] is not valid ... (contextId 7daf...)}.
 */
public class GenesysApiException extends GenesysClientException {
    private final int status;
    private final String code;
    private final String genesysMessage;
    private final String contextId;

    public GenesysApiException(String message, int status, String code, String genesysMessage, String contextId) {
        super(message);
        this.status = status;
        this.code = code;
        this.genesysMessage = genesysMessage;
        this.contextId = contextId;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Genesys's error code, e.g. {@code invalid.value}, {@code missing.permissions}; null when the body had none. */
    public String code() {
        return code;
    }

    /** Genesys's own message (or the start of a non-JSON body); null when the body was empty. */
    public String genesysMessage() {
        return genesysMessage;
    }

    /** Genesys's correlation id for the failed request; null when the body had none. */
    public String contextId() {
        return contextId;
    }
}
