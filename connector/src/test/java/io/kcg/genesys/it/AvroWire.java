package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plain consumer (no Connect, no converter) does with the Confluent wire format: magic byte 0, a 4-byte
 * schema id, then Avro binary; the writer's schema comes from the registry by that id.
 */
public final class AvroWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroWire() {
    }

    public record Decoded(int schemaId, Schema schema, GenericRecord record) {
        /** The record as JsonConverter (schemas off) writes its Connect form, to compare with ExpectedRecords. */
        public JsonNode json() {
            try {
                // Through text, so that numbers get the node types ExpectedRecords' parsing gives them.
                return JSON.readTree(toJson(record).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Decoded decode(byte[] bytes, ApicurioRegistry registry) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte magic = buffer.get();
        if (magic != 0) {
            throw new IllegalStateException("magic byte " + magic + ", expected 0 (Confluent wire format)");
        }
        int id = buffer.getInt();
        Schema schema = registry.schemaById(id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalStateException("bytes left after the record: the schema does not fit the data");
            }
            return new Decoded(id, schema, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode toJson(Object datum) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (datum == null) {
            return nodes.nullNode();
        }
        if (datum instanceof GenericRecord record) {
            ObjectNode object = nodes.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), toJson(record.get(field.pos())));
            }
            return object;
        }
        if (datum instanceof Map<?, ?> map) {
            // Sorted, as the connector's maps are: keys are compared as JSON text.
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k.toString(), v));
            ObjectNode object = nodes.objectNode();
            sorted.forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        if (datum instanceof CharSequence text) {
            return nodes.textNode(text.toString());
        }
        if (datum instanceof Long value) {
            return nodes.numberNode(value); // timestamps too: JsonConverter writes Timestamp as epoch ms
        }
        if (datum instanceof Integer value) {
            return nodes.numberNode(value);
        }
        if (datum instanceof Double value) {
            return nodes.numberNode(value);
        }
        if (datum instanceof Boolean value) {
            return nodes.booleanNode(value);
        }
        throw new IllegalArgumentException("no JSON form here for " + datum.getClass());
    }
}
