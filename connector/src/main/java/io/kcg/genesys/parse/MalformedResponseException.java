package io.kcg.genesys.parse;

/**
 * The response body is not a well-formed aggregates response: bad JSON (with its line and column), a value of the
 * wrong type, a count that is not integral, a number out of range, or a body that ends too early.
 */
public class MalformedResponseException extends RuntimeException {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
