package io.kcg.genesys.source;

import io.kcg.genesys.config.ConfigValidation;
import io.kcg.genesys.config.DirectorySourceConfig;
import io.kcg.genesys.directory.DirectoryKind;
import io.kcg.genesys.directory.DirectoryMemory;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Streams Genesys's directory (queues, users, wrap-up codes, divisions) into one compacted topic per kind, keyed by
 * id: a record when an entity is new or changed, a tombstone when it is gone. A connector of its own rather than a
 * query kind of the aggregates connector: its position is a memory of entities, not a watermark in time, it runs on
 * its own interval, and it needs other permissions; a user who wants names but not aggregates (or the reverse)
 * deploys only one.
 */
public class GenesysDirectorySourceConnector extends SourceConnector {
    private Map<String, String> props;
    private List<DirectoryKind> kinds;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        DirectorySourceConfig config = new DirectorySourceConfig(props);
        this.props = Map.copyOf(props);
        this.kinds = config.kinds();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GenesysDirectorySourceTask.class;
    }

    /** Deals the kinds out round robin; never more tasks than kinds. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int tasks = Math.min(maxTasks, kinds.size());
        List<List<String>> assignment = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            assignment.add(new ArrayList<>());
        }
        for (int i = 0; i < kinds.size(); i++) {
            assignment.get(i % tasks).add(kinds.get(i).configName());
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> names : assignment) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(GenesysDirectorySourceTask.TASK_KINDS, String.join(",", names));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return DirectorySourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidation.validateConnection(connectorConfigs, super.validate(connectorConfigs));
    }

    /**
     * A poll's records and the offsets of their shards go out together; with exactly-once on, Connect's own
     * transaction per poll makes a listing's changes visible whole or not at all.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Checks offsets a user writes through the REST API: a partition must be a shard of a listed kind, and an offset
     * null (the shard forgets its entities: they are emitted again, and none of them is tombstoned) or a
     * {@code digests} value this connector wrote.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<DirectoryKind> listed;
        try {
            listed = new DirectorySourceConfig(connectorConfig).kinds();
        } catch (ConfigException e) {
            throw new ConnectException("Cannot check offsets against an invalid connector config: " + e.getMessage(), e);
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String problem = problem(entry.getKey(), entry.getValue(), listed);
            if (problem != null) {
                throw new ConnectException(problem);
            }
        }
        return true;
    }

    static String problem(Map<String, ?> partition, Map<String, ?> offset, List<DirectoryKind> listed) {
        String allowed = "a source partition must be {\"" + DirectoryMemory.DIRECTORY + "\": \"<kind>\", \""
                + DirectoryMemory.SHARD + "\": \"<00 to ff>\"} with a kind of " + DirectoryMemory.DIRECTORY
                + " in " + listed.stream().map(DirectoryKind::configName).collect(Collectors.toList());
        if (partition == null || partition.size() != 2 || !(partition.get(DirectoryMemory.DIRECTORY) instanceof String)
                || !(partition.get(DirectoryMemory.SHARD) instanceof String shardText)) {
            return allowed + ", not " + partition;
        }
        DirectoryKind kind = DirectoryKind.of((String) partition.get(DirectoryMemory.DIRECTORY));
        if (kind == null || !listed.contains(kind) || !shardText.matches("[0-9a-f]{2}")) {
            return allowed + ", not " + partition;
        }
        if (offset == null) {
            return null;
        }
        if (offset.size() != 1 || !offset.containsKey(DirectoryMemory.DIGESTS)) {
            return "the offset of " + partition + " must be {\"" + DirectoryMemory.DIGESTS + "\": \"...\"} as the "
                    + "connector wrote it (see GET /connectors/<name>/offsets), or null to forget the shard";
        }
        String problem = DirectoryMemory.problem(offset.get(DirectoryMemory.DIGESTS), Integer.parseInt(shardText, 16));
        return problem == null ? null : "the offset of " + partition + " is not one the connector wrote: " + problem;
    }
}
