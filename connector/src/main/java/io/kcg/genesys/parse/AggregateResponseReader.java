package io.kcg.genesys.parse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a whole aggregates response body into a result, e.g. the records of a response
 * ({@code RecordMapper.read}). The client calls it once per successful exchange, on the body as it streams in.
 */
@FunctionalInterface
public interface AggregateResponseReader<T> {
    /**
     * @throws MalformedResponseException when the body is not a well-formed aggregates response
     * @throws IOException                when reading the body fails
     */
    T read(InputStream body) throws IOException;
}
