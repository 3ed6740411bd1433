package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reconciles a whole topic with the ground truth, record by record as it is read, keeping per key only a digest of
 * its numbers: at 1,200 agents a run holds hundreds of thousands of keys. A key's history must read: revisions
 * that only grow, each one with other numbers than the one before; its last value equal to the truth's, or a
 * tombstone when Genesys no longer has the group.
 */
final class TopicReconciliation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TOMBSTONE = 0x7fffffffffffffffL;

    private final Map<String, Long> latest = new HashMap<>();
    private final Map<String, Integer> revisions = new HashMap<>();
    int records;
    int reEmitted;
    int tombstones;
    int reEmittedUnchanged;
    int duplicateRevisions;

    /** Reads {@code topic} from its start to its end. */
    static TopicReconciliation read(EmbeddedConnectCluster connect, String topic) {
        TopicReconciliation reconciliation = new TopicReconciliation();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(
                new HashMap<>(Map.of("max.poll.records", "5000")), topic)) {
            Map<TopicPartition, Long> end = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    reconciliation.add(record);
                }
                if (end == null && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
                if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return reconciliation;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        records++;
        String key = ExpectedRecords.key(record);
        Long before = latest.get(key);
        if (record.value() == null) {
            tombstones++;
            latest.put(key, TOMBSTONE);
            return;
        }
        ObjectNode value = (ObjectNode) json(record.value());
        int revision = value.get("revision").asInt();
        value.remove("revision");
        long digest = digest(value);
        Integer last = revisions.put(key, revision);
        if (last != null && revision <= last) {
            duplicateRevisions++;
        }
        if (revision > 0) {
            reEmitted++;
        }
        if (before != null && before == digest) {
            reEmittedUnchanged++;
        }
        latest.put(key, digest);
    }

    /** What the topic's last values say against the truth (key to value JSON, any revision). */
    Result against(Map<String, Long> truth) {
        int missing = 0;
        int mismatched = 0;
        for (Map.Entry<String, Long> entry : truth.entrySet()) {
            Long got = latest.get(entry.getKey());
            if (got == null || got == TOMBSTONE) {
                missing++;
            } else if (!got.equals(entry.getValue())) {
                mismatched++;
            }
        }
        int deletedButPresent = 0;
        for (Map.Entry<String, Long> entry : latest.entrySet()) {
            if (entry.getValue() != TOMBSTONE && !truth.containsKey(entry.getKey())) {
                deletedButPresent++;
            }
        }
        return new Result(truth.size(), records, reEmitted, tombstones, missing, mismatched, deletedButPresent,
                reEmittedUnchanged, duplicateRevisions);
    }

    record Result(int truthKeys, int records, int reEmitted, int tombstones, int missing, int mismatched,
                  int deletedButPresent, int reEmittedUnchanged, int duplicateRevisions) {
    }

    /** The truth as digests, from the values {@link ExpectedRecords} builds. */
    static void addTruth(Map<String, Long> truth, Map<String, JsonNode> values) {
        values.forEach((key, value) -> {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            copy.remove("revision");
            truth.put(key, digest(copy));
        });
    }

    private static long digest(JsonNode value) {
        byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
        long hash = 0xcbf29ce484222325L;
        for (byte b : text) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash == TOMBSTONE ? hash - 1 : hash;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
