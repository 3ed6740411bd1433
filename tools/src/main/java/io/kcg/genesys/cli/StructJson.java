package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes a record value as users read it: the record contract's field names in schema order, timestamps as
 * ISO-8601 UTC strings, and absent optional fields as explicit nulls.
 */
final class StructJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StructJson() {
    }

    static ObjectNode toJson(Struct struct) {
        ObjectNode node = NODES.objectNode();
        for (Field field : struct.schema().fields()) {
            node.set(field.name(), value(field.schema(), struct.get(field)));
        }
        return node;
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return NODES.textNode(((Date) value).toInstant().toString());
        }
        switch (schema.type()) {
            case STRUCT:
                return toJson((Struct) value);
            case MAP: {
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.set(String.valueOf(entry.getKey()), value(schema.valueSchema(), entry.getValue()));
                }
                return map;
            }
            case ARRAY: {
                var array = NODES.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(value(schema.valueSchema(), item));
                }
                return array;
            }
            case INT32:
                return NODES.numberNode((Integer) value);
            case INT64:
                return NODES.numberNode((Long) value);
            case FLOAT64:
                return NODES.numberNode((Double) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            default:
                return NODES.textNode(String.valueOf(value));
        }
    }
}
