package io.kcg.genesys.parse;

import java.time.Instant;
import java.util.Map;

/**
 * Receives each metric (and view) of a response with its group and bucket, in document order, without an
 * {@link AggregateRow} per metric: what a reader that builds its own records uses, since a large response has a
 * million metrics. The {@code group} map and the instants are shared as {@link AggregateRow} documents them; the
 * {@code stats} instance belongs to the parser and is refilled for the next metric once this call returns, so a sink
 * copies the values it keeps.
 */
@FunctionalInterface
public interface AggregateMetricSink {
    void onMetric(Map<String, String> group, Instant bucketStart, Instant bucketEnd, String metric, String qualifier,
                  Stats stats);
}
