package io.kcg.genesys.parse;

import io.kcg.genesys.client.ResponseReader;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a whole aggregates response body into a result, e.g. the records of a response ({@code RecordMapper.read}):
 * the client's {@link ResponseReader} for aggregates answers, which reports a bad body as a
 * {@link MalformedResponseException}.
 */
@FunctionalInterface
public interface AggregateResponseReader<T> extends ResponseReader<T> {
    /**
     * @throws MalformedResponseException when the body is not a well-formed aggregates response
     * @throws IOException                when reading the body fails
     */
    @Override
    T read(InputStream body) throws IOException;
}
