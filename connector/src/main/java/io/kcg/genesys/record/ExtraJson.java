package io.kcg.genesys.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.parse.Stat;
import io.kcg.genesys.parse.Stats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;

/**
 * The JSON text of {@code group_extra} and {@code metrics_extra}: compact, keys in a fixed order, so that the same
 * data always gives the same string (a key must not change, and restatement compares values).
 */
final class ExtraJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ExtraJson() {
    }

    /** A JSON object of the entries, in the map's (sorted) order. */
    static String groupExtra(SortedMap<String, String> entries) {
        if (entries.isEmpty()) {
            return Fields.NO_EXTRA_GROUP;
        }
        return write(json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        });
    }

    /** A JSON array of Genesys-shaped metric entries, in the map's (sorted) order; stats in Genesys's names. */
    static String metricsExtra(SortedMap<MetricId, Stats> metrics) {
        return write(json -> {
            json.writeStartArray();
            for (Map.Entry<MetricId, Stats> entry : metrics.entrySet()) {
                json.writeStartObject();
                json.writeStringField("metric", entry.getKey().metric());
                if (entry.getKey().qualifier() != null) {
                    json.writeStringField("qualifier", entry.getKey().qualifier());
                }
                json.writeObjectFieldStart("stats");
                for (Stat stat : Stat.values()) {
                    Number value = entry.getValue().get(stat);
                    if (value instanceof Long) {
                        json.writeNumberField(stat.jsonName(), value.longValue());
                    } else if (value != null) {
                        json.writeNumberField(stat.jsonName(), value.doubleValue());
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    @FunctionalInterface
    private interface Writing {
        void to(JsonGenerator json) throws IOException;
    }

    private static String write(Writing writing) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
