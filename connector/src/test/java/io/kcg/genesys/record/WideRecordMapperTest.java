package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.parse.MalformedResponseException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kcg.genesys.record.Bodies.BUCKET_1;
import static io.kcg.genesys.record.Bodies.BUCKET_2;
import static io.kcg.genesys.record.Bodies.bucket;
import static io.kcg.genesys.record.Bodies.metric;
import static io.kcg.genesys.record.Bodies.read;
import static io.kcg.genesys.record.Bodies.response;
import static io.kcg.genesys.record.Bodies.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wide format of record contract v2 (docs/records.md), from response bodies through the one mapping path. */
class WideRecordMapperTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T10:30:00Z");
    private static final String VOICE_Q1 = "{\"queueId\":\"q-1\",\"mediaType\":\"voice\"}";

    static final QueryDefinition QUERY = Bodies.query("{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tHandle\",\"tAbandon\",\"oServiceLevel\",\"oServiceTarget\"]}");

    private static void assertValid(List<MappedRecord> records) {
        for (MappedRecord record : records) {
            record.key().validate();
            record.value().validate();
            for (Field field : record.key().schema().fields()) {
                assertNotNull(record.key().get(field), "key field " + field.name() + " is never null");
            }
        }
    }

    @Test
    void oneRecordPerBucketAndGroupWithASnakeCaseFieldPerMetricAndStat() {
        List<MappedRecord> records = read(new WideRecordMapper(QUERY, true), response(result(VOICE_Q1, bucket(BUCKET_1,
                metric("nOffered", "{\"count\":10}"),
                metric("tHandle", "{\"count\":4,\"sum\":1000.0,\"max\":400}"),
                metric("tAbandon", "{\"count\":2,\"sum\":50}"),
                metric("oServiceLevel", "{\"numerator\":3,\"denominator\":4,\"ratio\":0.75,\"target\":0.8}")))));
        assertEquals(1, records.size());
        assertValid(records);
        assertEquals(T0, records.get(0).bucketStart());
        assertEquals(T1, records.get(0).bucketEnd());

        Struct value = records.get(0).value();
        assertEquals("queues", value.get("query_name"));
        assertEquals(Date.from(T0), value.get("interval_start"));
        assertEquals(Date.from(T1), value.get("interval_end"));
        assertEquals("PT30M", value.get("granularity"));
        assertEquals("q-1", value.get("queue_id"));
        assertEquals("voice", value.get("media_type"));
        assertEquals("{}", value.get("group_extra"));
        assertEquals(10L, value.get("n_offered_count"));
        assertEquals(4L, value.get("t_handle_count"));
        assertEquals(1000.0, value.get("t_handle_sum"));
        assertEquals(400.0, value.get("t_handle_max"));
        assertNull(value.get("t_handle_min"), "a stat Genesys omitted stays null");
        assertEquals(0.75, value.get("o_service_level_ratio"));
        assertEquals(3.0, value.get("o_service_level_numerator"));
        assertEquals(250.0, value.get("avg_handle_ms"));
        assertEquals(0.2, value.get("abandon_rate"));
        assertEquals(0.75, value.get("service_level"));
        assertNull(value.get("o_service_target_current"));
        assertNull(value.get("metrics_extra"), "null when everything has a field");
        assertEquals(0, value.get("revision"));

        Struct key = records.get(0).key();
        assertEquals(List.of("query_name", "interval_start", "queue_id", "media_type", "group_extra"),
                key.schema().fields().stream().map(Field::name).toList());
        assertEquals("queues", key.get("query_name"));
        assertEquals("q-1", key.get("queue_id"));
        assertEquals("voice", key.get("media_type"));
        assertEquals("{}", key.get("group_extra"));
    }

    @Test
    void kpisReadTheirInputsAndAreNullWithoutThem() {
        List<MappedRecord> records = read(new WideRecordMapper(QUERY, true), response(result(VOICE_Q1,
                bucket(BUCKET_1, metric("oServiceLevel", "{\"ratio\":0.9}"), metric("tHandle", "{\"count\":0,\"sum\":0}")),
                bucket(BUCKET_2, metric("nOffered", "{\"count\":4}")))));
        Struct first = records.get(0).value();
        assertEquals(0.9, first.get("service_level"), "the ratio when numerator and denominator are absent");
        assertNull(first.get("avg_handle_ms"), "a count of 0");
        assertNull(first.get("abandon_rate"), "no nOffered count");
        assertEquals(0.0, records.get(1).value().get("abandon_rate"), "offered, none abandoned");
    }

    @Test
    void anAbsentDimensionIsADashAndUnaskedEntriesGoToGroupExtraSorted() {
        List<MappedRecord> records = read(new WideRecordMapper(QUERY, false), response(
                result("{\"mediaType\":\"voice\"}", bucket(BUCKET_1, metric("nOffered", "{\"count\":1}"))),
                result("{\"queueId\":\"q-1\",\"wrapUpCode\":\"w-9\",\"mediaType\":\"voice\",\"direction\":\"inbound\"}",
                        bucket(BUCKET_1, metric("nOffered", "{\"count\":2}"))),
                result("{\"queueId\":\"-\",\"mediaType\":\"voice\"}", bucket(BUCKET_1, metric("nOffered", "{\"count\":3}"))),
                result(null, bucket(BUCKET_1, metric("nOffered", "{\"count\":4}")))));
        assertEquals(4, records.size());
        assertValid(records);
        Struct noQueue = records.get(0).key();
        assertEquals("-", noQueue.get("queue_id"));
        assertEquals("voice", noQueue.get("media_type"));
        assertEquals("{}", noQueue.get("group_extra"));

        Struct extra = records.get(1).key();
        assertEquals("q-1", extra.get("queue_id"));
        assertEquals("{\"direction\":\"inbound\",\"wrapUpCode\":\"w-9\"}", extra.get("group_extra"), "keys sorted");
        assertEquals(extra.get("group_extra"), records.get(1).value().get("group_extra"));

        Struct literalDash = records.get(2).key();
        assertEquals("-", literalDash.get("queue_id"));
        assertEquals("{\"queueId\":\"-\"}", literalDash.get("group_extra"),
                "a value that is literally '-' is listed, so it never shares the key of an absent dimension");
        assertNotEquals(noQueue, literalDash);

        Struct noGroup = records.get(3).key();
        assertEquals("-", noGroup.get("queue_id"));
        assertEquals("-", noGroup.get("media_type"));
    }

    @Test
    void qualifiedUnlistedAndFieldlessStatsGoToMetricsExtraAsGenesysSentThem() {
        List<MappedRecord> records = read(new WideRecordMapper(QUERY, false), response(result(VOICE_Q1, bucket(BUCKET_1,
                metric("tHandle", "{\"count\":1,\"sum\":5,\"p95\":5}"),
                metric("nOffered", "callback", "{\"count\":2}"),
                metric("nOffered", "{\"count\":3,\"sum\":9.5}"),
                metric("nBlindTransferred", "{\"count\":7}")))));
        Struct value = records.get(0).value();
        assertEquals(3L, value.get("n_offered_count"));
        assertEquals(1L, value.get("t_handle_count"));
        assertEquals("[{\"metric\":\"nBlindTransferred\",\"stats\":{\"count\":7}},"
                        + "{\"metric\":\"nOffered\",\"stats\":{\"sum\":9.5}},"
                        + "{\"metric\":\"nOffered\",\"qualifier\":\"callback\",\"stats\":{\"count\":2}},"
                        + "{\"metric\":\"tHandle\",\"stats\":{\"p95\":5}}]",
                value.get("metrics_extra"), "sorted by metric and qualifier, only what has no field");
        assertNull(value.schema().field("avg_handle_ms"), "KPIs off: no KPI fields");
    }

    @Test
    void documentedQualifiersOfUserAggregatesGetFieldsTheOpenEndedOnesGoToMetricsExtra() {
        QueryDefinition users = Bodies.query("agents", "users", "{\"granularity\":\"PT30M\",\"groupBy\":[\"userId\"],"
                + "\"metrics\":[\"tSystemPresence\",\"tAgentRoutingStatus\",\"tOrganizationPresence\"]}");
        WideRecordMapper mapper = new WideRecordMapper(users, true);
        Schema schema = mapper.valueSchema();
        assertNotNull(schema.field("t_system_presence_on_queue_sum"));
        assertNotNull(schema.field("t_system_presence_available_count"));
        assertNotNull(schema.field("t_agent_routing_status_not_responding_sum"));
        assertNull(schema.field("t_system_presence_sum"), "no unqualified fields for a metric that is always qualified");
        assertNull(schema.field("media_type"), "users groups have no mediaType");

        List<MappedRecord> records = read(mapper, "{\"systemToOrganizationMappings\":{\"ON_QUEUE\":[\"p-1\"]},"
                + "\"results\":[" + result("{\"userId\":\"u-1\"}", bucket(BUCKET_1,
                metric("tSystemPresence", "ON_QUEUE", "{\"sum\":1200000}"),
                metric("tSystemPresence", "SOME_NEW_PRESENCE", "{\"sum\":1}"),
                metric("tAgentRoutingStatus", "IDLE", "{\"sum\":600000}"),
                metric("tOrganizationPresence", "p-1", "{\"sum\":1200000}"))) + "]}");
        assertValid(records);
        Struct value = records.get(0).value();
        assertEquals("u-1", value.get("user_id"));
        assertEquals(1200000.0, value.get("t_system_presence_on_queue_sum"));
        assertEquals(600000.0, value.get("t_agent_routing_status_idle_sum"));
        assertEquals("[{\"metric\":\"tOrganizationPresence\",\"qualifier\":\"p-1\",\"stats\":{\"sum\":1200000.0}},"
                + "{\"metric\":\"tSystemPresence\",\"qualifier\":\"SOME_NEW_PRESENCE\",\"stats\":{\"sum\":1.0}}]",
                value.get("metrics_extra"));
    }

    @Test
    void keysAreDeterministicAndDifferPerGroupAndBucket() {
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        String body = response(
                result(VOICE_Q1, bucket(BUCKET_1, metric("nOffered", "{\"count\":1}")),
                        bucket(BUCKET_2, metric("nOffered", "{\"count\":1}"))),
                result("{\"queueId\":\"q-1\",\"mediaType\":\"chat\"}", bucket(BUCKET_1, metric("nOffered", "{\"count\":1}"))));
        List<MappedRecord> first = read(mapper, body);
        List<MappedRecord> again = read(mapper, body);
        assertEquals(3, first.size());
        assertEquals(first, again);
        assertNotEquals(first.get(0).key(), first.get(1).key());
        assertNotEquals(first.get(0).key(), first.get(2).key());
    }

    @Test
    void repeatedGroupsAndRowsHeldBackBeforeTheirGroupJoinTheirRecord() {
        String body = response(
                // data before group: the parser holds the rows back until it knows the group
                "{\"data\":[{\"metrics\":[{\"stats\":{\"count\":3,\"sum\":900},\"metric\":\"tHandle\"},"
                        + "{\"metric\":\"nOffered\",\"stats\":{\"count\":2}}],\"interval\":\"" + BUCKET_1 + "\"}],"
                        + "\"group\":" + VOICE_Q1 + "}",
                // the same group again (entries in another order): its metrics join the first record
                result("{\"mediaType\":\"voice\",\"queueId\":\"q-1\"}", bucket(BUCKET_1,
                        metric("tAbandon", "{\"count\":1,\"sum\":20}"))),
                result("{\"queueId\":\"q-2\"}", "{\"interval\":\"" + BUCKET_2 + "\","
                        + "\"views\":[{\"name\":\"slowAnswers\",\"stats\":{\"count\":1}}],"
                        + "\"metrics\":[{\"metric\":\"oServiceTarget\",\"stats\":{\"current\":0.8}}]}"));
        List<MappedRecord> records = read(new WideRecordMapper(QUERY, true), body);
        assertEquals(2, records.size());
        assertValid(records);
        Struct first = records.get(0).value();
        assertEquals(3L, first.get("t_handle_count"));
        assertEquals(2L, first.get("n_offered_count"));
        assertEquals(1L, first.get("t_abandon_count"));
        assertEquals(300.0, first.get("avg_handle_ms"));
        assertEquals(0.5, first.get("abandon_rate"), "KPIs see metrics of every result of the group");
        Struct second = records.get(1).value();
        assertEquals(0.8, second.get("o_service_target_current"));
        assertEquals("[{\"metric\":\"slowAnswers\",\"stats\":{\"count\":1}}]", second.get("metrics_extra"),
                "a view the query did not ask for is kept");
    }

    @Test
    void aBodyThatFailsHalfWayGivesNoRecords() {
        byte[] body = response(result(VOICE_Q1, bucket(BUCKET_1, metric("nOffered", "{\"count\":1}")),
                bucket(BUCKET_2, metric("nOffered", "{\"count\":2.5}")))).getBytes(StandardCharsets.UTF_8);
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        List<MappedRecord> got = new ArrayList<>();
        assertThrows(MalformedResponseException.class, () -> got.addAll(mapper.read(new ByteArrayInputStream(body))));
        assertTrue(got.isEmpty());
    }

    @Test
    void theSavedExampleResponseGivesValidRecords() throws Exception {
        String body = Files.readString(Path.of("..", "examples", "queue-report-response.json"));
        QueryDefinition example = Bodies.query("{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":["
                + "\"nOffered\",\"nTransferred\",\"tHandle\",\"tAbandon\",\"tAnswered\",\"tTalk\",\"tHeld\",\"tAcw\","
                + "\"oServiceLevel\",\"oServiceTarget\"]}");
        List<MappedRecord> records = read(new WideRecordMapper(example, true), body);
        assertTrue(records.size() > 10, "the example has buckets: " + records.size());
        assertValid(records);
        assertNotNull(records.get(0).value().get("avg_handle_ms"));
    }

    @Test
    void oneMapperServesTwoThreadsAtOnce() throws Exception {
        String body = Files.readString(Path.of("..", "examples", "queue-report-response.json"));
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        List<MappedRecord> alone = read(mapper, body);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<MappedRecord>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<List<MappedRecord>> call = () -> read(mapper, body);
                results.add(pool.submit(call));
            }
            for (Future<List<MappedRecord>> result : results) {
                assertEquals(alone, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void schemaIsNamedDocumentedFlatAndKeyFieldsAreRequired() {
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        Schema value = mapper.valueSchema();
        assertEquals("io.kcg.genesys.wide.Queues", value.name());
        assertEquals("io.kcg.genesys.wide.QueuesKey", mapper.keySchema().name());
        for (Field field : value.fields()) {
            assertNotNull(field.schema().doc(), "doc of " + field.name());
            assertTrue(field.schema().type().isPrimitive(), "no maps or structs: " + field.name());
            assertEquals(field.name(), field.name().toLowerCase(java.util.Locale.ROOT), "snake_case: " + field.name());
        }
        for (Field field : mapper.keySchema().fields()) {
            assertFalse(field.schema().isOptional(), "key field " + field.name() + " is required");
        }
        assertEquals(Timestamp.LOGICAL_NAME, value.field("interval_start").schema().name());
        assertEquals(Schema.Type.INT64, value.field("n_offered_count").schema().type());
        assertEquals(Schema.Type.FLOAT64, value.field("t_handle_sum").schema().type());
        assertTrue(value.field("t_handle_sum").schema().isOptional());
        assertEquals("-", value.field("queue_id").schema().defaultValue(), "a registry can add a dimension");
        assertEquals(value, new WideRecordMapper(QUERY, true).valueSchema(), "same config, same schema");
    }

    @Test
    void viewNamesBecomeSnakeCaseAndCollisionsAreRejected() {
        QueryDefinition withView = Bodies.query("{\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"long-calls 2\","
                + "\"target\":\"tHandle\",\"function\":\"rangeBound\",\"range\":{\"gte\":600000}}]}");
        assertNotNull(new WideRecordMapper(withView, false).valueSchema().field("long_calls_2_count"));
        QueryDefinition clash = Bodies.query("{\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"t_handle\","
                + "\"target\":\"tHandle\",\"function\":\"rangeBound\",\"range\":{\"lt\":1}}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WideSchema.of(clash, false));
        assertTrue(e.getMessage().contains("would be defined twice, by metric tHandle and by view t_handle"), e.getMessage());
        QueryDefinition fixedName = Bodies.query("{\"groupBy\":[\"groupExtra\"],\"metrics\":[\"tHandle\"]}");
        e = assertThrows(IllegalArgumentException.class, () -> WideSchema.of(fixedName, false));
        assertTrue(e.getMessage().contains("'group_extra' would be defined twice"), e.getMessage());
        // A view named like a metric, whose fields would clash, is refused by the config already.
        Map<String, List<String>> errors = QueryDefinitionParser.parse(List.of("queues"), Map.of("query.queues.body",
                "{\"metrics\":[\"tHandle\"],\"views\":[{\"name\":\"tHandle\",\"target\":\"tHandle\","
                        + "\"function\":\"rangeBound\",\"range\":{\"lt\":1}}]}")).errors();
        assertTrue(errors.get("query.queues.body").get(0).contains("must not be a metric's"), errors.toString());
    }
}
