package io.kcg.genesys.simulator.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per-bucket stats of each group. A group key is the list of its dimension values in the query's dimension order,
 * with null for an absent dimension.
 */
final class GroupedStats<B> {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Map<List<String>, TreeMap<Integer, B>> groups = new HashMap<>();
    private final Supplier<B> factory;

    GroupedStats(Supplier<B> factory) {
        this.factory = factory;
    }

    B at(List<String> group, int bucket) {
        return groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucket, b -> factory.get());
    }

    /** Groups in a stable order (by their values), so equal inputs give byte-identical responses. */
    List<Map.Entry<List<String>, TreeMap<Integer, B>>> sorted() {
        List<Map.Entry<List<String>, TreeMap<Integer, B>>> entries = new ArrayList<>(groups.entrySet());
        entries.sort((a, b) -> compare(a.getKey(), b.getKey()));
        return entries;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = NULLS_FIRST.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
