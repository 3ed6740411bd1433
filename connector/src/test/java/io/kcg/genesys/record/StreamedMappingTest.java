package io.kcg.genesys.record;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.Rows;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task builds wide records straight from the parser's metric stream ({@link WideRecordMapper#read}); tools and
 * the long format go through rows ({@link WideRecordMapper#map}). Both must give the same records, and the Structs
 * written without put() must hold values their schemas accept.
 */
class StreamedMappingTest {
    private static final QueryDefinition QUERY = WideRecordMapperTest.query("{\"granularity\":\"PT30M\","
            + "\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"nTransferred\",\"tHandle\",\"tAbandon\","
            + "\"tAnswered\",\"tTalk\",\"tHeld\",\"tAcw\",\"oServiceLevel\",\"oServiceTarget\"]}");

    private static void assertSameRecords(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (boolean kpis : new boolean[] {true, false}) {
            WideRecordMapper mapper = new WideRecordMapper(QUERY, kpis);
            List<MappedRecord> viaRows = mapper.map(Rows.of(bytes));
            List<MappedRecord> streamed = mapper.read(new ByteArrayInputStream(bytes));
            assertEquals(viaRows, streamed);
            for (MappedRecord record : streamed) {
                record.key().validate();
                record.value().validate();
            }
        }
    }

    @Test
    void theSavedExampleResponseGivesTheSameValidRecordsBothWays() throws IOException {
        String body = Files.readString(Path.of("..", "examples", "queue-report-response.json"));
        WideRecordMapper mapper = new WideRecordMapper(QUERY, true);
        List<MappedRecord> streamed = mapper.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        assertTrue(streamed.size() > 10, "the example has buckets: " + streamed.size());
        assertNotNull(streamed.get(0).value().get("avgHandleMs"), "KPIs are computed on the streamed path");
        assertSameRecords(body);
    }

    @Test
    void repeatedGroupsHeldBackRowsQualifiersViewsAndUnknownMetricsMapTheSameBothWays() throws IOException {
        String iv1 = "\"2026-03-01T10:00:00.000Z/2026-03-01T10:30:00.000Z\"";
        String iv2 = "\"2026-03-01T10:30:00.000Z/2026-03-01T11:00:00.000Z\"";
        assertSameRecords("{\"results\":["
                // data before group: the parser holds the metrics back until it knows the group
                // (two metrics each, so that a held-back metric must not keep the parser's reused stats)
                + "{\"data\":[{\"metrics\":[{\"stats\":{\"count\":3,\"sum\":900},\"metric\":\"tHandle\"},"
                + "{\"metric\":\"tTalk\",\"stats\":{\"count\":2,\"sum\":500}}],"
                + "\"interval\":" + iv1 + "}],\"group\":{\"queueId\":\"q-1\",\"mediaType\":\"voice\"}},"
                // another result with the same group and bucket: its metrics join the first record
                + "{\"group\":{\"mediaType\":\"voice\",\"queueId\":\"q-1\"},\"data\":[{\"interval\":" + iv1 + ","
                + "\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":4}},"
                + "{\"metric\":\"tAbandon\",\"stats\":{\"count\":1,\"sum\":20}}]},"
                + "{\"interval\":" + iv2 + ",\"metrics\":[{\"metric\":\"oServiceLevel\",\"stats\":{\"ratio\":0.5,"
                + "\"numerator\":1,\"denominator\":2,\"target\":0.8}},"
                + "{\"metric\":\"nOffered\",\"qualifier\":\"callback\",\"stats\":{\"count\":2}},"
                + "{\"metric\":\"nBlindTransferred\",\"stats\":{\"count\":7}},"
                + "{\"metric\":\"tHandle\",\"stats\":{\"count\":1,\"sum\":5,\"p95\":5}},"
                + "{\"metric\":\"tTalk\"}]}]},"
                // a group with an unasked dimension and a view
                + "{\"group\":{\"queueId\":\"q-2\",\"wrapUpCode\":\"w\"},\"data\":[{\"interval\":" + iv2 + ","
                + "\"views\":[{\"name\":\"slowAnswers\",\"stats\":{\"count\":1}}],"
                + "\"metrics\":[{\"metric\":\"tAcw\",\"stats\":{\"count\":2,\"sum\":60,\"min\":10,\"max\":50}}]}]},"
                // no group at all
                + "{\"data\":[{\"interval\":" + iv1 + ",\"metrics\":[{\"metric\":\"nTransferred\",\"stats\":{\"count\":1}}]}]}"
                + "]}");
    }

    @Test
    void structsFilledFromAForeignArrayFallBackToPut() {
        Struct key = new Struct(new WideRecordMapper(QUERY, true).keySchema());
        Object[] values = new Object[key.schema().fields().size()];
        values[key.schema().field("queueId").index()] = "q-9";
        StructValues.fill(key, values);
        assertEquals("q-9", key.get("queueId"));
    }
}
