package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the directory source's compacted topics as a consumer of them would: every record from the beginning to the
 * end, the latest value of each id winning and a tombstone removing it. The report's queue names come from here,
 * not from a call to Genesys.
 */
final class DirectoryTopics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DirectoryTopics() {
    }

    /** The latest record value of each id in {@code topic} (JsonConverter without envelopes); empty when none. */
    static Map<String, JsonNode> read(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "genesys-demo-directory-reader");
        Map<String, JsonNode> entities = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return entities;
            }
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode key = parse(record.key());
                    if (key == null || !key.hasNonNull("id")) {
                        continue;
                    }
                    JsonNode value = parse(record.value());
                    if (value == null) {
                        entities.remove(key.get("id").asText());
                    } else {
                        entities.put(key.get("id").asText(), value);
                    }
                }
            }
        }
        return entities;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isNull() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /** The queue names of the queues topic's records: id to name. */
    static Map<String, String> queueNames(Map<String, JsonNode> queues) {
        Map<String, String> names = new LinkedHashMap<>();
        queues.forEach((id, queue) -> {
            if (queue.hasNonNull("name")) {
                names.put(id, queue.get("name").asText());
            }
        });
        return names;
    }
}
