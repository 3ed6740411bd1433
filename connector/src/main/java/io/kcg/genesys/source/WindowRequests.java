package io.kcg.genesys.source;

import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.window.Window;

import java.util.List;

/**
 * The aggregates request of one window of one query, its answer read into records as it streams in. In production
 * {@link ClientWindowRequests}, Genesys through the HTTP client; a unit test of the task passes its own.
 */
interface WindowRequests extends AutoCloseable {
    /** @throws io.kcg.genesys.client.GenesysClientException and its subclasses, as the client throws them */
    List<MappedRecord> fetch(QueryRunner runner, Window window);

    /** Ends any request under way; later calls fail. */
    @Override
    void close();
}
