package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.it.ReadingClock;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a task as a worker would, from a test's thread: polls it, writes each record (acknowledging it through
 * commitRecord) and commits its source offset into {@link #committed}, the offsets a restarted task reads. The task
 * plans with the simulator's clock and fetches from its ground truth ({@link SimulatedRequests}), or, after
 * {@link #overHttp()}, from the simulator over HTTP with the connector's own client.
 */
final class TaskDriver implements AutoCloseable {
    final GenesysSimulator sim;
    final Map<String, String> props;
    final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    final List<SourceRecord> emitted = new ArrayList<>();
    final SimulatedRequests requests;
    GenesysAggregatesSourceTask task;
    FakeTaskContext context;
    boolean transactions;
    /** The worker's plugin metrics the task gets, or null. */
    PluginMetrics pluginMetrics;
    private boolean overHttp;

    TaskDriver(GenesysSimulator sim, Map<String, String> props) {
        this.sim = sim;
        this.props = props;
        this.requests = new SimulatedRequests(sim);
    }

    /** Requests go to the simulator over HTTP through the connector's client (its props must name the simulator). */
    TaskDriver overHttp() {
        overHttp = true;
        return this;
    }

    TaskDriver start() {
        task = new GenesysAggregatesSourceTask(new ReadingClock(() -> sim.clock().now()), config -> overHttp
                ? new ClientWindowRequests(new GenesysClient(ClientSettings.from(config))) : requests);
        context = new FakeTaskContext(props, committed, transactions);
        context.pluginMetrics = pluginMetrics;
        task.initialize(context);
        task.start(props);
        return this;
    }

    /** Stops the task (as a rebalance or a restart does) and starts a new one from the committed offsets. */
    TaskDriver restart() {
        task.stop();
        return start();
    }

    /** One poll; its records are not written yet. */
    List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        return records == null ? List.of() : records;
    }

    /** Writes a record to "Kafka": it is acknowledged to the task and its offset committed. */
    void write(SourceRecord record) {
        emitted.add(record);
        task.commitRecord(record, null);
        if (record.sourceOffset() == null) {
            committed.remove(record.sourcePartition());
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
            committed.put(record.sourcePartition(), offset);
        }
    }

    /** Polls and writes until nothing is due; returns what was written. */
    List<SourceRecord> drain() throws InterruptedException {
        List<SourceRecord> written = new ArrayList<>();
        for (int polls = 0; task.due(); polls++) {
            if (polls > 10_000) {
                throw new AssertionError("the task never runs out of work");
            }
            for (SourceRecord record : poll()) {
                write(record);
                written.add(record);
            }
        }
        return written;
    }

    /** The latest value of every key written to {@code topic} (null for a tombstone), in first-seen order. */
    Map<Struct, Struct> latest(String topic) {
        Map<Struct, Struct> latest = new LinkedHashMap<>();
        for (SourceRecord record : emitted) {
            if (record.topic().equals(topic)) {
                latest.put((Struct) record.key(), (Struct) record.value());
            }
        }
        return latest;
    }

    /** The query partition's committed offset. */
    Map<String, Object> queryOffset(String query) {
        return committed.get(SourceOffsets.partition(query));
    }

    @Override
    public void close() {
        if (task != null) {
            task.stop();
        }
    }
}
