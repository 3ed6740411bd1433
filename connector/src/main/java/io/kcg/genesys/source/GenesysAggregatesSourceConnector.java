package io.kcg.genesys.source;

import io.kcg.genesys.config.ConfigValidation;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.config.QueryKeys;
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
    private Map<String, String> props;
    private List<String> queryNames;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        config.queries(); // fails fast with every problem of the per-query keys
        this.props = Map.copyOf(props);
        this.queryNames = config.queryNames();
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
        checkWideSchemas(connectorConfigs, config);
        return config;
    }

    /** Two names that map to the same wide field (a view called like a dimension, say) are a config error. */
    private static void checkWideSchemas(Map<String, String> props, Config config) {
        boolean anyError = config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (anyError) {
            return;
        }
        GenesysSourceConfig parsed = new GenesysSourceConfig(props);
        if (parsed.outputFormat() != OutputFormat.WIDE) {
            return;
        }
        for (QueryDefinition query : QueryDefinitionParser.parse(parsed.queryNames(), props).queries()) {
            try {
                WideSchema.of(query, parsed.derivedKpis());
            } catch (IllegalArgumentException e) {
                String key = QueryKeys.key(query.name(), QueryKeys.BODY);
                config.configValues().add(new ConfigValue(key, props.get(key), new ArrayList<>(),
                        new ArrayList<>(List.of(key + ": " + e.getMessage()))));
            }
        }
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
