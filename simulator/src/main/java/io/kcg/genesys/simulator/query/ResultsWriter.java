package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an aggregates response: {"results":[{"group":{...},"data":[{"interval":..., "metrics":[...],
 * "views":[...]}]}]}. Buckets without a requested metric or view and groups without a bucket are left out, and a
 * response without any result is {} (Genesys omits the empty array).
 */
final class ResultsWriter {

    /** What an endpoint's bucket stats must offer the writer. */
    interface BucketWriter<B> {
        boolean hasAny(B bucket);

        /** Writes the bucket's fields after its interval: "metrics" and, when there are any, "views". */
        void writeBucket(JsonGenerator json, List<String> group, long bucketStartMs, B bucket) throws IOException;
    }

    /** Extra top-level fields after results (users aggregates have systemToOrganizationMappings). */
    interface TopLevelWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private ResultsWriter() {
    }

    /** @param groups the groups to write, in the order to write them (e.g. {@link GroupedStats#sorted()}) */
    static <B> byte[] write(List<String> dimensions, List<Map.Entry<List<String>, TreeMap<Integer, B>>> groups,
                            Buckets buckets, BucketWriter<B> writer, TopLevelWriter extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            boolean started = false;
            for (Map.Entry<List<String>, TreeMap<Integer, B>> group : groups) {
                if (group.getValue().values().stream().noneMatch(writer::hasAny)) {
                    continue;
                }
                if (!started) {
                    json.writeArrayFieldStart("results");
                    started = true;
                }
                writeGroup(json, dimensions, group.getKey(), group.getValue(), buckets, writer);
            }
            if (started) {
                json.writeEndArray();
                if (extra != null) {
                    extra.write(json);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <B> void writeGroup(JsonGenerator json, List<String> dimensions, List<String> values,
                                       TreeMap<Integer, B> bucketStats, Buckets buckets, BucketWriter<B> writer)
        throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("group");
        for (int i = 0; i < dimensions.size(); i++) {
            if (values.get(i) != null) {
                json.writeStringField(dimensions.get(i), values.get(i));
            }
        }
        json.writeEndObject();
        json.writeArrayFieldStart("data");
        for (Map.Entry<Integer, B> bucket : bucketStats.entrySet()) {
            if (!writer.hasAny(bucket.getValue())) {
                continue;
            }
            int index = bucket.getKey();
            json.writeStartObject();
            json.writeStringField("interval", Intervals.format(buckets.start(index), buckets.end(index)));
            writer.writeBucket(json, values, buckets.start(index), bucket.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
