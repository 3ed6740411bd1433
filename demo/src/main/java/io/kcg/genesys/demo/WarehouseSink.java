package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's PostgreSQL landing: Debezium's JDBC sink, configured from {@code config/postgres-sink.json} (the
 * docker-compose warehouse profile's, itself the one docs/sinks.md documents and the tests run) but for where the
 * database is and how the records are read (JSON with schemas, as the demo's worker writes them); then the report's
 * buckets read back from the table the sink created.
 */
final class WarehouseSink {
    static final String CONNECTOR_CLASS = "io.debezium.connector.jdbc.JdbcSinkConnector";
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresTarget target;
    private final String name;
    private final String topic;

    WarehouseSink(PostgresTarget target, String name, String topic) {
        this.target = target;
        this.name = name;
        this.topic = topic;
    }

    String name() {
        return name;
    }

    /** The table Debezium's sink writes the topic to (its default collection.name.format: dots as underscores). */
    String table() {
        return topic.replace('.', '_');
    }

    /** Fails with one sentence when the database cannot be reached as configured. */
    void checkReachable() {
        try (Connection ignored = target.connect()) {
            // reachable, and the user may log in
        } catch (SQLException e) {
            throw new DemoException(DemoException.ENVIRONMENT, "cannot connect to PostgreSQL at " + target.display()
                    + ": " + e.getMessage() + " (check --postgres, the password, and that the server accepts "
                    + "connections from here)");
        }
    }

    /** The sink's config: config/postgres-sink.json with this database, topic and converters. */
    Map<String, String> config(Path file) {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            root.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new DemoException(DemoException.USAGE, "cannot read the sink config " + file + ": " + e.getMessage());
        }
        if (!CONNECTOR_CLASS.equals(config.get("connector.class"))) {
            throw new DemoException(DemoException.USAGE, file + " is not a config of " + CONNECTOR_CLASS);
        }
        config.put("topics", topic);
        config.put("connection.url", target.jdbcUrl());
        config.put("connection.username", target.user());
        config.put("connection.password", target.password());
        for (String side : List.of("key", "value")) {
            config.keySet().removeIf(k -> k.startsWith(side + ".converter."));
            config.put(side + ".converter", JSON_CONVERTER);
            config.put(side + ".converter.schemas.enable", "true");
        }
        return config;
    }

    /**
     * Waits until the sink has committed every record the topic holds now (its consumer group's offsets at the
     * topic's end); false when {@code timeoutMs} passed first.
     */
    boolean awaitCaughtUp(String bootstrapServers, long timeoutMs, Runnable check) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "genesys-demo-sink-progress");
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                check.run();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + name)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
                if (caughtUp) {
                    return true;
                }
                Thread.sleep(500);
            }
            return false;
        } catch (ExecutionException | TimeoutException e) {
            throw new DemoException(DemoException.RUN, "cannot follow the sink's progress: " + e.getMessage(), e);
        }
    }

    /** The queue report's buckets in [from, to) as the table holds them. */
    List<Bucket> buckets(Instant from, Instant to) {
        String sql = "SELECT queue_id, media_type, interval_start, interval_end, n_offered_count, t_answered_count, "
                + "t_abandon_count, t_handle_sum, t_handle_count, o_service_level_numerator, "
                + "o_service_level_denominator, revision FROM " + table()
                + " WHERE interval_start >= ? AND interval_start < ?";
        List<Bucket> buckets = new ArrayList<>();
        try (Connection db = target.connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, utc(from));
            query.setObject(2, utc(to));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new Bucket(rs.getString("queue_id"), rs.getString("media_type"),
                            instant(rs.getObject("interval_start", LocalDateTime.class)),
                            instant(rs.getObject("interval_end", LocalDateTime.class)),
                            rs.getLong("n_offered_count"), rs.getLong("t_answered_count"),
                            rs.getLong("t_abandon_count"), rs.getDouble("t_handle_sum"),
                            rs.getLong("t_handle_count"), rs.getDouble("o_service_level_numerator"),
                            rs.getDouble("o_service_level_denominator"), rs.getInt("revision")));
                }
            }
        } catch (SQLException e) {
            throw new DemoException(DemoException.RUN, "cannot read the report back from " + table() + " at "
                    + target.display() + ": " + e.getMessage());
        }
        return buckets;
    }

    /** The sink writes Timestamps as UTC wall-clock time into a timestamp without time zone (use.time.zone=UTC). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}
