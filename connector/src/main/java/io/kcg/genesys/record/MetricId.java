package io.kcg.genesys.record;

import java.util.Comparator;
import java.util.Objects;

/** A metric (or view) name with its qualifier (null when it has none), ordered by name, then qualifier. */
record MetricId(String metric, String qualifier) implements Comparable<MetricId> {
    private static final Comparator<MetricId> ORDER = Comparator.comparing(MetricId::metric)
            .thenComparing(MetricId::qualifier, Comparator.nullsFirst(Comparator.naturalOrder()));

    MetricId {
        Objects.requireNonNull(metric, "metric");
    }

    @Override
    public int compareTo(MetricId other) {
        return ORDER.compare(this, other);
    }
}
