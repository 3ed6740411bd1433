package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's ground truth for a query and interval, shaped by the connector's own mapper and serialized by the
 * same JsonConverter the worker uses, so a test compares what reached Kafka with what Genesys holds, key by key.
 */
public final class ExpectedRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonConverter KEYS = converter(true);
    private static final JsonConverter VALUES = converter(false);

    private ExpectedRecords() {
    }

    public static Map<String, String> converterProps() {
        return Map.of("key.converter", JsonConverter.class.getName(), "key.converter.schemas.enable", "false",
                "value.converter", JsonConverter.class.getName(), "value.converter.schemas.enable", "false");
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), isKey);
        return converter;
    }

    /** Key JSON text to value JSON, for every record the connector should emit for {@code [start, end)}. */
    public static Map<String, JsonNode> of(GenesysSimulator sim, Map<String, String> connectorProps, String queryName,
                                           Instant start, Instant end) {
        GenesysSourceConfig config = new GenesysSourceConfig(connectorProps);
        QueryDefinition query = config.queries().stream().filter(q -> q.name().equals(queryName)).findFirst()
                .orElseThrow();
        RecordMapper mapper = new WideRecordMapper(query, config.derivedKpis());
        String truth = sim.groundTruth(query.endpoint(), query.bodyFor(start, end));
        List<MappedRecord> records;
        try {
            records = mapper.read(new ByteArrayInputStream(truth.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (MappedRecord record : records) {
            String key = new String(KEYS.fromConnectData(query.topic(), mapper.keySchema(), record.key()),
                    StandardCharsets.UTF_8);
            expected.put(normalize(key), json(VALUES.fromConnectData(query.topic(), mapper.valueSchema(), record.value())));
        }
        return expected;
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return normalize(new String(record.key(), StandardCharsets.UTF_8));
    }

    public static JsonNode value(ConsumerRecord<byte[], byte[]> record) {
        return json(record.value());
    }

    private static String normalize(String keyJson) {
        return json(keyJson.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
