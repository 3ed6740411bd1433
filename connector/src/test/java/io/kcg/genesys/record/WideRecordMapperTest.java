package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Stat;
import io.kcg.genesys.parse.Stats;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WideRecordMapperTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T10:30:00Z");
    private static final Map<String, String> GROUP = Map.of("queueId", "q-1", "mediaType", "voice");

    static QueryDefinition query(String body) {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("queues"), Map.of("query.queues.body", body));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    private static final QueryDefinition QUERY = query("{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tHandle\",\"tAbandon\",\"oServiceLevel\",\"oServiceTarget\"]}");

    private static AggregateRow row(Map<String, String> group, String metric, String qualifier, Stats stats) {
        return new AggregateRow(group, T0, T1, metric, qualifier, stats);
    }

    @Test
    void oneRecordPerBucketAndGroupWithAFieldPerMetricAndStat() {
        List<MappedRecord> records = new WideRecordMapper(QUERY, true).map(List.of(
                row(GROUP, "nOffered", null, new Stats().setLong(Stat.COUNT, 10)),
                row(GROUP, "tHandle", null, new Stats().setLong(Stat.COUNT, 4).setDouble(Stat.SUM, 1000.0)
                        .setDouble(Stat.MAX, 400.0)),
                row(GROUP, "tAbandon", null, new Stats().setLong(Stat.COUNT, 2).setDouble(Stat.SUM, 50.0)),
                row(GROUP, "oServiceLevel", null, new Stats().setDouble(Stat.NUMERATOR, 3).setDouble(Stat.DENOMINATOR, 4)
                        .setDouble(Stat.RATIO, 0.75).setDouble(Stat.TARGET, 0.8))));
        assertEquals(1, records.size());
        Struct value = records.get(0).value();
        value.validate();
        assertEquals("queues", value.get("query"));
        assertEquals(Date.from(T0), value.get("intervalStart"));
        assertEquals("PT30M", value.get("granularity"));
        assertEquals("q-1", value.get("queueId"));
        assertEquals("voice", value.get("mediaType"));
        assertEquals(10L, value.get("nOffered_count"));
        assertEquals(4L, value.get("tHandle_count"));
        assertEquals(1000.0, value.get("tHandle_sum"));
        assertNull(value.get("tHandle_min"), "a stat Genesys omitted stays null");
        assertEquals(250.0, value.get("avgHandleMs"));
        assertEquals(0.2, value.get("abandonRate"));
        assertEquals(0.75, value.get("serviceLevel"));
        assertNull(value.get("oServiceTarget_current"));
        assertNull(value.get("extraMetrics"));
        assertEquals(0, value.get("revision"));

        Struct key = records.get(0).key();
        key.validate();
        assertEquals("q-1", key.get("queueId"));
        assertEquals("voice", key.get("mediaType"));
        assertNull(key.get("extraGroup"));
    }

    @Test
    void keysAreDeterministicAndDifferPerGroupAndBucket() {
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        Stats one = new Stats().setLong(Stat.COUNT, 1);
        Map<String, String> chat = Map.of("queueId", "q-1", "mediaType", "chat");
        List<MappedRecord> first = mapper.map(List.of(row(GROUP, "nOffered", null, one), row(chat, "nOffered", null, one)));
        List<MappedRecord> again = mapper.map(List.of(row(GROUP, "nOffered", null, one), row(chat, "nOffered", null, one)));
        assertEquals(2, first.size());
        assertEquals(first.get(0).key(), again.get(0).key());
        assertTrue(!first.get(0).key().equals(first.get(1).key()));
    }

    @Test
    void unaskedDimensionsQualifiersAndUnexpectedStatsAreKeptNotDropped() {
        Map<String, String> group = Map.of("queueId", "q-1", "mediaType", "voice", "direction", "inbound");
        List<MappedRecord> records = new WideRecordMapper(QUERY, false).map(List.of(
                row(group, "nOffered", null, new Stats().setLong(Stat.COUNT, 3).setDouble(Stat.SUM, 9.0)),
                row(group, "tAgentRoutingStatus", "IDLE", new Stats().setDouble(Stat.SUM, 5000.0))));
        Struct key = records.get(0).key();
        assertEquals(Map.of("direction", "inbound"), key.get("extraGroup"));
        Struct value = records.get(0).value();
        assertEquals("inbound", ((Map<?, ?>) value.get("group")).get("direction"));
        Map<?, ?> extra = (Map<?, ?>) value.get("extraMetrics");
        assertNotNull(extra);
        assertEquals(5000.0, ((Struct) extra.get("tAgentRoutingStatus_IDLE")).get("sum"));
        assertEquals(9.0, ((Struct) extra.get("nOffered")).get("sum"), "a stat outside the metric's fields");
        assertEquals(3L, value.get("nOffered_count"));
        assertNull(value.schema().field("avgHandleMs"), "KPIs off: no KPI fields");
    }

    @Test
    void schemaIsNamedDocumentedAndOptionalWhereDataMayBeAbsent() {
        Schema schema = new WideRecordMapper(QUERY, true).valueSchema();
        assertEquals("io.kcg.genesys.wide.Queues", schema.name());
        schema.fields().forEach(f -> assertNotNull(f.schema().doc(), "doc of " + f.name()));
        assertEquals(Timestamp.LOGICAL_NAME, schema.field("intervalStart").schema().name());
        assertEquals(Schema.Type.INT64, schema.field("nOffered_count").schema().type());
        assertEquals(Schema.Type.FLOAT64, schema.field("tHandle_sum").schema().type());
        assertTrue(schema.field("tHandle_sum").schema().isOptional());
        assertEquals(schema, new WideRecordMapper(QUERY, true).valueSchema(), "same config, same schema");
    }

    @Test
    void viewNamesThatAvroRejectsAreSanitizedAndCollisionsRejected() {
        QueryDefinition withView = query("{\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"long-calls 2\","
                + "\"target\":\"tHandle\",\"function\":\"rangeBound\",\"range\":{\"gte\":600000}}]}");
        Schema schema = new WideRecordMapper(withView, false).valueSchema();
        assertNotNull(schema.field("long_calls_2_count"));
        // A view named like a metric, whose fields would clash, is refused by the config already.
        Map<String, List<String>> errors = QueryDefinitionParser.parse(List.of("queues"), Map.of("query.queues.body",
                "{\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"tHandle\",\"target\":\"tHandle\","
                        + "\"function\":\"rangeBound\",\"range\":{\"lt\":1}}]}")).errors();
        assertTrue(errors.get("query.queues.body").get(0).contains("must not be a metric's"), errors.toString());
    }
}
