package io.kcg.genesys.sinks;

import io.kcg.genesys.simulator.GenesysSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciliation itself, on a real PostgreSQL: a table written straight from the expected rows is clean, and
 * each kind of damage a sink could do (a row lost, a tombstone not applied, a number changed, a column a value
 * should be null in, a column missing) is found and counted. So a clean result in the end-to-end tests means
 * something.
 */
class TableReconciliationIT {
    static final Instant NOW = Instant.parse("2026-03-11T00:00:00Z");
    static Warehouse warehouse;
    static GenesysSimulator sim;

    @BeforeAll
    static void start() {
        warehouse = Warehouse.start();
        sim = GenesysSimulator.builder().seed(3L).queues(2).agentsPerQueue(2).fixedClock(NOW).port(0).build();
    }

    @AfterAll
    static void stop() {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    @Test
    void aFaithfulWideTableIsCleanAndEveryKindOfDamageIsCounted() throws Exception {
        ExpectedTable expected = GroundTruthRows.table(sim, "queues", RepoFiles.queueReportBody(),
                Instant.parse("2026-03-10T00:00:00Z"), NOW, false);
        try (Connection db = warehouse.connect()) {
            write(db, "faithful_wide", expected);
            ExpectedTable table = rename(expected, "faithful_wide");
            TableReconciliation.Result clean = TableReconciliation.reconcile(db, table);
            assertTrue(clean.clean(), clean.toString());
            assertEquals(expected.rows().size(), clean.tableRows());
            assertTrue(clean.tableRows() > 100, clean.toString());

            List<List<String>> keys = new ArrayList<>(expected.rows().keySet());
            try (Statement s = db.createStatement()) {
                // A number changed, a row lost, and a row the truth does not have (as a tombstone not applied).
                s.executeUpdate("UPDATE faithful_wide SET n_offered_count = n_offered_count + 1 WHERE "
                        + where(table, keys.get(0)));
                s.executeUpdate("DELETE FROM faithful_wide WHERE " + where(table, keys.get(1)));
                s.execute("CREATE TEMPORARY TABLE moved AS SELECT * FROM faithful_wide WHERE " + where(table, keys.get(2)));
                s.executeUpdate("UPDATE moved SET interval_start = interval_start - INTERVAL '30 days'");
                s.executeUpdate("INSERT INTO faithful_wide SELECT * FROM moved");
            }
            TableReconciliation.Result damaged = TableReconciliation.reconcile(db, table);
            assertEquals(1, damaged.different(), damaged.toString());
            assertEquals(1, damaged.missing(), damaged.toString());
            assertEquals(1, damaged.extra(), damaged.toString());
        }
    }

    @Test
    void aValueWhereTheTruthHasNoneAndAMissingColumnAreDifferences() throws Exception {
        ExpectedTable expected = GroundTruthRows.table(sim, "queues", RepoFiles.queueReportBody(),
                Instant.parse("2026-03-10T00:00:00Z"), NOW, true);
        try (Connection db = warehouse.connect()) {
            write(db, "faithful_long", expected);
            ExpectedTable table = rename(expected, "faithful_long");
            assertTrue(TableReconciliation.reconcile(db, table).clean());
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE faithful_long SET max = 1 WHERE " + where(table, keys(table).get(0)));
            }
            TableReconciliation.Result oneValue = TableReconciliation.reconcile(db, table);
            assertEquals(1, oneValue.different(), oneValue.toString());
            try (Statement s = db.createStatement()) {
                s.executeUpdate("ALTER TABLE faithful_long DROP COLUMN sum");
            }
            TableReconciliation.Result noColumn = TableReconciliation.reconcile(db, table);
            long withSum = expected.rows().values().stream().filter(row -> row.containsKey("sum")).count();
            assertEquals(withSum + 1, noColumn.different(), "the rows with a sum, and the one with a max: " + noColumn);
            assertTrue(noColumn.samples().contains("no column sum"), noColumn.toString());
        }
    }

    private static List<List<String>> keys(ExpectedTable table) {
        return table.rows().keySet().stream().filter(k -> k.contains("nOffered")).toList();
    }

    /** The SQL condition that selects the row of {@code key}. */
    private static String where(ExpectedTable table, List<String> key) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            String column = table.keyColumns().get(i);
            terms.add(column.startsWith("interval_")
                    ? "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000 AS bigint) = " + key.get(i)
                    : column + " = '" + key.get(i).replace("'", "''") + "'");
        }
        return String.join(" AND ", terms);
    }

    private static ExpectedTable rename(ExpectedTable expected, String table) {
        return new ExpectedTable(table, expected.keyColumns(), expected.rows(), expected.ignored(), expected.approximate());
    }

    /** The expected rows as a table of their own, every column typed by its values. */
    private static void write(Connection db, String table, ExpectedTable expected) throws SQLException {
        Map<String, String> types = new TreeMap<>();
        for (Map<String, Object> row : expected.rows().values()) {
            row.forEach((column, value) -> types.putIfAbsent(column, value instanceof String ? "text"
                    : column.startsWith("interval_") ? "timestamp"
                    : value instanceof Long ? "bigint" : "double precision"));
        }
        types.put("revision", "integer");
        List<String> columns = new ArrayList<>(types.keySet());
        List<String> definitions = new ArrayList<>();
        types.forEach((column, type) -> definitions.add(column + " " + type));
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + String.join(", ", definitions) + ")");
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (PreparedStatement statement = db.prepareStatement(insert)) {
            for (Map<String, Object> row : expected.rows().values()) {
                Map<String, Object> values = new LinkedHashMap<>(row);
                values.put("revision", 0);
                for (int i = 0; i < columns.size(); i++) {
                    Object value = values.get(columns.get(i));
                    if (columns.get(i).startsWith("interval_") && value != null) {
                        value = Timestamp.valueOf(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value),
                                ZoneOffset.UTC));
                    }
                    statement.setObject(i + 1, value);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
