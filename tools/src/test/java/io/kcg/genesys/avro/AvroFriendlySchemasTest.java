package io.kcg.genesys.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.AvroNames;
import io.kcg.genesys.record.FieldNames;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the records look like after the real Connect-to-Avro translation (AvroData, as in Confluent's AvroConverter):
 * named records in the connector's namespace, a doc on every field, optional fields that default to null, Timestamp
 * logical types for the interval bounds, and valid Avro names whatever a view or query is called.
 */
class AvroFriendlySchemasTest {
    private static final Set<String> TIMESTAMPS = Set.of("interval_start", "interval_end", "window_start", "window_end");

    @Test
    void everyRecordIsNamedDocumentedAndDefaultsItsOptionalFieldsToNull() {
        for (Map.Entry<String, org.apache.kafka.connect.data.Schema> entry : SchemaCatalog.expected().entrySet()) {
            Schema avro = new AvroData(10).fromConnectSchema(entry.getValue());
            List<String> problems = new ArrayList<>();
            checkRecord(avro, entry.getKey(), problems);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            // Avro's parser validates every name; the text the registry stores parses back to the same schema.
            assertEquals(avro, new Schema.Parser().parse(avro.toString()), entry.getKey());
        }
    }

    private static void checkRecord(Schema record, String where, List<String> problems) {
        if (record.getNamespace() == null || !record.getNamespace().startsWith("io.kcg.genesys")) {
            problems.add(where + ": record " + record.getFullName() + " outside namespace io.kcg.genesys");
        }
        for (Schema.Field field : record.getFields()) {
            String at = where + ": " + record.getName() + "." + field.name();
            boolean optional = field.schema().getType() == Schema.Type.UNION;
            if (!field.name().matches("[a-z_][a-z0-9_]*")) {
                problems.add(at + ": not lower snake_case");
            }
            Schema type = optional ? field.schema().getTypes().get(1) : field.schema();
            if (optional && (field.schema().getTypes().get(0).getType() != Schema.Type.NULL
                    || field.defaultVal() != JsonProperties.NULL_VALUE)) {
                problems.add(at + ": optional but not [null, T] with default null");
            }
            if (type.getProp(ConnectToAvro.CONNECT_DOC) == null) {
                problems.add(at + ": no doc");
            }
            if (TIMESTAMPS.contains(field.name()) && !(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
                problems.add(at + ": not timestamp-millis");
            }
            Schema nested = type.getType() == Schema.Type.MAP ? type.getValueType() : type;
            if (nested.getType() == Schema.Type.RECORD) {
                checkRecord(nested, where, problems);
            }
        }
    }

    @Test
    void namesAvroRejectsAreMappedToValidNames() {
        assertEquals("long_calls_2", FieldNames.of("long-calls 2"));
        assertEquals("_2nd", FieldNames.of("2nd"));
        assertEquals("_ber_5_min", FieldNames.of("Über 5 min"));
        assertEquals("a_b_c", FieldNames.of("a.b/c"));
        assertEquals("_", FieldNames.of(""));
        assertEquals("_2nd_report", AvroNames.recordName("2nd-report"));
        assertEquals("Queues30m", AvroNames.recordName("queues30m"));

        // Avro itself refuses the raw names: the mapping is what makes these queries usable with Avro at all.
        for (String raw : List.of("long-calls 2", "2nd", "Über 5 min")) {
            assertThrows(SchemaParseException.class, () -> new Schema.Field(raw, Schema.create(Schema.Type.LONG)),
                    raw);
        }

        QueryDefinition query = ConnectToAvroTest.query("2nd-report", "{\"groupBy\":[\"queueId\"],"
                + "\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"long-calls 2\",\"target\":\"tHandle\","
                + "\"function\":\"rangeBound\",\"range\":{\"gte\":600000}},{\"name\":\"Über 5 min\","
                + "\"target\":\"tHandle\",\"function\":\"rangeBound\",\"range\":{\"gte\":300000}}]}");
        ConnectorSchemas.TopicSchemas schemas = ConnectorSchemas.of(query, OutputFormat.WIDE, false);
        Schema value = new Schema.Parser().parse(new AvroData(10).fromConnectSchema(schemas.value()).toString());
        Schema key = new Schema.Parser().parse(new AvroData(10).fromConnectSchema(schemas.key()).toString());
        assertEquals("io.kcg.genesys.wide._2nd_report", value.getFullName());
        assertEquals("io.kcg.genesys.wide._2nd_reportKey", key.getFullName());
        assertNotNull(value.getField("long_calls_2_count"));
        assertNotNull(value.getField("_ber_5_min_sum"));
        assertTrue(value.getField("long_calls_2_count").schema().getTypes().get(1).getProp(ConnectToAvro.CONNECT_DOC)
                .contains("long-calls 2"), "the doc keeps the name as Genesys knows it");
    }
}
