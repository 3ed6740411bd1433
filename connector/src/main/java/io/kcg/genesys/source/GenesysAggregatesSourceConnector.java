package io.kcg.genesys.source;

import io.kcg.genesys.config.ConfigValidation;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.config.QueryKeys;
import io.kcg.genesys.record.LongSchema;
import io.kcg.genesys.record.SchemaNames;
import io.kcg.genesys.record.WideSchema;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams Genesys Cloud analytics aggregates into Kafka. Each configured query is one source partition whose
 * offset is the end of the last window emitted; queries are spread over the tasks.
 */
public class GenesysAggregatesSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(GenesysAggregatesSourceConnector.class);
    private Map<String, String> props;
    private List<String> queryNames;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        List<QueryDefinition> queries = config.queries(); // fails fast with every problem of the per-query keys
        if (config.outputFormat() == OutputFormat.WIDE) {
            warnAboutSharedTopics(queries);
        }
        this.props = Map.copyOf(props);
        this.queryNames = config.queryNames();
    }

    /**
     * Wide queries sharing a topic put several value schemas into one topic. Fine for JSON, but with a schema registry
     * and the default TopicNameStrategy the second schema is refused; validate() cannot see the worker's converter.
     */
    private static void warnAboutSharedTopics(List<QueryDefinition> queries) {
        Map<String, String> queryByTopic = new HashMap<>();
        for (QueryDefinition query : queries) {
            String other = queryByTopic.putIfAbsent(query.topic(), query.name());
            if (other != null) {
                log.warn("Wide queries {} and {} share topic {}: with a schema registry use RecordNameStrategy for "
                        + "its values (see docs/records.md, Subjects)", other, query.name(), query.topic());
            }
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GenesysAggregatesSourceTask.class;
    }

    /** Deals the queries out round robin; never more tasks than queries. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int tasks = Math.min(maxTasks, queryNames.size());
        List<List<String>> assignment = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            assignment.add(new ArrayList<>());
        }
        for (int i = 0; i < queryNames.size(); i++) {
            assignment.get(i % tasks).add(queryNames.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> names : assignment) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(GenesysAggregatesSourceTask.TASK_QUERIES, String.join(",", names));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return GenesysSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = ConfigValidation.validate(connectorConfigs, super.validate(connectorConfigs), Instant.now());
        checkRecordSchemas(connectorConfigs, config);
        return config;
    }

    /**
     * Two names that map to the same field (a view called like a dimension, a dimension called like a fixed field)
     * are a config error of the query; so are two queries whose wide records would share a record name.
     */
    private static void checkRecordSchemas(Map<String, String> props, Config config) {
        boolean anyError = config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (anyError) {
            return;
        }
        GenesysSourceConfig parsed = new GenesysSourceConfig(props);
        boolean wide = parsed.outputFormat() == OutputFormat.WIDE;
        Map<String, String> queryByRecordName = new HashMap<>();
        for (QueryDefinition query : QueryDefinitionParser.parse(parsed.queryNames(), props).queries()) {
            try {
                if (wide) {
                    WideSchema.of(query, parsed.derivedKpis());
                } else {
                    LongSchema.of(query);
                }
            } catch (IllegalArgumentException e) {
                addError(config, props, QueryKeys.key(query.name(), QueryKeys.BODY), e.getMessage());
            }
            if (!wide) {
                continue;
            }
            String other = queryByRecordName.putIfAbsent(SchemaNames.wideValue(query.name()), query.name());
            if (other != null) {
                addError(config, props, GenesysSourceConfig.QUERIES, "queries " + other + " and " + query.name()
                        + " would both name their records " + SchemaNames.wideValue(query.name())
                        + "; rename one (names differing only in case or in '-' versus '_' collide)");
            }
        }
    }

    private static void addError(Config config, Map<String, String> props, String key, String message) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(key + ": " + message);
                return;
            }
        }
        config.configValues().add(new ConfigValue(key, props.get(key), new ArrayList<>(),
                new ArrayList<>(List.of(key + ": " + message))));
    }

    /** Offsets are exact window ends, so a transaction per window makes delivery exactly once. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * Checks offsets a user writes through the REST API (KIP-875): a partition must name a query of this connector
     * and an offset must be a watermark in epoch milliseconds, or null to reset the query to its start.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> names;
        try {
            names = new GenesysSourceConfig(connectorConfig).queryNames();
        } catch (ConfigException e) {
            throw new ConnectException("Cannot check offsets against an invalid connector config: " + e.getMessage(), e);
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String problem = SourceOffsets.problem(entry.getKey(), entry.getValue(), names);
            if (problem != null) {
                throw new ConnectException(problem);
            }
        }
        return true;
    }
}
