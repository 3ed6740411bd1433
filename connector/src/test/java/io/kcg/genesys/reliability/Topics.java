package io.kcg.genesys.reliability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads whole topics as a read_committed consumer sees them. */
final class Topics {
    private Topics() {
    }

    /**
     * Every committed record of {@code topics}, up to their end (the last stable offset) as it is when the read
     * starts. Call it once nothing writes to them any more.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(EmbeddedConnectCluster connect, Duration timeout,
                                                              String... topics) {
        return read(connect.kafka(), "read_committed", timeout, topics);
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(EmbeddedKafkaCluster kafka, Duration timeout,
                                                              String... topics) {
        return read(kafka, "read_committed", timeout, topics);
    }

    /** Every record written to {@code topics}, aborted transactions included. */
    static List<ConsumerRecord<byte[], byte[]>> readUncommitted(EmbeddedConnectCluster connect, Duration timeout,
                                                                String... topics) {
        return read(connect.kafka(), "read_uncommitted", timeout, topics);
    }

    static List<ConsumerRecord<byte[], byte[]>> readUncommitted(EmbeddedKafkaCluster kafka, Duration timeout,
                                                                String... topics) {
        return read(kafka, "read_uncommitted", timeout, topics);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafkaCluster kafka, String isolation,
                                                             Duration timeout, String... topics) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(Map.of("isolation.level", isolation,
                "auto.offset.reset", "earliest", "max.poll.records", "5000"));
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(props, topics)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> ends = null;
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                Set<TopicPartition> assigned = consumer.assignment();
                if (assigned.isEmpty()) {
                    continue;
                }
                if (ends == null) {
                    ends = consumer.endOffsets(assigned);
                }
                boolean done = true;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    done &= consumer.position(end.getKey()) >= end.getValue();
                }
                if (done) {
                    return records;
                }
            }
        }
        throw new IllegalStateException("could not read " + String.join(", ", topics) + " to its end within "
                + timeout + " (read " + records.size() + ")");
    }
}
