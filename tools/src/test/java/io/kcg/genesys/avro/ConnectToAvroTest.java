package io.kcg.genesys.avro;

import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line tool's own translator says exactly what Confluent's/Apicurio's AvroData says. */
class ConnectToAvroTest {
    static QueryDefinition query(String name, String body) {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of(name),
                Map.of("query." + name + ".body", body));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    private static void assertSameAsAvroData(String what, Schema schema) {
        assertEquals(SchemaCatalog.avroDataText(schema), ConnectToAvro.schema(schema).toString(true) + "\n", what);
    }

    @Test
    void everySchemaOfSchemasDirectoryTranslatesExactlyAsAvroDataDoes() {
        Map<String, Schema> catalog = SchemaCatalog.expected();
        catalog.forEach((file, schema) -> assertSameAsAvroData("schemas/" + file, schema));
        assertTrue(catalog.size() >= 8, catalog.keySet().toString());
    }

    @Test
    void otherQueryShapesTranslateAsAvroDataDoes() {
        List<QueryDefinition> queries = List.of(
                query("noDims", "{\"metrics\":[\"nOffered\"]}"),
                query("2nd-report", "{\"granularity\":\"P1D\",\"timeZone\":\"Europe/Paris\",\"groupBy\":[\"queueId\","
                        + "\"direction\",\"userId\"],\"metrics\":[\"oServiceTarget\",\"tAgentRoutingStatus\","
                        + "\"nOverSla\",\"oMessageTurn\"],\"views\":[{\"name\":\"long-calls 2\",\"target\":\"tHandle\","
                        + "\"function\":\"rangeBound\",\"range\":{\"gte\":600000}}]}"),
                query("kpis", "{\"metrics\":[\"tHandle\",\"tTalk\",\"tHeld\",\"tAcw\",\"tAnswered\",\"tAbandon\","
                        + "\"nOffered\",\"oServiceLevel\"]}"));
        for (QueryDefinition query : queries) {
            for (boolean kpis : new boolean[] {false, true}) {
                ConnectorSchemas.TopicSchemas schemas = ConnectorSchemas.of(query, OutputFormat.WIDE, kpis);
                assertSameAsAvroData(query.name() + " key", schemas.key());
                assertSameAsAvroData(query.name() + " value, KPIs " + kpis, schemas.value());
            }
        }
    }

    @Test
    void primitivesDefaultsAndOptionalsTranslateAsAvroDataDoes() {
        Schema schema = SchemaBuilder.struct().name("a.b.C").doc("doc")
                .field("flag", SchemaBuilder.bool().defaultValue(true).build())
                .field("f32", SchemaBuilder.float32().optional().build())
                .field("text", SchemaBuilder.string().defaultValue("x").doc("d").build())
                .field("count", SchemaBuilder.int64().defaultValue(5L).build())
                .field("nested", SchemaBuilder.struct().name("a.b.D").optional()
                        .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).build())
                        .build())
                .build();
        assertSameAsAvroData("primitives", schema);
    }

    @Test
    void typesTheConnectorNeverEmitsAreRefusedNotGuessed() {
        List<Schema> unsupported = List.of(
                SchemaBuilder.struct().field("x", Schema.STRING_SCHEMA).build(), // unnamed struct
                SchemaBuilder.struct().name("a.B").field("x", Schema.INT8_SCHEMA).build(),
                SchemaBuilder.struct().name("a.B").field("x", Schema.BYTES_SCHEMA).build(),
                SchemaBuilder.struct().name("a.B").field("x", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build(),
                SchemaBuilder.struct().name("a.B").field("x", Decimal.schema(2)).build(),
                SchemaBuilder.struct().name("a.B").field("x", Date.SCHEMA).build(),
                SchemaBuilder.struct().name("a.B").field("x",
                        SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build()).build(),
                SchemaBuilder.struct().name("a.B").field("x",
                        SchemaBuilder.string().optional().defaultValue("y").build()).build());
        for (Schema schema : unsupported) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectToAvro.schema(schema),
                    schema.fields().toString());
            assertTrue(e.getMessage().contains("extend ConnectToAvro"), e.getMessage());
        }
    }
}
