package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.FaultPlan;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With an exactly-once worker and transaction.boundary=connector, a read_committed consumer sees whole windows or
 * nothing, also when the task is restarted in the middle of the backfill, and never a record twice.
 */
class ExactlyOnceIT {
    static ConnectHarness harness;
    static GenesysSimulator sim;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        harness = ConnectHarness.start("genesys-eos", GenesysSimulator.builder().seed(11L).queues(3).agentsPerQueue(4)
                .fixedClock(ConnectHarness.NOW).port(0).build().start(),
                Map.of("exactly.once.source.support", "enabled"), broker);
        sim = harness.sim;
        connect = harness.connect;
    }

    @AfterAll
    static void stopAll() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void readCommittedConsumersSeeWholeWindowsOnlyEvenAcrossATaskRestart() throws Exception {
        Map<String, String> props = harness.connectorProps("eos");
        props.put("queries", "queues");
        props.put("tasks.max", "1");
        props.put("exactly.once.support", "required");
        props.put("transaction.boundary", "connector");
        Instant start = ConnectHarness.START;
        Instant end = ConnectHarness.SETTLED_END;
        Map<String, JsonNode> expected = ExpectedRecords.of(sim, props, "queues", start, end);

        sim.setFaults(FaultPlan.none().withSlow(1.0, Duration.ofMillis(300)));
        connect.configureConnector("eos", props);
        Map<String, Object> readCommitted = Map.of("isolation.level", "read_committed");
        connect.kafka().consume(expected.size() / 3, 90_000, readCommitted, "eos.queues");
        connect.restartTask("eos", 0); // in the middle of the backfill, likely inside a window's transaction
        sim.setFaults(FaultPlan.none());

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(
                new HashMap<>(readCommitted), "eos.queues")) {
            long deadline = System.currentTimeMillis() + 90_000;
            while (records.size() < expected.size() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add); // anything beyond would be a duplicate
        }
        ConnectHarness.assertExactlyOnce(expected, records);

        // Whole windows: each window's committed record count equals the truth's count for that window.
        Map<String, Integer> perWindow = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Header window = record.headers().lastHeader("genesys.window");
            perWindow.merge(new String(window.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        assertEquals(12, perWindow.size(), "3 days of 6-hour windows: " + perWindow.keySet());
        for (Map.Entry<String, Integer> window : perWindow.entrySet()) {
            String[] bounds = window.getKey().split("/");
            int truth = ExpectedRecords.of(sim, props, "queues", Instant.parse(bounds[0]), Instant.parse(bounds[1])).size();
            assertEquals(truth, window.getValue(), "records of window " + window.getKey());
        }
        assertTrue(expected.size() > 100);
    }
}
