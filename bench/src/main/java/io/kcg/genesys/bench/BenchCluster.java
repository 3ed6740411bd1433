package io.kcg.genesys.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One KRaft broker and one Connect worker in this JVM (Kafka's EmbeddedConnectCluster, as in the integration
 * tests), with the worker's converters set to JsonConverter and its defaults (schemas.enable=true), which is what
 * Kafka's own connect-distributed.properties ships.
 */
final class BenchCluster implements AutoCloseable {
    final EmbeddedConnectCluster connect;
    final Admin admin;

    BenchCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("key.converter", JsonConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("genesys-bench").numWorkers(1).workerProps(worker).build();
        connect.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers()));
    }

    String bootstrap() {
        return connect.kafka().bootstrapServers();
    }

    void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    long endOffset(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        } catch (Exception e) {
            return 0; // the topic is not there yet
        }
    }

    Instant watermark(String connector, String query) {
        try {
            for (ConnectorOffset offset : connect.connectorOffsets(connector).offsets()) {
                if (query.equals(offset.partition().get("query"))) {
                    return Instant.ofEpochMilli(((Number) offset.offset().get("watermark")).longValue());
                }
            }
        } catch (RuntimeException e) {
            // not committed yet
        }
        return null;
    }

    @Override
    public void close() {
        admin.close();
        connect.stop();
    }
}
