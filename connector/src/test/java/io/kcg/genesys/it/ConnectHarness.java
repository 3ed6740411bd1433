package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulator and a real Connect cluster (one KRaft broker, one worker) wired together for an integration test
 * class: the connector config that points one at the other, and the reads and waits the tests share.
 */
final class ConnectHarness implements AutoCloseable {
    /** The simulator's clock in most tests: three settled days after START with a settle delay of 3 hours. */
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-09T00:00:00Z");
    /** After the settle delay of 3 h (more than the simulator's longest metric lag), the truth no longer moves. */
    static final Instant SETTLED_END = Instant.parse("2026-03-12T00:00:00Z");
    static final long TIMEOUT_MS = 90_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final GenesysSimulator sim;
    final EmbeddedConnectCluster connect;

    private ConnectHarness(GenesysSimulator sim, EmbeddedConnectCluster connect) {
        this.sim = sim;
        this.connect = connect;
    }

    /** Starts {@code sim} (already built) and a cluster with these worker overrides and broker properties. */
    static ConnectHarness start(String name, GenesysSimulator sim, Map<String, String> workerOverrides, Properties broker) {
        SimulatedClock.use(sim);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                .brokerProps(broker).workerProps(WorkerProps.with(workerOverrides)).build();
        connect.start();
        return new ConnectHarness(sim, connect);
    }

    @Override
    public void close() {
        connect.stop();
        sim.close();
    }

    /** Two queries (queues and agents) backfilling from START, their topics prefixed with {@code topicPrefix}. */
    Map<String, String> connectorProps(String topicPrefix) {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "2");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", "demo-client");
        props.put("genesys.client.secret", "demo-secret");
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("genesys.retry.max.attempts", "10");
        props.put("queries", "queues,agents");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\","
                + "\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\",\"tHeld\",\"tAcw\",\"tHandle\",\"oServiceLevel\"]}");
        props.put("query.queues.topic", topicPrefix + ".queues");
        props.put("query.queues.start", START.toString());
        props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
                + "\"metrics\":[\"nConnected\",\"tTalk\",\"tHandle\"]}");
        props.put("query.agents.topic", topicPrefix + ".agents");
        props.put("query.agents.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT3H");
        props.put("poll.interval", "PT1S");
        props.put("heartbeat.topic", topicPrefix + ".heartbeats");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        // Connect creates the topics (KIP-158); the embedded broker does not auto-create them.
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    /** Reads until {@code count} records arrived, then everything up to the end of the topics. */
    List<ConsumerRecord<byte[], byte[]>> consume(int count, String... topics) throws Exception {
        connect.kafka().consume(count, TIMEOUT_MS, topics);
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        connect.kafka().consumeAll(10_000, topics).forEach(list::add);
        return list;
    }

    static void assertExactlyOnce(Map<String, JsonNode> expected, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = ExpectedRecords.key(record);
            JsonNode previous = seen.put(key, ExpectedRecords.value(record));
            assertTrue(previous == null, "duplicate record for key " + key);
        }
        assertEquals(expected.keySet(), seen.keySet(), "every (query, bucket, group) of the ground truth, no other");
        for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), seen.get(entry.getKey()), "numbers of " + entry.getKey());
        }
    }

    /**
     * A query's committed watermark, read through the REST API's offsets endpoint, or null. Read with a plain HTTP
     * client: with restatement on the answer lists every bucket memory of the horizon (megabytes at 1,200 agents),
     * more than EmbeddedConnect's own client buffers.
     */
    Instant watermark(String connector, String query) {
        try {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    connect.endpointForResource("connectors/" + connector + "/offsets"))).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                JsonNode offsets = JSON.readTree(body).path("offsets");
                for (JsonNode offset : offsets) {
                    // The query's own partition: its buckets' partitions ({"query", "bucket"}) hold their memories.
                    JsonNode partition = offset.path("partition");
                    if (partition.size() == 1 && query.equals(partition.path("query").asText())) {
                        return Instant.ofEpochMilli(offset.path("offset").path("watermark").asLong());
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void waitForWatermark(String connector, String query, Instant expected) throws InterruptedException {
        // Every read of the offsets endpoint logs the connector's config: a poll every half second, not ten a second.
        TestUtils.waitForCondition(() -> expected.equals(watermark(connector, query)), TIMEOUT_MS, 500,
                () -> "watermark of " + query + " is " + watermark(connector, query) + ", expected " + expected);
    }
}
