package io.kcg.genesys.client;

/**
 * A Genesys call failed. Every subclass except {@link GenesysRetriableException} is permanent: retrying the same
 * request will fail the same way (bad config, missing permission, refused credentials, a response over the size
 * limit). Messages never contain the client secret or a token.
 */
public class GenesysClientException extends RuntimeException {
    public GenesysClientException(String message) {
        super(message);
    }

    public GenesysClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
