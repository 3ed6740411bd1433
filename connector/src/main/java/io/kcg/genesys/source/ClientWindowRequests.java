package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.window.Window;

import java.util.List;

/** Windows fetched from Genesys with the HTTP client; the records are built as the body streams in. */
final class ClientWindowRequests implements WindowRequests {
    private final GenesysClient client;

    ClientWindowRequests(GenesysClient client) {
        this.client = client;
    }

    @Override
    public List<MappedRecord> fetch(QueryRunner runner, Window window) {
        QueryDefinition query = runner.query();
        return client.queryAggregatesWith(query.endpoint(), query.bodyFor(window.start(), window.end()), runner::read);
    }

    @Override
    public void close() {
        client.close();
    }
}
