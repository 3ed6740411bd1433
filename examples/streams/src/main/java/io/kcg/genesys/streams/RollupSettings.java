package io.kcg.genesys.streams;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What the application reads and writes: the queue report topic (the aggregates connector's wide records of a
 * {@code groupBy: [queueId]} query), the directory's queues topic, the output topic, and the time zone whose days the
 * rollup counts in. Kafka Streams' own settings ({@code bootstrap.servers}, {@code application.id}, ...) come
 * from the same properties.
 */
public record RollupSettings(String reportTopic, String queuesTopic, String outputTopic, ZoneId zone) {
    public static final String REPORT_TOPIC = "rollup.report.topic";
    public static final String QUEUES_TOPIC = "rollup.queues.topic";
    public static final String OUTPUT_TOPIC = "rollup.output.topic";
    public static final String TIME_ZONE = "rollup.time.zone";

    public RollupSettings {
        Objects.requireNonNull(reportTopic, REPORT_TOPIC);
        Objects.requireNonNull(queuesTopic, QUEUES_TOPIC);
        Objects.requireNonNull(outputTopic, OUTPUT_TOPIC);
        Objects.requireNonNull(zone, TIME_ZONE);
    }

    /** From properties; the topics default to the example configs' names, the zone to UTC. */
    public static RollupSettings from(Properties props) {
        return new RollupSettings(props.getProperty(REPORT_TOPIC, "genesys.queues30m"),
                props.getProperty(QUEUES_TOPIC, "genesys.directory.queues"),
                props.getProperty(OUTPUT_TOPIC, "genesys.queues.daily"),
                ZoneId.of(props.getProperty(TIME_ZONE, "UTC")));
    }

    public static RollupSettings from(Map<String, String> props) {
        Properties properties = new Properties();
        properties.putAll(props);
        return from(properties);
    }
}
