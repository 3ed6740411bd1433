package io.kcg.genesys.bench;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.FieldNames;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flatten comparison is fair only if the tutorials' way yields the connector's records: the same (group,
 * bucket) rows with the same numbers. Checked on a small answer of the benchmark's query, with every stat compared.
 */
class TutorialTreeFlattenerTest {
    @Test
    void theTreeWayYieldsTheConnectorsRowsAndNumbers() throws Exception {
        QueryDefinition query = LargeResponse.query("large");
        byte[] body;
        try (GenesysSimulator sim = LargeResponse.simulator(3)) {
            body = sim.groundTruth("conversations", query.bodyFor(LargeResponse.DAY_START, LargeResponse.DAY_END))
                    .getBytes(StandardCharsets.UTF_8);
        }
        List<MappedRecord> records = new WideRecordMapper(query, true).read(new ByteArrayInputStream(body));
        List<Map<String, Object>> rows = TutorialTreeFlattener.flatten(body);
        assertEquals(3 * 48, records.size(), "every voice queue has data in every half hour");
        assertEquals(records.size(), rows.size());

        Map<String, Map<String, Object>> rowsByKey = new HashMap<>();
        for (Map<String, Object> row : rows) {
            rowsByKey.put(row.get("queueId") + "@" + row.get("intervalStart"), row);
        }
        int compared = 0;
        for (MappedRecord record : records) {
            Struct value = record.value();
            Map<String, Object> row = rowsByKey.get(value.get("queue_id") + "@" + record.bucketStart().toString()
                    .replace("Z", ".000Z"));
            assertNotNull(row, "the tree way has the record of " + value.get("queue_id") + " at " + record.bucketStart());
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                if (cell.getKey().contains("_")) { // <metric>_<stat>, as the tutorials name it: our t_handle_sum
                    Object ours = value.get(FieldNames.joined(cell.getKey().split("_")));
                    assertNotNull(ours, cell.getKey());
                    assertEquals(((Number) cell.getValue()).doubleValue(), ((Number) ours).doubleValue(), cell.getKey());
                    compared++;
                }
            }
        }
        assertTrue(compared > records.size() * 10, "most stats were compared: " + compared);
    }
}
