package io.kcg.genesys.client;

/**
 * Thrown by a {@link ResponseReader} when a 200 body is not what was expected: bad JSON, a wrong shape, a body that
 * ends too early. The client retries the request as it retries a cut connection, and reports the last one when the
 * retries run out.
 */
public class MalformedBodyException extends RuntimeException {
    public MalformedBodyException(String message) {
        super(message);
    }

    public MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
