package io.kcg.genesys.sinks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a table a sink connector wrote with the rows it must hold ({@link ExpectedTable}), row by row and column
 * by column: rows missing, rows that should not be there (e.g. a group Genesys deleted whose tombstone the sink did
 * not apply), rows with other values. Reads every column the sink created, whatever its type; timestamps as epoch
 * milliseconds (UTC).
 */
final class TableReconciliation {
    private static final int SAMPLES = 5;

    /** The outcome for one table; {@code samples} describe the first differences found. */
    record Result(String table, int expectedRows, int tableRows, int missing, int extra, int different,
                  int revisedRows, List<String> samples) {
        boolean clean() {
            return missing == 0 && extra == 0 && different == 0;
        }

        @Override
        public String toString() {
            return String.format("%s: %,d rows expected, %,d in the table, %d missing, %d extra, %d different, "
                    + "%,d with revision > 0%s", table, expectedRows, tableRows, missing, extra, different,
                    revisedRows, samples.isEmpty() ? "" : "; first: " + String.join(" | ", samples));
        }
    }

    private TableReconciliation() {
    }

    static Result reconcile(Connection db, ExpectedTable expected) throws SQLException {
        Map<String, String> columns = columns(db, expected.table());
        List<String> samples = new ArrayList<>();
        if (columns.isEmpty()) {
            samples.add("no table " + expected.table());
            return new Result(expected.table(), expected.rows().size(), 0, expected.rows().size(), 0, 0, 0, samples);
        }
        for (String key : expected.keyColumns()) {
            if (!columns.containsKey(key)) {
                samples.add("no key column " + key + " (columns: " + columns.keySet() + ")");
                return new Result(expected.table(), expected.rows().size(), -1, expected.rows().size(), 0, 0, 0,
                        samples);
            }
        }
        Set<String> expectedColumns = new HashSet<>();
        expected.rows().values().forEach(row -> expectedColumns.addAll(row.keySet()));
        for (String column : expectedColumns) {
            if (!columns.containsKey(column)) {
                samples.add("no column " + column);
            }
        }
        int tableRows = 0;
        int extra = 0;
        int different = 0;
        int revised = 0;
        Set<List<String>> seen = new HashSet<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(select(expected.table(), columns))) {
            while (rs.next()) {
                tableRows++;
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : columns.keySet()) {
                    row.put(column, rs.getObject(column));
                }
                if (row.get("revision") instanceof Number revision && revision.intValue() > 0) {
                    revised++;
                }
                List<String> key = GroundTruthRows.key(row, expected.keyColumns());
                Map<String, Object> want = expected.rows().get(key);
                if (want == null) {
                    extra++;
                    sample(samples, "extra row " + key);
                    continue;
                }
                seen.add(key);
                String difference = difference(want, row, expected);
                if (difference != null) {
                    different++;
                    sample(samples, key + ": " + difference);
                }
            }
        }
        int missing = 0;
        for (List<String> key : expected.rows().keySet()) {
            if (!seen.contains(key)) {
                missing++;
                sample(samples, "missing row " + key);
            }
        }
        return new Result(expected.table(), expected.rows().size(), tableRows, missing, extra, different, revised,
                samples);
    }

    /** Column name to data type of {@code table} (lower case, as an unquoted name folds), or empty. */
    static Map<String, String> columns(Connection db, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT column_name, data_type FROM "
                + "information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    /** The table as the sink created it: each column's type, nullability and default, and the primary key. */
    static String describe(Connection db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT column_name, data_type, is_nullable, column_default "
                + "FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2) + ("NO".equals(rs.getString(3)) ? " NOT NULL" : "")
                            + (rs.getString(4) == null ? "" : " DEFAULT " + rs.getString(4)));
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(? AS regclass) "
                + "AND i.indisprimary ORDER BY array_position(CAST(i.indkey AS smallint[]), a.attnum)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return table + " (" + String.join(", ", columns) + ", PRIMARY KEY (" + String.join(", ", key) + "))";
    }

    private static String select(String table, Map<String, String> columns) {
        List<String> parts = new ArrayList<>();
        columns.forEach((name, type) -> parts.add(type.startsWith("timestamp")
                ? "CAST(EXTRACT(EPOCH FROM " + name + ") * 1000 AS bigint) AS " + name
                : name));
        return "SELECT " + String.join(", ", parts) + " FROM " + table;
    }

    private static String difference(Map<String, Object> want, Map<String, Object> row, ExpectedTable expected) {
        for (Map.Entry<String, Object> column : row.entrySet()) {
            String name = column.getKey();
            if (expected.ignored().contains(name)) {
                continue;
            }
            Object expectedValue = want.get(name);
            if (!same(expectedValue, column.getValue(), expected.approximate().contains(name))) {
                return name + " is " + column.getValue() + ", the truth " + expectedValue;
            }
        }
        for (String name : want.keySet()) {
            if (!row.containsKey(name)) {
                return "no column " + name + " for the truth's " + want.get(name);
            }
        }
        return null;
    }

    static boolean same(Object expected, Object actual, boolean approximate) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            if (approximate) {
                double x = e.doubleValue();
                double y = a.doubleValue();
                return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
            }
            return decimal(e).compareTo(decimal(a)) == 0;
        }
        return expected.toString().equals(actual.toString());
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    private static void sample(List<String> samples, String text) {
        if (samples.size() < SAMPLES) {
            samples.add(text);
        }
    }
}
