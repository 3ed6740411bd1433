package io.kcg.genesys.parse;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One leaf of an aggregates response: {@code results[].group} x {@code data[].interval} x {@code metrics[]}.
 * Rows of one result share the same {@code group} map instance and rows of one bucket the same instants, so a large
 * response does not copy them per metric.
 *
 * @param group        every entry of the response's {@code group}, verbatim (unmodifiable)
 * @param bucketStart  start of the bucket ({@code data[].interval}, inclusive)
 * @param bucketEnd    end of the bucket (exclusive)
 * @param metric       the metric name, or the view name for a row from {@code data[].views[]}
 * @param qualifier    the metric's qualifier, or null
 * @param stats        the stats that were present
 */
public record AggregateRow(Map<String, String> group, Instant bucketStart, Instant bucketEnd,
                           String metric, String qualifier, Stats stats) {
    public AggregateRow {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(bucketEnd, "bucketEnd");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(stats, "stats");
    }
}
