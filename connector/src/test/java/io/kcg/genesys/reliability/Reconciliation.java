package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.it.ExpectedRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reached the topics against the simulator's ground truth, key by key: a bucket is a (query, bucket start,
 * group) key; a duplicate is a (key, revision) pair read more than once (each extra copy counts once).
 *
 * @param expected               keys of the ground truth
 * @param present                expected keys that were read at least once
 * @param missing                expected keys never read
 * @param unexpected             keys read that the ground truth does not have
 * @param differing              expected keys read with a value other than the truth's (any copy)
 * @param duplicatedSameRevision extra copies of a (key, revision) pair
 * @param recordsRead            records read in all
 */
record Reconciliation(int expected, int present, int missing, int unexpected, int differing,
                      int duplicatedSameRevision, int recordsRead) {

    static Reconciliation of(Map<String, JsonNode> truth, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> copies = new HashMap<>();
        Set<String> seenKeys = new HashSet<>();
        Set<String> differingKeys = new HashSet<>();
        int unexpected = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = ExpectedRecords.key(record);
            JsonNode value = ExpectedRecords.value(record);
            copies.merge(key + "@" + value.path("revision").asInt(-1), 1, Integer::sum);
            if (seenKeys.add(key) && !truth.containsKey(key)) {
                unexpected++;
            }
            JsonNode wanted = truth.get(key);
            if (wanted != null && !wanted.equals(value)) {
                differingKeys.add(key);
            }
        }
        int present = 0;
        for (String key : truth.keySet()) {
            if (seenKeys.contains(key)) {
                present++;
            }
        }
        int duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
        return new Reconciliation(truth.size(), present, truth.size() - present, unexpected, differingKeys.size(),
                duplicates, records.size());
    }

    void addTo(FigureTable table) {
        table.add("buckets expected (ground truth)", expected)
                .add("buckets present", present)
                .add("buckets missing", missing)
                .add("keys not in the ground truth", unexpected)
                .add("buckets with numbers other than the truth", differing)
                .add("duplicated at the same revision", duplicatedSameRevision)
                .add("records read", recordsRead);
    }
}
