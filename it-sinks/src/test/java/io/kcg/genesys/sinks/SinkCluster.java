package io.kcg.genesys.sinks;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A real Kafka cluster for sink tests: one KRaft broker and one Connect worker in this JVM. The worker finds the
 * Genesys connector on the class path and the sink connectors only in their own plugin packages on plugin.path
 * (plugin.discovery=service_load: both ship ServiceLoader manifests), each sink in its isolated class loader with
 * the dependencies it ships, as on a production worker.
 */
final class SinkCluster implements AutoCloseable {
    static final String PLUGIN_PATH_PROPERTY = "genesys.sink.plugin.path";

    final EmbeddedConnectCluster connect;

    private SinkCluster(EmbeddedConnectCluster connect) {
        this.connect = connect;
    }

    static SinkCluster start(String name, boolean exactlyOnce) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginPath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "1000");
        if (exactlyOnce) {
            worker.put("exactly.once.source.support", "enabled");
        }
        Properties broker = new Properties();
        // One broker: transactions need their log at one replica, else InitProducerId waits for minutes.
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                .brokerProps(broker).workerProps(worker).build();
        connect.start();
        return new SinkCluster(connect);
    }

    /** The directory failsafe unpacked the sink plugins into (never on the test class path). */
    static Path pluginPath() {
        String dir = System.getProperty(PLUGIN_PATH_PROPERTY);
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("no sink plugin directory (" + PLUGIN_PATH_PROPERTY + "=" + dir + "): run "
                    + "through `mvn verify`, which unpacks Debezium's JDBC sink into it-sinks/target/connect-plugins");
        }
        return Path.of(dir).toAbsolutePath();
    }

    void configure(String connector, Map<String, String> config) {
        connect.configureConnector(connector, new HashMap<>(config));
    }

    /** Fails the test with the worker's trace when a connector or one of its tasks has failed. */
    void assertNotFailed(List<String> connectors) {
        for (String name : connectors) {
            ConnectorStateInfo status;
            try {
                status = connect.connectorStatus(name);
            } catch (RuntimeException notYetThere) {
                continue;
            }
            if ("FAILED".equals(status.connector().state())) {
                throw new AssertionError("connector " + name + " FAILED: " + status.connector().trace());
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    // Debezium's trace of a failed CREATE TABLE only says "Could not find table": the reason is in
                    // the worker log (WARN "Table creation failed") and in PostgreSQL's log (both in the output).
                    throw new AssertionError("task " + task.id() + " of " + name + " FAILED (the worker's and "
                            + "PostgreSQL's log lines in the test output say why): " + task.trace());
                }
            }
        }
    }

    /** A source query's committed watermark, through the REST API's offsets endpoint, or null. */
    Instant watermark(String connector, String query) {
        for (ConnectorOffset offset : connect.connectorOffsets(connector).offsets()) {
            // the query's own partition; its bucket partitions (restatement memories) carry no watermark
            if (query.equals(offset.partition().get("query")) && !offset.partition().containsKey("bucket")) {
                return Instant.ofEpochMilli(((Number) offset.offset().get("watermark")).longValue());
            }
        }
        return null;
    }

    /** Waits until {@code done}, failing early when one of {@code connectors} failed. */
    void await(String what, long timeoutMs, List<String> connectors, BooleanSupplier done) throws InterruptedException {
        if (!awaitOrTimeOut(timeoutMs, connectors, done)) {
            throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
        }
    }

    /** True once {@code done}, false when {@code timeoutMs} passed first; fails when one of {@code connectors} failed. */
    boolean awaitOrTimeOut(long timeoutMs, List<String> connectors, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            assertNotFailed(connectors);
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(1000); // each check reads offsets and states through the REST API: keep the worker's CPU
        }
    }

    /** What a topic holds: records, tombstones among them, and their bytes (keys and values). */
    record TopicStats(String topic, int records, int tombstones, long bytes) {
        @Override
        public String toString() {
            return String.format("%s: %,d records, %,d tombstones, %,d bytes a record on average", topic, records,
                    tombstones, records == 0 ? 0 : bytes / records);
        }
    }

    /** The committed records of a topic, read to its end and counted as they come (none is kept). */
    TopicStats topicStats(String topic) {
        int records = 0;
        int tombstones = 0;
        long bytes = 0;
        Map<String, Object> props = new HashMap<>(Map.of("isolation.level", "read_committed",
                "auto.offset.reset", "earliest", "group.id", "topic-stats-" + topic));
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within a minute");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    bytes += record.serializedKeySize() + Math.max(0, record.serializedValueSize());
                    if (record.value() == null) {
                        tombstones++;
                    }
                }
            }
        }
        return new TopicStats(topic, records, tombstones, bytes);
    }

    @Override
    public void close() {
        connect.stop();
    }
}
