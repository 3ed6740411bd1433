package io.kcg.genesys.avro;

import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.Heartbeats;
import io.kcg.genesys.record.LongSchema;
import io.kcg.genesys.record.WideSchema;
import org.apache.kafka.connect.data.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Every key and value schema a connector config makes the task emit, with the topic each goes to: one pair per
 * query (wide or long, as configured) and the heartbeat pair. The same source for the command-line tool's
 * {@code schema} command and the tests that keep {@code schemas/} in sync.
 */
public final class ConnectorSchemas {
    /** A key and value schema and the topic their records go to; {@code query} is null for the heartbeats. */
    public record TopicSchemas(String query, String topic, Schema key, Schema value) {
        /** The subject of the key under the registry's default TopicNameStrategy. */
        public String keySubject() {
            return topic + "-key";
        }

        /** The subject of the value under the registry's default TopicNameStrategy. */
        public String valueSubject() {
            return topic + "-value";
        }
    }

    private ConnectorSchemas() {
    }

    /** The schemas of every query of {@code config}, in the order of {@code queries}, then the heartbeats'. */
    public static List<TopicSchemas> of(GenesysSourceConfig config) {
        List<TopicSchemas> all = new ArrayList<>();
        for (QueryDefinition query : config.queries()) {
            all.add(of(query, config.outputFormat(), config.derivedKpis()));
        }
        all.add(heartbeats(config.heartbeatTopic()));
        return all;
    }

    public static TopicSchemas of(QueryDefinition query, OutputFormat format, boolean derivedKpis) {
        if (format == OutputFormat.LONG) {
            LongSchema longFormat = LongSchema.of(query);
            return new TopicSchemas(query.name(), query.topic(), longFormat.keySchema(), longFormat.valueSchema());
        }
        WideSchema wide = WideSchema.of(query, derivedKpis);
        return new TopicSchemas(query.name(), query.topic(), wide.keySchema(), wide.valueSchema());
    }

    public static TopicSchemas heartbeats(String topic) {
        return new TopicSchemas(null, topic, Heartbeats.KEY_SCHEMA, Heartbeats.VALUE_SCHEMA);
    }
}
