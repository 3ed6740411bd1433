package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.apicurio.registry.utils.converter.AvroConverter;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector's records through an Avro converter into a real schema registry: Apicurio's AvroConverter on an
 * EmbeddedConnectCluster worker, Apicurio Registry 3.3.3 in its own Java 21+ process, the simulator over HTTP. A plain
 * consumer decodes every record with the schema the registry serves by id and compares it with the simulator's ground
 * truth; then the query gains a metric and the subject gains a second, compatible version.
 */
class AvroRegistryIT {
    static final Instant NOW = Instant.parse("2026-03-12T03:00:00Z");
    static final Instant START = Instant.parse("2026-03-11T00:00:00Z");
    /** With a settle delay of 3 h (beyond the simulator's longest metric lag) the truth no longer moves. */
    static final Instant SETTLED_END = Instant.parse("2026-03-12T00:00:00Z");
    static final Duration LATER = Duration.ofHours(1);
    static final long TIMEOUT_MS = 90_000;
    static final String TOPIC = "avro.queues";
    static final String BODY = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],"
            + "\"metrics\":[\"nOffered\",\"tAbandon\",\"tHandle\",\"oServiceLevel\"]}";

    static GenesysSimulator sim;
    static ApicurioRegistry registry;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startAll() throws Exception {
        Optional<Path> java21 = Java21Home.find();
        Assumptions.assumeTrue(java21.isPresent(), () -> Java21Home.missing("Apicurio Registry 3.3.3"));
        // The registry boots in its own JVM while the broker and worker start here.
        registry = ApicurioRegistry.start(java21.get(), ApicurioRegistry.distribution());
        sim = GenesysSimulator.builder().seed(11L).queues(3).agentsPerQueue(4).fixedClock(NOW).port(0).build().start();
        SimulatedClock.use(sim);
        // Apicurio's converter jar has no ServiceLoader manifest: the worker must also scan classes for plugins.
        connect = new EmbeddedConnectCluster.Builder().name("genesys-avro").numWorkers(1)
                .workerProps(new HashMap<>(Map.of("plugin.discovery", "hybrid_warn", "offset.flush.interval.ms", "1000")))
                .build();
        connect.start();
        registry.awaitReady(Duration.ofMinutes(2));
        // With a rule in place, the registry itself refuses a version that is not BACKWARD compatible.
        registry.setGlobalCompatibility("BACKWARD");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (connect != null) {
            connect.stop();
        }
        if (sim != null) {
            sim.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static Map<String, String> connectorProps(String body) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", "demo-client");
        props.put("genesys.client.secret", "demo-secret");
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("queries", "queues");
        props.put("query.queues.body", body);
        props.put("query.queues.topic", TOPIC);
        props.put("query.queues.start", START.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT3H");
        props.put("poll.interval", "PT1S");
        props.put("heartbeat.topic", "avro.heartbeats");
        // No restatement passes: this test is about schemas, and a pass after the query change may emit buckets of
        // the lookback again (with the new metric), which would blur "which records carry which version".
        props.put("restatement.lookback", "PT0S");
        props.put("internal.testing.clock.class", SimulatedClock.class.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        for (String side : new String[] {"key", "value"}) {
            String prefix = side + ".converter.";
            props.put(side + ".converter", AvroConverter.class.getName());
            props.put(prefix + "apicurio.registry.url", registry.registryV2Url());
            props.put(prefix + "apicurio.registry.auto-register", "true");
            // The Confluent wire format: magic byte and a 4-byte id in the payload, the id being the one the
            // Confluent-compatible API serves (the content id).
            props.put(prefix + "apicurio.registry.headers.enabled", "false");
            props.put(prefix + "apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
            props.put(prefix + "apicurio.registry.use-id", "contentId");
        }
        return props;
    }

    /** Every record on the topic, decoded by a plain consumer, keyed as ExpectedRecords keys the truth. */
    static Map<String, AvroWire.Decoded> consumeDecoded(int atLeast) throws Exception {
        connect.kafka().consume(atLeast, TIMEOUT_MS, TOPIC);
        Map<String, AvroWire.Decoded> values = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(10_000, TOPIC)) {
            AvroWire.Decoded key = AvroWire.decode(record.key(), registry);
            String keyText = key.json().toString();
            assertEquals(registry.version(TOPIC + "-key", 1), key.schema(), "the key's schema is the key subject's");
            assertNull(values.put(keyText, AvroWire.decode(record.value(), registry)), "duplicate key " + keyText);
        }
        return values;
    }

    static void assertSameAsTruth(Map<String, JsonNode> truth, Map<String, AvroWire.Decoded> decoded) {
        assertEquals(truth.keySet(), decoded.keySet(), "every (bucket, group) of the ground truth, no other");
        truth.forEach((key, value) -> assertEquals(value, decoded.get(key).json(), "numbers of " + key));
    }

    @Test
    void recordsDecodeFromTheRegistrysSchemaAndAnAddedMetricRegistersACompatibleSecondVersion() throws Exception {
        Map<String, String> v1 = connectorProps(BODY);
        Map<String, JsonNode> truth = ExpectedRecords.of(sim, v1, "queues", START, SETTLED_END);
        assertTrue(truth.size() > 100, "a meaningful amount of data: " + truth.size());

        connect.configureConnector("avro", v1);
        Map<String, AvroWire.Decoded> first = consumeDecoded(truth.size());
        assertSameAsTruth(truth, first);

        String valueSubject = TOPIC + "-value";
        String keySubject = TOPIC + "-key";
        assertTrue(registry.subjects().containsAll(List.of(valueSubject, keySubject)), registry.subjects().toString());
        assertEquals(List.of(1), registry.versions(valueSubject));
        Set<Integer> firstIds = new HashSet<>();
        first.values().forEach(d -> firstIds.add(d.schemaId()));
        assertEquals(1, firstIds.size(), "one value schema for the whole backfill");
        Schema version1 = registry.version(valueSubject, 1);
        assertEquals("io.kcg.genesys.wide.Queues", version1.getFullName());
        assertEquals(version1, first.values().iterator().next().schema(), "the id in the payload is version 1's");

        // Change the query: one more metric. Restart it, then let an hour of new buckets settle.
        Map<String, String> v2 = connectorProps(BODY.replace("\"tHandle\"", "\"tHandle\",\"tTalk\""));
        connect.stopConnector("avro");
        connect.assertions().assertConnectorIsStopped("avro", "connector did not stop");
        connect.configureConnector("avro", v2);
        connect.resumeConnector("avro");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("avro", 1, "connector did not resume");
        sim.clock().set(NOW.plus(LATER));
        Map<String, JsonNode> later = ExpectedRecords.of(sim, v2, "queues", SETTLED_END, SETTLED_END.plus(LATER));
        assertFalse(later.isEmpty(), "the new hour has data");

        Map<String, AvroWire.Decoded> all = consumeDecoded(truth.size() + later.size());
        Map<String, AvroWire.Decoded> second = new HashMap<>(all);
        second.keySet().removeAll(first.keySet());
        assertSameAsTruth(later, second);

        assertEquals(List.of(1, 2), registry.versions(valueSubject), "a second version of the value subject");
        assertEquals(List.of(1), registry.versions(keySubject), "a metric leaves the key as it was");
        Schema version2 = registry.version(valueSubject, 2);
        assertNotNull(version2.getField("t_talk_sum"));
        assertNotNull(version2.getField("avg_talk_ms"), "and its derived KPI");
        second.values().forEach(d -> assertEquals(version2, d.schema(), "new records carry version 2's id"));
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(version2, version1).getType(), "BACKWARD");
        // Version 1's readers (FORWARD) read version 2's records too.
        for (AvroWire.Decoded decoded : second.values()) {
            assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(version1, decoded.schema()).getType());
        }

        // The rule is live: a renamed query (another record name) would be refused in this subject.
        Schema renamed = new Schema.Parser().parse(version2.toString().replace("\"Queues\"", "\"QueueReport\""));
        assertFalse(registry.isCompatibleWithLatest(valueSubject, renamed), "a renamed record is not compatible");
        assertTrue(registry.isCompatibleWithLatest(valueSubject, version1), "going back to version 1 is");
    }
}
