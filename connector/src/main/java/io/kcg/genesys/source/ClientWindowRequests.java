package io.kcg.genesys.source;

import io.kcg.genesys.client.CallListener;
import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.window.Window;

import java.util.List;
import java.util.function.Function;

/** Windows fetched from Genesys with the HTTP client; the records are built as the body streams in. */
final class ClientWindowRequests implements WindowRequests {
    private final GenesysClient client;
    private final Function<String, CallListener> listeners;

    ClientWindowRequests(GenesysClient client) {
        this(client, query -> CallListener.NONE);
    }

    /** @param listeners what hears the requests of a query, by query name */
    ClientWindowRequests(GenesysClient client, Function<String, CallListener> listeners) {
        this.client = client;
        this.listeners = listeners;
    }

    @Override
    public List<MappedRecord> fetch(QueryRunner runner, Window window) {
        QueryDefinition query = runner.query();
        return client.queryAggregatesWith(query.endpoint(), query.bodyFor(window.start(), window.end()), runner::read,
                listeners.apply(query.name()));
    }

    @Override
    public void close() {
        client.close();
    }
}
