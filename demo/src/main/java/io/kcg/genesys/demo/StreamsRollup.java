package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.streams.QueueDailyRollup;
import io.kcg.genesys.streams.QueueDailyRollupApp;
import io.kcg.genesys.streams.RollupSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The stream processor example (examples/streams, {@link QueueDailyRollup}) run in the demo's JVM on the topics the
 * demo's connectors wrote: the queue report and the directory's queues topic in, the daily rollup out. The demo
 * reads the rollup back and compares it with its own report.
 */
final class StreamsRollup implements AutoCloseable {
    static final String OUTPUT_TOPIC = "genesys.queues.daily";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final RollupSettings settings;
    private final KafkaStreams streams;

    private StreamsRollup(String bootstrap, RollupSettings settings, KafkaStreams streams) {
        this.bootstrap = bootstrap;
        this.settings = settings;
        this.streams = streams;
    }

    /**
     * Starts the application with its state under {@code stateDir} and an application id of its own (a demo run
     * against an existing Kafka must not resume an earlier run's consumer offsets or state). The input topics must
     * exist before Kafka Streams starts; those missing are created with the broker's defaults.
     */
    static StreamsRollup start(String bootstrap, Path stateDir, String reportTopic, String queuesTopic) {
        RollupSettings settings = new RollupSettings(reportTopic, queuesTopic, OUTPUT_TOPIC, ZoneOffset.UTC);
        createMissingTopics(bootstrap, settings);
        Properties given = new Properties();
        given.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        given.put(StreamsConfig.APPLICATION_ID_CONFIG, "genesys-demo-rollup-" + UUID.randomUUID());
        given.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        // Rows reach the output topic at each commit: a short interval lets the demo read them back sooner.
        given.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        KafkaStreams streams = new KafkaStreams(QueueDailyRollup.build(settings),
                QueueDailyRollupApp.streamsProperties(given));
        streams.start();
        return new StreamsRollup(bootstrap, settings, streams);
    }

    private static void createMissingTopics(String bootstrap, RollupSettings settings) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(settings.reportTopic(), settings.queuesTopic(), settings.outputTopic())) {
                if (!existing.contains(topic)) {
                    NewTopic create = new NewTopic(topic, Optional.empty(), Optional.empty());
                    if (topic.equals(settings.queuesTopic())) {
                        create.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(create);
                }
            }
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    // A connector may have created it in the meantime, with its own settings: that one is used.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new DemoException(DemoException.RUN, "cannot create the rollup's topics: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(DemoException.RUN, "interrupted while creating the rollup's topics");
        }
    }

    String outputTopic() {
        return settings.outputTopic();
    }

    /** True when the application has died (its threads failed): no row will come any more. */
    boolean failed() {
        return streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.PENDING_ERROR;
    }

    /**
     * Reads the output topic (latest row per key, a tombstone deletes) until {@code done} says the rows are complete,
     * the application fails, {@code stop} is true or the timeout passes; returns the rows read by then, by key.
     */
    Map<RollupRow.Key, RollupRow> read(Duration timeout, Predicate<Map<RollupRow.Key, RollupRow>> done,
                                       BooleanSupplier stop) {
        Map<RollupRow.Key, RollupRow> rows = new HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The application writes in transactions: only committed rows count.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.outputTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stop.getAsBoolean() && !failed() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    RollupRow.Key key = RollupRow.key(parse(record.key()));
                    RollupRow row = RollupRow.of(parse(record.value()));
                    if (key != null && row == null) {
                        rows.remove(key);
                    } else if (row != null) {
                        rows.put(row.key(), row);
                    }
                }
                if (done.test(rows)) {
                    break;
                }
            }
        }
        return rows;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(10));
    }

}
