package io.kcg.genesys.parse;

import io.kcg.genesys.client.MalformedBodyException;

/**
 * The response body is not a well-formed aggregates response: bad JSON (with its line and column), a value of the
 * wrong type, a count that is not integral, a number out of range, or a body that ends too early. Being a
 * {@link MalformedBodyException}, it tells the client to retry the request like a cut connection.
 */
public class MalformedResponseException extends MalformedBodyException {
    private final int line;
    private final int column;
    private final boolean truncated;

    public MalformedResponseException(String message) {
        this(message, -1, -1, false, null);
    }

    public MalformedResponseException(String message, Throwable cause) {
        this(message, -1, -1, false, cause);
    }

    /**
     * @param line      1-based line of the offending token, or -1 when unknown
     * @param column    1-based column of the offending token, or -1 when unknown
     * @param truncated true when the body ended before the JSON document did
     */
    public MalformedResponseException(String message, int line, int column, boolean truncated, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.truncated = truncated;
    }

    /** The 1-based line where the problem was found, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column where the problem was found, or -1 when unknown. */
    public int column() {
        return column;
    }

    /** True when the body ended before the JSON document did (a cut connection, usually transient). */
    public boolean truncated() {
        return truncated;
    }
}
