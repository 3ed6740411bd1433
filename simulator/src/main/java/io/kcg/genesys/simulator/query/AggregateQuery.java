package io.kcg.genesys.simulator.query;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated aggregates query. Names are canonical; granularity, filter and ranking may be null (one bucket; no
 * filter; every group). groupBy does not hold mediaType unless it was asked for; see {@link #groupDimensions}.
 */
record AggregateQuery(long startMs, long endMs, Granularity granularity, ZoneId zone, List<String> groupBy,
                      Filter filter, List<String> metrics, List<View> views, Ranking ranking) {

    /** A {@code rangeBound} view: the target timer's observations within [gte, lt) (either bound may be open). */
    record View(String name, String target, Double gte, Double lt) {
        boolean contains(long value) {
            return (gte == null || value >= gte) && (lt == null || value < lt);
        }
    }

    /** A topN/bottomN query: the {@code limit} groups with the highest (lowest) {@code function} of the metric. */
    record Ranking(boolean top, String metric, String function, int limit) {
    }

    /** The keys of each result's group, in order: conversation groups always lead with mediaType. */
    List<String> groupDimensions(boolean alwaysMediaType) {
        if (!alwaysMediaType || groupBy.contains("mediaType")) {
            return groupBy;
        }
        List<String> dimensions = new ArrayList<>();
        dimensions.add("mediaType");
        dimensions.addAll(groupBy);
        return List.copyOf(dimensions);
    }
}
