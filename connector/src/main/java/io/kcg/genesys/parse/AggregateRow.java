package io.kcg.genesys.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One leaf of an aggregates response: {@code results[].group} x {@code data[].interval} x {@code metrics[]} (or
 * {@code views[]}). An immutable value. The parser gives the rows of one result the same unmodifiable group map
 * rather than a copy each; nothing may rely on that.
 *
 * @param group        every entry of the response's {@code group}, verbatim, in document order (unmodifiable)
 * @param bucketStart  start of the bucket ({@code data[].interval}, inclusive)
 * @param bucketEnd    end of the bucket (exclusive)
 * @param metric       the metric name, or the view name for a row from {@code data[].views[]}
 * @param qualifier    the metric's qualifier, or null
 * @param stats        the stats that were present
 */
public record AggregateRow(Map<String, String> group, Instant bucketStart, Instant bucketEnd,
                           String metric, String qualifier, Stats stats) {
    public AggregateRow {
        group = Collections.unmodifiableMap(Objects.requireNonNull(group, "group")); // the same map when already so
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(bucketEnd, "bucketEnd");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(stats, "stats");
    }
}
