package io.kcg.genesys.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.kcg.genesys.cli.ConnectorConfigFile;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the registered schemas evolve when a user edits a query, decided by Avro's own SchemaCompatibility (the check a
 * schema registry runs). BACKWARD: consumers on the new schema read records written with the old one; FORWARD: the
 * other way round; both: FULL.
 */
class SchemaEvolutionTest {
    private static final String BASE = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tHandle\",\"tAbandon\"]}";

    private static ConnectorSchemas.TopicSchemas wide(String name, String body, boolean kpis) {
        QueryDefinition query = ConnectToAvroTest.query(name, body);
        return ConnectorSchemas.of(query, OutputFormat.WIDE, kpis);
    }

    private static Schema avro(org.apache.kafka.connect.data.Schema connect) {
        return new AvroData(10).fromConnectSchema(connect);
    }

    /** The result of reading data written with {@code writer} by a consumer on {@code reader}. */
    private static SchemaCompatibility.SchemaPairCompatibility read(org.apache.kafka.connect.data.Schema reader,
                                                                     org.apache.kafka.connect.data.Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(avro(reader), avro(writer));
    }

    private static void assertFull(ConnectorSchemas.TopicSchemas before, ConnectorSchemas.TopicSchemas after) {
        for (boolean key : new boolean[] {true, false}) {
            org.apache.kafka.connect.data.Schema old = key ? before.key() : before.value();
            org.apache.kafka.connect.data.Schema now = key ? after.key() : after.value();
            String what = key ? "key" : "value";
            assertEquals(SchemaCompatibilityType.COMPATIBLE, read(now, old).getType(), what + " BACKWARD: "
                    + read(now, old).getResult().getIncompatibilities());
            assertEquals(SchemaCompatibilityType.COMPATIBLE, read(old, now).getType(), what + " FORWARD: "
                    + read(old, now).getResult().getIncompatibilities());
        }
    }

    @Test
    void addingAMetricKeepsValueAndKeyCompatible() {
        ConnectorSchemas.TopicSchemas before = wide("queues", BASE, true);
        ConnectorSchemas.TopicSchemas after = wide("queues", BASE.replace("\"tAbandon\"", "\"tAbandon\",\"tTalk\""), true);
        assertTrue(after.value().fields().size() > before.value().fields().size(), "the metric added fields");
        assertEquals(before.key(), after.key(), "a metric does not touch the key");
        assertFull(before, after);
    }

    @Test
    void addingADimensionKeepsValueAndKeyCompatible() {
        ConnectorSchemas.TopicSchemas before = wide("queues", BASE, false);
        ConnectorSchemas.TopicSchemas after = wide("queues", BASE.replace("[\"queueId\"]", "[\"queueId\",\"direction\"]"),
                false);
        assertTrue(after.key().field("direction") != null, "the dimension is in the key");
        assertFull(before, after);
    }

    /** The long format's dimension fields have defaults too, so long queries with other dimensions can share a topic. */
    @Test
    void longFormatQueriesWithOtherDimensionsStayCompatible() {
        ConnectorSchemas.TopicSchemas queues = ConnectorSchemas.of(ConnectToAvroTest.query("queues", BASE), OutputFormat.LONG,
                false);
        ConnectorSchemas.TopicSchemas agents = ConnectorSchemas.of(ConnectToAvroTest.query("agents",
                "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],\"metrics\":[\"tHandle\"]}"),
                OutputFormat.LONG, false);
        assertEquals(queues.value().name(), agents.value().name(), "one record name for every long query");
        assertTrue(agents.key().field("user_id") != null && queues.key().field("user_id") == null);
        assertFull(queues, agents);
    }

    /**
     * Record contract v2 (snake_case names, string keys, JSON text instead of maps) against the 0.1 schemas as they
     * were registered: a registry refuses the switch in both directions, which is why docs/records.md says to move
     * to new topics, or to set the subjects' compatibility to NONE for the switch.
     */
    @Test
    void contractV2IsIncompatibleWithTheCamelCaseRecordsOf01() throws IOException {
        GenesysSourceConfig config = new GenesysSourceConfig(ConnectorConfigFile.read(
                SchemaCatalog.repoRoot().resolve("config/queue-report-30m.json")));
        ConnectorSchemas.TopicSchemas v2 = ConnectorSchemas.of(config).get(0);
        Schema v1Key = v1("queue-report-30m/queues30m/key.avsc");
        Schema v1Value = v1("queue-report-30m/queues30m/value.avsc");
        assertEquals(v1Value.getFullName(), avro(v2.value()).getFullName(), "the record keeps its name");
        assertIncompatible(SchemaCompatibility.checkReaderWriterCompatibility(avro(v2.value()), v1Value),
                SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
        assertIncompatible(SchemaCompatibility.checkReaderWriterCompatibility(v1Value, avro(v2.value())),
                SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
        assertIncompatible(SchemaCompatibility.checkReaderWriterCompatibility(avro(v2.key()), v1Key),
                SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
        Schema v1Heartbeat = v1("heartbeat/value.avsc");
        assertIncompatible(SchemaCompatibility.checkReaderWriterCompatibility(avro(ConnectorSchemas.heartbeats("h").value()),
                v1Heartbeat), SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
        Schema v1Long = v1("long/value.avsc");
        ConnectorSchemas.TopicSchemas longV2 = ConnectorSchemas.of(config.queries().get(0), OutputFormat.LONG, false);
        assertIncompatible(SchemaCompatibility.checkReaderWriterCompatibility(avro(longV2.value()), v1Long),
                SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE);
    }

    /** A 0.1 schema as the registry holds it (saved from schemas/ before contract v2). */
    private static Schema v1(String path) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/v1/" + path)) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void turningDerivedKpisOnKeepsTheValueCompatible() {
        ConnectorSchemas.TopicSchemas before = wide("queues", BASE, false);
        ConnectorSchemas.TopicSchemas after = wide("queues", BASE, true);
        assertTrue(after.value().field("avg_handle_ms") != null && after.value().field("abandon_rate") != null);
        assertFull(before, after);
    }

    /**
     * Dropping a dimension only drops optional fields, so the registry accepts it (Avro calls it compatible both
     * ways), yet it is a breaking change: the same Genesys group now has another key, records with the old keys stay
     * in compacted topics and upserting sinks forever, and the remaining rows aggregate what several rows held before.
     * The registry cannot catch it, and validate() cannot either (it never sees the previous config): docs/records.md says
     * to treat it as a new query (new name and topic).
     */
    @Test
    void removingADimensionFromTheKeyPassesTheRegistryButChangesWhatAKeyMeans() {
        ConnectorSchemas.TopicSchemas before = wide("queues", BASE.replace("[\"queueId\"]", "[\"queueId\",\"direction\"]"),
                false);
        ConnectorSchemas.TopicSchemas after = wide("queues", BASE, false);
        assertFull(before, after);
        assertTrue(before.key().field("direction") != null && after.key().field("direction") == null);
    }

    @Test
    void renamingAQueryOrSwitchingTheFormatIsIncompatible() {
        ConnectorSchemas.TopicSchemas before = wide("queues", BASE, true);
        ConnectorSchemas.TopicSchemas renamed = wide("queueReport", BASE, true);
        assertIncompatible(read(renamed.value(), before.value()), SchemaIncompatibilityType.NAME_MISMATCH);
        assertIncompatible(read(renamed.key(), before.key()), SchemaIncompatibilityType.NAME_MISMATCH);

        ConnectorSchemas.TopicSchemas longFormat = ConnectorSchemas.of(ConnectToAvroTest.query("queues", BASE),
                OutputFormat.LONG, true);
        assertIncompatible(read(longFormat.value(), before.value()), SchemaIncompatibilityType.NAME_MISMATCH);
    }

    /**
     * Two wide queries on one topic put two record types in one subject under TopicNameStrategy: the registry
     * refuses the second. Such a topic needs RecordNameStrategy (one subject per record name) or the long format.
     */
    @Test
    void twoWideQueriesOnOneTopicAreIncompatibleUnderOneSubject() {
        ConnectorSchemas.TopicSchemas queues = wide("queues", BASE, true);
        ConnectorSchemas.TopicSchemas agents = wide("agents", "{\"granularity\":\"PT30M\",\"groupBy\":[\"userId\"],"
                + "\"metrics\":[\"tHandle\"]}", true);
        assertIncompatible(read(agents.value(), queues.value()), SchemaIncompatibilityType.NAME_MISMATCH);
        assertIncompatible(read(agents.key(), queues.key()), SchemaIncompatibilityType.NAME_MISMATCH);
    }

    private static void assertIncompatible(SchemaCompatibility.SchemaPairCompatibility result,
                                           SchemaIncompatibilityType expected) {
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, result.getType());
        List<SchemaIncompatibilityType> types = result.getResult().getIncompatibilities().stream()
                .map(SchemaCompatibility.Incompatibility::getType).toList();
        assertTrue(types.contains(expected), types.toString());
    }
}
