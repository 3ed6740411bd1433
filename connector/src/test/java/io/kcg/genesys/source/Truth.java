package io.kcg.genesys.source;

import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator holds now for a query's buckets, shaped by the connector's own mapper, and a reconciliation of
 * the records a task emitted against it: every key present with the truth's numbers, no key Genesys no longer has,
 * no key re-emitted with unchanged numbers, no revision twice.
 */
final class Truth {
    private Truth() {
    }

    /** Key to value (at revision 0) of every record Genesys holds for {@code [start, end)}. */
    static Map<Struct, Struct> of(GenesysSimulator sim, Map<String, String> props, String queryName, Instant start,
                                  Instant end) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        QueryDefinition query = config.queries().stream().filter(q -> q.name().equals(queryName)).findFirst()
                .orElseThrow();
        RecordMapper mapper = new WideRecordMapper(query, config.derivedKpis());
        String answer = sim.groundTruth(query.endpoint(), query.bodyFor(start, end));
        List<MappedRecord> records;
        try {
            records = mapper.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Struct, Struct> truth = new LinkedHashMap<>();
        for (MappedRecord record : records) {
            truth.put(record.key(), record.value());
        }
        return truth;
    }

    /** What a reconciliation found. */
    record Result(int keys, int missing, int mismatched, int deletedButPresent, int reEmittedUnchanged,
                  int duplicateRevisions, int reEmitted, int tombstones) {
        boolean clean() {
            return missing == 0 && mismatched == 0 && deletedButPresent == 0 && reEmittedUnchanged == 0
                    && duplicateRevisions == 0;
        }
    }

    /** Reconciles the records written to {@code topic} whose bucket is in {@code [start, end)} against the truth. */
    static Result reconcile(List<SourceRecord> written, String topic, Map<Struct, Struct> truth, Instant start,
                            Instant end) {
        Map<Struct, Struct> latest = new HashMap<>();
        Map<Struct, Struct> previous = new HashMap<>();
        Set<String> revisions = new HashSet<>();
        int reEmittedUnchanged = 0;
        int duplicates = 0;
        int reEmitted = 0;
        int tombstones = 0;
        for (SourceRecord record : written) {
            if (!record.topic().equals(topic)) {
                continue;
            }
            Struct key = (Struct) record.key();
            Instant bucket = ((java.util.Date) key.get(bucketField(key))).toInstant();
            if (bucket.isBefore(start) || !bucket.isBefore(end)) {
                continue;
            }
            Struct value = (Struct) record.value();
            if (value == null) {
                tombstones++;
                latest.put(key, null);
                previous.remove(key);
                continue;
            }
            int revision = value.getInt32(RecordMapper.REVISION_FIELD);
            reEmitted += revision > 0 ? 1 : 0;
            duplicates += revisions.add(key + "#" + revision) ? 0 : 1;
            Struct numbers = numbers(value);
            reEmittedUnchanged += numbers.equals(previous.get(key)) ? 1 : 0;
            previous.put(key, numbers);
            latest.put(key, numbers);
        }
        int missing = 0;
        int mismatched = 0;
        for (Map.Entry<Struct, Struct> entry : truth.entrySet()) {
            Struct got = latest.get(entry.getKey());
            if (got == null) {
                missing++;
            } else if (!got.equals(numbers(entry.getValue()))) {
                mismatched++;
            }
        }
        int deletedButPresent = 0;
        for (Map.Entry<Struct, Struct> entry : latest.entrySet()) {
            if (entry.getValue() != null && !truth.containsKey(entry.getKey())) {
                deletedButPresent++;
            }
        }
        return new Result(truth.size(), missing, mismatched, deletedButPresent, reEmittedUnchanged, duplicates,
                reEmitted, tombstones);
    }

    private static String bucketField(Struct key) {
        return key.schema().field("interval_start") != null ? "interval_start" : "intervalStart";
    }

    /** The value with revision 0: its numbers, to compare across revisions. */
    static Struct numbers(Struct value) {
        Struct copy = new Struct(value.schema());
        for (Field field : value.schema().fields()) {
            copy.put(field, field.name().equals(RecordMapper.REVISION_FIELD) ? Integer.valueOf(0) : value.get(field));
        }
        return copy;
    }
}
