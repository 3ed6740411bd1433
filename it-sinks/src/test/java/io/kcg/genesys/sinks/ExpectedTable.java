package io.kcg.genesys.sinks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a table must hold: its primary key columns, and per key the value of every column that must not be null.
 * Every other column of a row must be null, except {@code ignored} ones; {@code approximate} columns (derived
 * ratios) compare within a relative 1e-12, every other one exactly.
 *
 * @param rows key values (in keyColumns' order, as text) to column name to value (String, Long epoch ms for
 *             timestamps, Number for numbers)
 */
record ExpectedTable(String table, List<String> keyColumns, Map<List<String>, Map<String, Object>> rows,
                     Set<String> ignored, Set<String> approximate) {

    ExpectedTable {
        rows = new LinkedHashMap<>(rows);
    }
}
