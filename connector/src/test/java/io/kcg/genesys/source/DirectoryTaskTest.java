package io.kcg.genesys.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kcg.genesys.client.GenesysApiException;
import io.kcg.genesys.client.GenesysRetriableException;
import io.kcg.genesys.client.PagedListing;
import io.kcg.genesys.directory.DirectoryKind;
import io.kcg.genesys.directory.DirectoryMemory;
import io.kcg.genesys.directory.EntityDigest;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.simulator.model.DirectoryTimeline;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory task with a hand-made SourceTaskContext that commits offsets as Connect does (the last delivered
 * record's offset per source partition), against the simulator over HTTP or a scripted lister.
 */
class DirectoryTaskTest {
    private static final Instant T0 = Instant.parse("2026-03-09T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GenesysSimulator sim = GenesysSimulator.builder().seed(11).queues(4).agentsPerQueue(3)
            .fixedClock(T0).directoryChanges(true).build().start();
    private final MutableClock clock = new MutableClock(T0);
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<GenesysDirectorySourceTask> tasks = new ArrayList<>();

    @AfterEach
    void close() {
        tasks.forEach(GenesysDirectorySourceTask::stop);
        sim.close();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** What a worker gives a task: its config, and the offsets committed so far. */
    private final class Context implements SourceTaskContext {
        private final Map<String, String> configs;

        Context(Map<String, String> configs) {
            this.configs = configs;
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
                    return committed.get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                    for (Map<String, T> partition : partitions) {
                        if (committed.containsKey(partition)) {
                            found.put(partition, committed.get(partition));
                        }
                    }
                    return found;
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }

    private Map<String, String> props(String kinds) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("directory.poll.interval", "PT15M");
        props.put("directory.page.size", "5");
        props.put(GenesysDirectorySourceTask.TASK_KINDS, kinds);
        return props;
    }

    private GenesysDirectorySourceTask start(String kinds, GenesysDirectorySourceTask.Lister lister) {
        GenesysDirectorySourceTask task = new GenesysDirectorySourceTask(clock, lister);
        Map<String, String> props = props(kinds);
        task.initialize(new Context(props));
        task.start(props);
        tasks.add(task);
        return task;
    }

    /** A poll whose records Connect delivered: their offsets are committed as the worker would. */
    private List<SourceRecord> pollAndCommit(GenesysDirectorySourceTask task) throws InterruptedException {
        List<SourceRecord> records = task.poll();
        if (records != null) {
            for (SourceRecord record : records) {
                committed.put(record.sourcePartition(), new HashMap<>(record.sourceOffset()));
            }
        }
        return records == null ? List.of() : records;
    }

    private static String id(SourceRecord record) {
        return ((Struct) record.key()).getString("id");
    }

    private static Map<String, Struct> byId(List<SourceRecord> records) {
        Map<String, Struct> map = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            assertNull(map.put(id(record), (Struct) record.value()), "one record per entity: " + id(record));
        }
        return map;
    }

    private Instant firstInstantWhere(Instant from, Function<Instant, Boolean> condition) {
        Instant t = from;
        while (!condition.apply(t)) {
            t = t.plus(Duration.ofHours(1));
            assertTrue(t.isBefore(from.plus(Duration.ofDays(400))), "the simulator never got there");
        }
        return t;
    }

    @Test
    void aPollEmitsEveryQueueThenOnlyTheOneRenamed() throws Exception {
        GenesysDirectorySourceTask task = start("queues", null);
        List<SourceRecord> first = pollAndCommit(task);
        DirectorySnapshot snapshot = sim.directory().at(T0);
        assertEquals(snapshot.queues().size(), first.size());
        Map<String, Struct> queues = byId(first);
        for (DirectorySnapshot.Queue queue : snapshot.queues()) {
            Struct value = queues.get(queue.id());
            assertEquals(queue.name(), value.getString("name"));
            assertEquals(queue.divisionId(), value.getString("division_id"));
            assertEquals(queue.divisionName(), value.getString("division_name"));
            assertEquals(0.8, value.getFloat64("voice_service_level_percentage"));
            assertEquals(20_000L, value.getInt64("voice_service_level_duration_ms"));
            assertNotNull(value.getInt64("email_service_level_duration_ms"));
        }
        assertEquals("genesys.directory.queues", first.get(0).topic());

        clock.advance(Duration.ofMinutes(15));
        assertEquals(List.of(), pollAndCommit(task), "nothing changed");

        String renamed = sim.queueIds().get(0);
        Instant rename = firstInstantWhere(T0, t -> !sim.directory().at(t).queue(renamed).name()
                .equals(snapshot.queue(renamed).name()));
        sim.clock().set(rename);
        clock.advance(Duration.ofMinutes(15));
        DirectorySnapshot after = sim.directory().at(rename);
        Set<String> changed = new HashSet<>();
        for (DirectorySnapshot.Queue queue : after.queues()) {
            DirectorySnapshot.Queue before = snapshot.queue(queue.id());
            if (before == null || !before.equals(queue)) {
                changed.add(queue.id());
            }
        }
        Set<String> gone = new HashSet<>();
        snapshot.queues().forEach(q -> gone.add(q.id()));
        after.queues().forEach(q -> gone.remove(q.id()));
        Map<String, Struct> emitted = new HashMap<>();
        for (SourceRecord record : pollAndCommit(task)) {
            emitted.put(id(record), (Struct) record.value());
        }
        Set<String> expected = new HashSet<>(changed);
        expected.addAll(gone);
        assertEquals(expected, emitted.keySet(), "only what changed or vanished");
        assertEquals(after.queue(renamed).name(), emitted.get(renamed).getString("name"));
        gone.forEach(id -> assertNull(emitted.get(id), "a tombstone for " + id));
    }

    @Test
    void aRestartRemembersWhatWasEmittedAndTombstonesWhatVanishedMeanwhile() throws Exception {
        Instant withCampaign = firstInstantWhere(T0, t -> sim.directory().at(t).queues().size() > 4);
        sim.clock().set(withCampaign);
        GenesysDirectorySourceTask task = start("queues,wrapupcodes", null);
        List<SourceRecord> first = new ArrayList<>(pollAndCommit(task));
        first.addAll(pollAndCommit(task));
        DirectorySnapshot before = sim.directory().at(withCampaign);
        assertEquals(before.queues().size() + before.wrapUpCodes().size(), first.size());
        task.stop();

        Instant gone = withCampaign.plus(DirectoryTimeline.CAMPAIGN_LIFE);
        sim.clock().set(gone);
        DirectorySnapshot after = sim.directory().at(gone);
        GenesysDirectorySourceTask restarted = start("queues,wrapupcodes", null);
        List<SourceRecord> records = new ArrayList<>(pollAndCommit(restarted));
        records.addAll(pollAndCommit(restarted));
        Map<String, SourceRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(id(r), r));
        String campaignQueue = before.queues().get(4).id();
        assertNull(after.queue(campaignQueue));
        assertTrue(byId.containsKey(campaignQueue), "the campaign queue deleted while stopped is tombstoned");
        assertNull(byId.get(campaignQueue).value());
        String campaignCode = before.wrapUpCodes().get(before.wrapUpCodes().size() - 1).id();
        assertNull(byId.get(campaignCode).value(), "and its wrap-up code");
        for (DirectorySnapshot.Queue queue : after.queues()) {
            boolean same = queue.equals(before.queue(queue.id()));
            assertEquals(!same, byId.containsKey(queue.id()), "re-emitted only when changed: " + queue);
        }
    }

    @Test
    void aSupervisorWhoLeavesStaysInactiveThenIsTombstonedWhenDeleted() throws Exception {
        String agent = sim.userIds().get(0);
        String manager = sim.directory().at(T0).user(agent).managerId();
        Instant handover = firstInstantWhere(T0, t -> !sim.directory().at(t).user(agent).managerId().equals(manager));
        sim.clock().set(handover.minus(Duration.ofHours(1)));
        GenesysDirectorySourceTask task = start("users", null);
        Map<String, Struct> users = byId(pollAndCommit(task));
        assertEquals("active", users.get(manager).getString("state"));
        assertEquals(manager, users.get(agent).getString("manager_id"));
        assertEquals("Supervisor", users.get(manager).getString("title"));

        sim.clock().set(handover);
        clock.advance(Duration.ofMinutes(15));
        Map<String, Struct> changed = byId(pollAndCommit(task));
        assertEquals("inactive", changed.get(manager).getString("state"), "an inactive user keeps its record");
        String next = sim.directory().at(handover).user(agent).managerId();
        assertEquals(next, changed.get(agent).getString("manager_id"));
        assertEquals("active", changed.get(next).getString("state"));

        sim.clock().set(handover.plus(DirectoryTimeline.INACTIVE_FOR));
        clock.advance(Duration.ofMinutes(15));
        List<SourceRecord> deleted = pollAndCommit(task);
        SourceRecord tombstone = deleted.stream().filter(r -> id(r).equals(manager)).findFirst().orElseThrow();
        assertNull(tombstone.value(), "a deleted user is a tombstone");
        assertNull(tombstone.valueSchema());
    }

    /** A scripted listing of queues: each id's name, and whether the listing held together. */
    private static PagedListing.Result listing(Map<String, String> names, boolean consistent) {
        Map<String, JsonNode> entities = new LinkedHashMap<>();
        names.forEach((id, name) -> entities.put(id, JSON.createObjectNode().put("id", id).put("name", name)));
        return new PagedListing.Result(entities, names.size(), 1, consistent ? null : "the total changed");
    }

    @Test
    void aFailedListingEmitsNothingAndIsTriedAgainLater() throws Exception {
        List<Object> script = new ArrayList<>(List.of(
                new GenesysRetriableException("page 2 kept failing", 503, 3, null, null),
                listing(Map.of("a", "A", "b", "B"), true)));
        GenesysDirectorySourceTask task = start("queues", kind -> {
            Object next = script.remove(0);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (PagedListing.Result) next;
        });
        RetriableException e = assertThrows(RetriableException.class, task::poll);
        assertTrue(e.getMessage().contains("nothing of it was emitted"), e.getMessage());
        assertTrue(committed.isEmpty());
        clock.advance(GenesysDirectorySourceTask.RETRY_DELAY.minusSeconds(1));
        assertEquals(List.of(), pollAndCommit(task), "not before the retry delay");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Set.of("a", "b"), byId(pollAndCommit(task)).keySet());
    }

    @Test
    void aListingThatDoesNotHoldTogetherTombstonesNothing() throws Exception {
        List<PagedListing.Result> script = new ArrayList<>(List.of(
                listing(Map.of("a", "A", "b", "B", "c", "C"), true),
                listing(Map.of("a", "A2", "d", "D"), false),
                listing(Map.of("a", "A2", "d", "D"), false),
                listing(Map.of("a", "A2", "d", "D"), true)));
        GenesysDirectorySourceTask task = start("queues", kind -> script.remove(0));
        assertEquals(3, pollAndCommit(task).size());
        clock.advance(Duration.ofMinutes(15));
        Map<String, Struct> partial = byId(pollAndCommit(task));
        assertEquals(Set.of("a", "d"), partial.keySet(), "changes and additions, no tombstone for b and c");
        assertEquals("A2", partial.get("a").getString("name"));
        clock.advance(Duration.ofMinutes(15));
        Map<String, Struct> whole = byId(pollAndCommit(task));
        assertEquals(Set.of("b", "c"), whole.keySet());
        assertNull(whole.get("b"));
        assertNull(whole.get("c"));
    }

    @Test
    void onlyTheLastRecordOfAShardInABatchCarriesTheShardsNewState() throws Exception {
        List<String> sameShard = new ArrayList<>();
        for (int i = 0; sameShard.size() < 3; i++) {
            if (EntityDigest.shardOf("q" + i) == 7) {
                sameShard.add("q" + i);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        sameShard.forEach(id -> names.put(id, "name " + id));
        GenesysDirectorySourceTask task = start("queues", kind -> listing(names, true));
        List<SourceRecord> records = task.poll();
        assertEquals(3, records.size());
        Map<String, Object> empty = DirectoryMemory.empty(DirectoryKind.QUEUES).offset(7);
        assertEquals(empty, records.get(0).sourceOffset(), "a crash after it re-emits the rest");
        assertEquals(empty, records.get(1).sourceOffset());
        String digests = (String) records.get(2).sourceOffset().get(DirectoryMemory.DIGESTS);
        for (String id : sameShard) {
            assertTrue(digests.contains("\"" + id + "\""), digests);
        }
        assertEquals(DirectoryMemory.partition(DirectoryKind.QUEUES, 7), records.get(2).sourcePartition());
    }

    @Test
    void anUnreadableShardOffsetStartsThatShardAfresh() throws Exception {
        String id = "q1";
        int shard = EntityDigest.shardOf(id);
        committed.put(DirectoryMemory.partition(DirectoryKind.QUEUES, shard),
                new HashMap<>(Map.of(DirectoryMemory.DIGESTS, "{\"x\":")));
        GenesysDirectorySourceTask task = start("queues", kind -> listing(Map.of(id, "Q"), true));
        assertEquals(1, pollAndCommit(task).size(), "its entity is emitted again");
    }

    @Test
    void aRefusedListingFailsTheTask() {
        // The client names the missing permission in its message (PagedListingTest); the task fails for good.
        GenesysDirectorySourceTask task = start("users", kind -> {
            throw new GenesysApiException("Genesys API 403 not.authorized. Check that a role of the OAuth client "
                    + "grants the permission directory:user:view", 403, "not.authorized", "no", "c");
        });
        ConnectException e = assertThrows(ConnectException.class, task::poll);
        assertFalse(e instanceof RetriableException, "refused for good: " + e);
        assertTrue(e.getMessage().contains("/api/v2/users") && e.getMessage().contains("directory:user:view"),
                e.getMessage());
    }

    /** A task listing the simulator over HTTP with these connection keys changed. */
    private GenesysDirectorySourceTask startOverHttp(String kinds, Map<String, String> overrides) {
        Map<String, String> props = props(kinds);
        props.putAll(overrides);
        GenesysDirectorySourceTask task = new GenesysDirectorySourceTask(clock, null);
        task.initialize(new Context(props));
        task.start(props);
        tasks.add(task);
        return task;
    }

    @Test
    void refusedCredentialsFailTheTaskOnceTheAuthenticationBudgetIsSpent() {
        GenesysDirectorySourceTask task = startOverHttp("queues", Map.of("genesys.client.secret", "not-the-secret-78",
                "genesys.auth.retry.timeout.ms", "2000"));
        long t0 = System.nanoTime();
        ConnectException e = assertThrows(ConnectException.class, task::poll);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(e instanceof RetriableException, "refused for good: " + e);
        assertTrue(millis >= 1900 && millis < 10_000, "failed after " + millis + " ms");
        assertTrue(e.getMessage().contains("Genesys refused authentication") && e.getMessage().contains("over 2 s"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret-78"));
        assertTrue(sim.stats().tokenRequests() >= 2, "retried with back-off: " + sim.stats().tokenRequests());
    }

    @Test
    void aLoginBlipCostsTheListingASecondNotTheTask() throws Exception {
        sim.loginOutage(Duration.ofSeconds(1), 401);
        GenesysDirectorySourceTask task = startOverHttp("queues", Map.of());
        assertEquals(sim.directory().at(T0).queues().size(), pollAndCommit(task).size(), "every queue, after it");
    }

    @Test
    void stopEndsAPollRetryingARefusedLoginWithinASecond() throws Exception {
        sim.loginOutage(Duration.ofMinutes(5), 401);
        GenesysDirectorySourceTask task = startOverHttp("queues", Map.of());
        CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        assertFalse(poll.isDone(), "the poll retries the login");
        long stopping = System.nanoTime();
        task.stop();
        assertNull(poll.get(5, TimeUnit.SECONDS), "the stopped poll returns nothing");
        long millis = (System.nanoTime() - stopping) / 1_000_000;
        assertTrue(millis < 1000, "the poll returned " + millis + " ms after stop()");
        assertTrue(committed.isEmpty(), "nothing emitted, no offset moved");
    }

    @Test
    void atMidSizeEachShardOffsetStaysSmall() throws Exception {
        try (GenesysSimulator mid = GenesysSimulator.builder().seed(3).queues(60).agentsPerQueue(20)
                .fixedClock(T0).build().start()) {
            Map<String, String> props = props("users");
            props.put("genesys.api.url", mid.baseUrl());
            props.put("directory.page.size", "500");
            GenesysDirectorySourceTask task = new GenesysDirectorySourceTask(clock, null);
            task.initialize(new Context(props));
            task.start(props);
            tasks.add(task);
            List<SourceRecord> records = pollAndCommit(task);
            assertEquals(60 * 20 + 60, records.size(), "every agent and supervisor, once");
            int largest = 0;
            int shards = 0;
            for (Map.Entry<Map<String, ?>, Map<String, Object>> offset : committed.entrySet()) {
                largest = Math.max(largest, ((String) offset.getValue().get(DirectoryMemory.DIGESTS)).length());
                shards++;
            }
            System.out.printf("directory offsets at %d users: %d shards, the largest %d characters%n",
                    records.size(), shards, largest);
            assertTrue(largest < 1_000, "the largest shard offset: " + largest);
        }
    }

    @Test
    void theDigestChangesWithEveryField() {
        DirectorySnapshot snapshot = sim.directory().at(T0);
        assertNotEquals(snapshot.queues().get(0).id(), snapshot.queues().get(1).id());
        Struct a = io.kcg.genesys.directory.DirectoryRecords.value(DirectoryKind.QUEUES,
                JSON.createObjectNode().put("id", "x").put("name", "null"));
        Struct b = io.kcg.genesys.directory.DirectoryRecords.value(DirectoryKind.QUEUES,
                JSON.createObjectNode().put("id", "x"));
        assertNotEquals(EntityDigest.of(a), EntityDigest.of(b), "the text null differs from no name");
        assertEquals(11, EntityDigest.of(a).length());
    }
}
