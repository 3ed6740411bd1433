package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the report topic and the heartbeat topic from the beginning as the connector writes them: every record goes
 * into the {@link BucketStore}, and the {@code genesys.window} header of the records written since the demo started
 * counts the windows fetched.
 */
final class TopicFollower implements AutoCloseable {
    static final String WINDOW_HEADER = "genesys.window";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String dataTopic;
    private final List<String> topics;
    private final long sinceMs;
    private final BucketStore store;
    private final Set<String> windows = new HashSet<>();
    private final Set<String> assignedTopics = new HashSet<>();
    private long records;

    TopicFollower(String bootstrapServers, String dataTopic, String heartbeatTopic, Instant since, BucketStore store) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "genesys-demo-reader");
        this.consumer = new KafkaConsumer<>(props);
        this.dataTopic = dataTopic;
        this.topics = List.of(dataTopic, heartbeatTopic);
        this.sinceMs = since.toEpochMilli();
        this.store = store;
    }

    /** Polls once (assigning the topics as soon as the connector has created them). False once woken up. */
    boolean poll(Duration timeout) {
        try {
            assignNewTopics();
            if (assignedTopics.isEmpty()) {
                Thread.sleep(timeout.toMillis());
                return true;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                accept(record);
            }
            return true;
        } catch (WakeupException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when every record of the report topic that was there at this call has been read. */
    boolean caughtUp() {
        if (!assignedTopics.contains(dataTopic)) {
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(dataTopic)) {
                partitions.add(tp);
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, Duration.ofSeconds(10)) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }

    int windows() {
        return windows.size();
    }

    long records() {
        return records;
    }

    /** Thread-safe: makes a blocked {@link #poll} return false. */
    void wakeup() {
        consumer.wakeup();
    }

    private void assignNewTopics() {
        if (assignedTopics.size() == topics.size()) {
            return;
        }
        List<TopicPartition> wanted = new ArrayList<>(consumer.assignment());
        for (String topic : topics) {
            if (assignedTopics.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> fresh = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                wanted.addAll(fresh);
                assignedTopics.add(topic);
                consumer.assign(wanted);
                consumer.seekToBeginning(fresh);
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        boolean thisRun = record.timestamp() >= sinceMs;
        if (thisRun) {
            Header window = record.headers().lastHeader(WINDOW_HEADER);
            if (window != null) {
                windows.add(new String(window.value(), StandardCharsets.UTF_8));
            }
        }
        if (!record.topic().equals(dataTopic)) {
            return;
        }
        if (thisRun) {
            records++;
        }
        try {
            if (record.value() == null) {
                String key = record.key() == null ? null : Bucket.keyOf(payload(record.key()));
                if (key != null) {
                    store.remove(key); // a tombstone: the group vanished from a restated bucket
                }
                return;
            }
            Bucket bucket = Bucket.of(payload(record.value()));
            if (bucket != null) {
                store.put(bucket);
            }
        } catch (IOException e) {
            // Not JSON: a topic shared with another producer; the report only reads the connector's records.
        }
    }

    /** The record as JSON; its payload when the converter wrapped it with its schema (schemas.enable=true). */
    private static JsonNode payload(byte[] bytes) throws IOException {
        JsonNode json = JSON.readTree(bytes);
        return json != null && json.has("schema") && json.has("payload") ? json.get("payload") : json;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
