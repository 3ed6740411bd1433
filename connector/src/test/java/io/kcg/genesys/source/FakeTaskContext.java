package io.kcg.genesys.source;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker gives a source task, as a test sets it up: the task's config, the offsets it reads at start (a
 * copy of what a test's "worker" committed), the partitions it asked for, and optionally a transaction context.
 */
final class FakeTaskContext implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Map<Map<String, ?>, Map<String, Object>> offsets;
    final List<Collection<?>> offsetReads = new ArrayList<>();
    final List<SourceRecord> transactionEnds = new ArrayList<>();
    private final boolean transactions;
    /** What pluginMetrics() answers: none, as on a worker before Kafka 4.1, unless a test sets Kafka's own. */
    PluginMetrics pluginMetrics;

    FakeTaskContext(Map<String, String> configs, Map<Map<String, ?>, Map<String, Object>> offsets,
                    boolean transactions) {
        this.configs = configs;
        this.offsets = new HashMap<>(offsets);
        this.transactions = transactions;
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
                offsetReads.add(List.copyOf(partitions));
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
    public TransactionContext transactionContext() {
        if (!transactions) {
            return null;
        }
        return new TransactionContext() {
            @Override
            public void commitTransaction() {
                throw new AssertionError("the task commits after a record");
            }

            @Override
            public void commitTransaction(SourceRecord record) {
                transactionEnds.add(record);
            }

            @Override
            public void abortTransaction() {
                throw new AssertionError("the task never aborts");
            }

            @Override
            public void abortTransaction(SourceRecord record) {
                throw new AssertionError("the task never aborts");
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }
}
