package io.kcg.genesys.client;

/**
 * Authentication failed for good: the token endpoint refused the client id/secret (e.g. {@code 401
 * bad.credentials}, OAuth {@code invalid_client}), or the API answered 401 again right after the token was renewed.
 * Not retriable: fix the credentials or the OAuth client.
 */
public class GenesysAuthenticationException extends GenesysApiException {
    public GenesysAuthenticationException(String message, int status, String code, String genesysMessage,
                                          String contextId) {
        super(message, status, code, genesysMessage, contextId);
    }
}
