package io.kcg.genesys.parse;

/** Receives the rows of a response in document order, as the streaming parser meets them. */
@FunctionalInterface
public interface AggregateRowHandler {
    void onRow(AggregateRow row);
}
