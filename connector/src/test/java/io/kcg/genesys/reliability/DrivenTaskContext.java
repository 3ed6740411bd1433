package io.kcg.genesys.reliability;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a worker gives a source task, for a test that calls {@code poll()} itself to control what happens between
 * two polls: the task's config and the offsets it starts from (none, or those a previous task handed over).
 */
final class DrivenTaskContext implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Map<Map<String, ?>, Map<String, Object>> offsets;

    DrivenTaskContext(Map<String, String> configs, Map<Map<String, ?>, Map<String, Object>> offsets) {
        this.configs = configs;
        this.offsets = offsets;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    if (offsets.containsKey(partition)) {
                        found.put(partition, offsets.get(partition));
                    }
                }
                return found;
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null; // the task registers no metrics
    }
}
