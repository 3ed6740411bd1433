package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kcg.genesys.record.Bodies.BUCKET_1;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The long format of record contract v2: one record per bucket, group, metric and qualifier, with scalar keys. */
class LongRecordMapperTest {
    private static final QueryDefinition QUERY = Bodies.query("{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tHandle\",\"oServiceTarget\"]}");

    @Test
    void oneRecordPerMetricAndQualifierWithScalarNonNullKeys() {
        LongRecordMapper mapper = new LongRecordMapper(QUERY);
        List<MappedRecord> records = read(mapper, response(
                result("{\"queueId\":\"q-1\",\"mediaType\":\"voice\",\"direction\":\"inbound\"}", bucket(BUCKET_1,
                        metric("nOffered", "{\"count\":10}"),
                        metric("nOffered", "callback", "{\"count\":2}"),
                        metric("tHandle", "{\"count\":4,\"sum\":1000.0,\"calculatedMetricValue\":3}"),
                        metric("oServiceTarget", "{\"current\":0.8}"))),
                result("{\"mediaType\":\"chat\"}", bucket(BUCKET_1, metric("nOffered", "{\"count\":1}")))));
        assertEquals(5, records.size());
        for (MappedRecord record : records) {
            record.key().validate();
            record.value().validate();
            for (Field field : record.key().schema().fields()) {
                assertNotNull(record.key().get(field), field.name());
            }
        }
        Struct key = records.get(0).key();
        assertEquals(List.of("query_name", "interval_start", "queue_id", "media_type", "group_extra", "metric", "qualifier"),
                key.schema().fields().stream().map(Field::name).toList());
        assertEquals("q-1", key.get("queue_id"));
        assertEquals("{\"direction\":\"inbound\"}", key.get("group_extra"));
        assertEquals("nOffered", key.get("metric"), "Genesys's metric name verbatim");
        assertEquals("-", key.get("qualifier"));
        assertEquals("callback", records.get(1).key().get("qualifier"));
        assertNotEquals(records.get(0).key(), records.get(1).key());

        Struct handle = records.get(2).value();
        assertEquals(4L, handle.get("count"));
        assertEquals(1000.0, handle.get("sum"));
        assertNull(handle.get("max"));
        assertEquals(3L, handle.get("calculated_metric_value"), "no stat is dropped");
        assertEquals("PT30M", handle.get("granularity"));
        assertEquals(0, handle.get("revision"));
        assertEquals(0.8, records.get(3).value().get("current_value"), "current is a reserved word in several warehouses");

        Struct chat = records.get(4).key();
        assertEquals("-", chat.get("queue_id"));
        assertEquals("chat", chat.get("media_type"));
        assertEquals("{}", chat.get("group_extra"));
    }

    @Test
    void schemaIsFlatRequiredInTheKeyAndOptionalForStats() {
        LongRecordMapper mapper = new LongRecordMapper(QUERY);
        assertEquals(SchemaNames.LONG_KEY, mapper.keySchema().name());
        assertEquals(SchemaNames.LONG_VALUE, mapper.valueSchema().name());
        for (Field field : mapper.keySchema().fields()) {
            assertFalse(field.schema().isOptional(), field.name());
        }
        for (Field field : mapper.valueSchema().fields()) {
            assertTrue(field.schema().type().isPrimitive(), field.name());
        }
        assertEquals(Schema.Type.INT64, mapper.valueSchema().field("count_negative").schema().type());
        assertTrue(mapper.valueSchema().field("ratio").schema().isOptional());
    }
}
