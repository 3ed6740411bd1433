package io.kcg.genesys.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.simulator.model.DirectoryTimeline;
import io.kcg.genesys.simulator.model.MediaType;
import io.kcg.genesys.source.GenesysDirectorySourceConnector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory source on a real worker against the simulator over HTTP, with the directory changing over simulated
 * time: every topic's latest record per key equals the simulator's listing (tombstones for what vanished), a record
 * is written only for what changed, and a restart after changes made while the connector was stopped writes exactly
 * those changes, including the tombstones.
 */
class DirectoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "directory";
    private static final String PREFIX = "dir.";
    private static final List<String> KINDS = List.of("queues", "users", "wrapupcodes", "divisions");
    private static final Map<MediaType, String> MEDIA = Map.of(MediaType.VOICE, "voice", MediaType.CALLBACK,
            "callback", MediaType.CHAT, "chat", MediaType.EMAIL, "email", MediaType.MESSAGE, "message");

    static ConnectHarness harness;
    static GenesysSimulator sim;

    @BeforeAll
    static void startAll() {
        sim = GenesysSimulator.builder().seed(5).queues(5).agentsPerQueue(4)
                .fixedClock(Instant.parse("2026-03-09T00:00:00Z")).directoryChanges(true).build().start();
        harness = ConnectHarness.start("directory-it", sim, Map.of(), new Properties());
    }

    @AfterAll
    static void stopAll() {
        harness.close();
    }

    private static Map<String, String> connectorProps() {
        Map<String, String> props = new LinkedHashMap<>(ExpectedRecords.converterProps());
        props.put("connector.class", GenesysDirectorySourceConnector.class.getName());
        props.put("tasks.max", "2");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("directory.topic.prefix", PREFIX);
        props.put("directory.poll.interval", "PT1S");
        props.put("directory.page.size", "7");
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        props.put("topic.creation.default.cleanup.policy", "compact");
        return props;
    }

    @Test
    void theTopicsFollowTheDirectoryThroughChangesAndARestart() throws Exception {
        Instant t1 = Instant.parse("2026-03-09T00:00:00Z");
        while (sim.directory().at(t1).queues().size() == 5) {
            t1 = t1.plus(Duration.ofHours(1)); // a time when a campaign queue exists
        }
        sim.clock().set(t1);
        harness.connect.configureConnector(NAME, connectorProps());
        Map<String, JsonNode> first = expected(sim.directory().at(t1));
        int written = awaitTopics(first, 0);
        assertEquals(first.size(), written, "one record per entity at first");

        Thread.sleep(3_000); // three poll intervals with nothing changed
        assertEquals(written, readAll().size(), "no record when nothing changed");

        Instant t2 = t1.plus(DirectoryTimeline.CAMPAIGN_LIFE).plus(Duration.ofHours(1));
        sim.clock().set(t2);
        Map<String, JsonNode> second = expected(sim.directory().at(t2));
        int changes = differences(first, second);
        assertTrue(changes > 0);
        written = awaitTopics(second, written);
        assertEquals(changes, written - first.size(), "a record per change, a tombstone per vanished entity");

        harness.connect.stopConnector(NAME);
        Instant t3 = t2.plus(Duration.ofDays(12));
        sim.clock().set(t3);
        Map<String, JsonNode> third = expected(sim.directory().at(t3));
        int changedWhileStopped = differences(second, third);
        harness.connect.resumeConnector(NAME);
        int before = written;
        written = awaitTopics(third, before);
        assertEquals(changedWhileStopped, written - before,
                "after the restart, exactly what changed while stopped: nothing unchanged is written again");
    }

    /** How many keys differ between two expected states (new, changed or gone). */
    private static int differences(Map<String, JsonNode> from, Map<String, JsonNode> to) {
        int n = 0;
        for (Map.Entry<String, JsonNode> entry : to.entrySet()) {
            n += entry.getValue().equals(from.get(entry.getKey())) ? 0 : 1;
        }
        for (String key : from.keySet()) {
            n += to.containsKey(key) ? 0 : 1;
        }
        return n;
    }

    /** Waits until the topics hold exactly {@code expected} and stop growing; returns the records written in all. */
    private static int awaitTopics(Map<String, JsonNode> expected, int writtenBefore) throws InterruptedException {
        int[] count = {0};
        TestUtils.waitForCondition(() -> {
            List<ConsumerRecord<byte[], byte[]>> records = readAll();
            count[0] = records.size();
            return latest(records).equals(expected);
        }, ConnectHarness.TIMEOUT_MS, () -> "the topics differ from the directory at " + differing(expected));
        Thread.sleep(2_000); // two more poll intervals: nothing else may arrive
        List<ConsumerRecord<byte[], byte[]>> records = readAll();
        assertEquals(expected, latest(records));
        assertEquals(count[0], records.size(), "records kept arriving after the topics matched");
        assertTrue(records.size() > writtenBefore || expected.isEmpty());
        return records.size();
    }

    private static String differing(Map<String, JsonNode> expected) {
        Map<String, JsonNode> actual = latest(readAll());
        StringBuilder out = new StringBuilder();
        for (String key : new java.util.TreeSet<>(expected.keySet())) {
            if (!expected.get(key).equals(actual.get(key))) {
                out.append("\n  ").append(key).append(": expected ").append(expected.get(key)).append(", topic ")
                        .append(actual.get(key));
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> out.append("\n  ").append(k).append(": not expected"));
        return out.toString();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll() {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        String[] topics = KINDS.stream().map(k -> PREFIX + k).toArray(String[]::new);
        try {
            harness.connect.kafka().consumeAll(10_000, topics).forEach(list::add);
        } catch (Exception e) {
            throw new AssertionError("reading the directory topics", e);
        }
        return list;
    }

    /** The latest value per topic and key; a tombstone removes the key. */
    private static Map<String, JsonNode> latest(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> state = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = record.topic() + " " + json(record.key()).get("id").asText();
            if (record.value() == null) {
                state.remove(key);
            } else {
                state.put(key, json(record.value()));
            }
        }
        return state;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What the topics must hold for a snapshot, written out field by field from the simulator's model. */
    private static Map<String, JsonNode> expected(DirectorySnapshot snapshot) {
        Map<String, JsonNode> state = new HashMap<>();
        for (DirectorySnapshot.Queue q : snapshot.queues()) {
            ObjectNode v = JSON.createObjectNode().put("id", q.id()).put("name", q.name())
                    .put("division_id", q.divisionId()).put("division_name", q.divisionName()).putNull("description");
            for (MediaType media : List.of(MediaType.VOICE, MediaType.CALLBACK, MediaType.CHAT, MediaType.EMAIL,
                    MediaType.MESSAGE)) {
                v.put(MEDIA.get(media) + "_service_level_percentage", q.serviceLevels().get(media).percentage());
                v.put(MEDIA.get(media) + "_service_level_duration_ms", q.serviceLevels().get(media).durationMs());
            }
            state.put(PREFIX + "queues " + q.id(), v);
        }
        for (DirectorySnapshot.User u : snapshot.users()) {
            if (u.state().equals("deleted")) {
                continue;
            }
            ObjectNode v = JSON.createObjectNode().put("id", u.id()).put("name", u.name())
                    .put("division_id", u.divisionId()).put("division_name", u.divisionName()).put("state", u.state())
                    .put("email", u.email()).put("username", u.email()).put("department", u.department())
                    .put("title", u.title());
            if (u.managerId() == null) {
                v.putNull("manager_id");
            } else {
                v.put("manager_id", u.managerId());
            }
            state.put(PREFIX + "users " + u.id(), v);
        }
        for (DirectorySnapshot.WrapUpCode w : snapshot.wrapUpCodes()) {
            state.put(PREFIX + "wrapupcodes " + w.id(), JSON.createObjectNode().put("id", w.id()).put("name", w.name())
                    .put("division_id", w.divisionId()).put("division_name", w.divisionName()));
        }
        for (DirectorySnapshot.Division d : snapshot.divisions()) {
            state.put(PREFIX + "divisions " + d.id(), JSON.createObjectNode().put("id", d.id()).put("name", d.name())
                    .put("description", d.description()).put("home_division", d.homeDivision()));
        }
        // Through text and back, as the records are read: 20000 then reads as an int node, as in the topics.
        Map<String, JsonNode> normalized = new TreeMap<>();
        state.forEach((key, value) -> normalized.put(key, json(value.toString().getBytes(StandardCharsets.UTF_8))));
        return normalized;
    }
}
