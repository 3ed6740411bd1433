package io.kcg.genesys.bench;

import io.kcg.genesys.record.MappedRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The "Connect ceiling" of the end-to-end benchmark: a source connector whose task hands Connect the records the
 * Genesys connector would, window by window, built before the run ({@link #use}). Its polls do no HTTP, no parsing
 * and no mapping, so a run of it measures what is left: the worker's conversion, the producer and the broker.
 *
 * <p>Config: {@code topic}, where the records go. The windows come from this JVM (the benchmark's worker runs in
 * it), hence a static, as with {@link BenchClock}.
 */
public final class PrebuiltRecordsConnector extends SourceConnector {
    static final String TOPIC = "topic";

    /** One window's records as the Genesys connector's mapper made them, with the schemas it declares. */
    record Window(Instant start, Instant end, Schema keySchema, Schema valueSchema, List<MappedRecord> records) {
    }

    private static volatile List<Window> windows = List.of();
    private Map<String, String> props;

    /** The windows the next task hands out, in this order, one per poll. */
    static void use(List<Window> prebuilt) {
        windows = List.copyOf(prebuilt);
    }

    static List<Window> windows() {
        return windows;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PrebuiltRecordsTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props); // one task: the Genesys connector's run has one query, so one task
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the target topic");
    }

    @Override
    public String version() {
        return "bench";
    }
}
