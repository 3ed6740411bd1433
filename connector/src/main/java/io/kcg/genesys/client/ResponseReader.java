package io.kcg.genesys.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the body of a successful answer into a result (rows, records, ...), reading it as it streams in. The client
 * calls it once per successful exchange and knows nothing of the body's format.
 *
 * <p>A body the reader cannot make sense of is a failed exchange, retried like a cut connection: the reader says so
 * by throwing {@link MalformedBodyException} (a cut or garbled body is transient in practice), or by letting an
 * {@link IOException} of the stream through. Anything else it throws (a bug, say) reaches the caller as it is.
 *
 * @param <T> what the reader makes of a body
 */
@FunctionalInterface
public interface ResponseReader<T> {
    /**
     * @throws MalformedBodyException when the body is not what was expected (not JSON, cut short, wrong shape)
     * @throws IOException            when reading the body fails
     */
    T read(InputStream body) throws IOException;
}
