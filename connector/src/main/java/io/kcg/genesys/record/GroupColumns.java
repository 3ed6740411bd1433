package io.kcg.genesys.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dimension fields of a query (its {@code groupBy}, plus {@code mediaType} for conversations) and how a
 * response's group fills them: a dimension the group lacks is {@value Fields#ABSENT}; the entries without a field
 * go to {@code group_extra}. A dimension whose value is literally {@value Fields#ABSENT} is listed in
 * {@code group_extra} too, so that it never shares a key with a group that lacks the dimension.
 */
final class GroupColumns {
    private final Map<String, Integer> indexByDimension = new LinkedHashMap<>();
    private final List<String> fieldNames = new ArrayList<>();

    GroupColumns(List<String> dimensions) {
        for (String dimension : dimensions) {
            if (!indexByDimension.containsKey(dimension)) {
                indexByDimension.put(dimension, fieldNames.size());
                fieldNames.add(FieldNames.of(dimension));
            }
        }
    }

    /** The Genesys dimensions with a field, in the query's order. */
    List<String> dimensions() {
        return List.copyOf(indexByDimension.keySet());
    }

    /** The field names of {@link #dimensions()}, in the same order. */
    List<String> fieldNames() {
        return Collections.unmodifiableList(fieldNames);
    }

    /** What one group puts in the dimension fields and in {@code group_extra}. */
    Values valuesOf(Map<String, String> group) {
        String[] values = new String[fieldNames.size()];
        Arrays.fill(values, Fields.ABSENT);
        TreeMap<String, String> extra = new TreeMap<>();
        for (Map.Entry<String, String> entry : group.entrySet()) {
            Integer index = indexByDimension.get(entry.getKey());
            if (index != null) {
                values[index] = entry.getValue();
            }
            if (index == null || Fields.ABSENT.equals(entry.getValue())) {
                extra.put(entry.getKey(), entry.getValue());
            }
        }
        return new Values(List.of(values), ExtraJson.groupExtra(extra));
    }

    /** The values of the dimension fields (in {@link #fieldNames()} order) and the {@code group_extra} text. */
    record Values(List<String> dimensionValues, String groupExtra) {
    }
}
