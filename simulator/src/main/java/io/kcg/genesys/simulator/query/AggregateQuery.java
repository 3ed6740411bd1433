package io.kcg.genesys.simulator.query;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated aggregates query. Names are canonical; granularity and filter may be null (one bucket; no filter).
 * groupBy does not hold mediaType unless it was asked for; see {@link #groupDimensions}.
 */
record AggregateQuery(long startMs, long endMs, Granularity granularity, ZoneId zone, List<String> groupBy,
                      Filter filter, List<String> metrics) {

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
