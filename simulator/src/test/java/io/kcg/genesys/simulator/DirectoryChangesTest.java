package io.kcg.genesys.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.model.DirectorySnapshot;
import io.kcg.genesys.simulator.model.DirectoryTimeline;
import io.kcg.genesys.simulator.model.MediaType;
import io.kcg.genesys.simulator.model.ModelConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory listings over simulated time: renames, supervisors' terms, campaign entities, ids the aggregates use. */
class DirectoryChangesTest {
    private static final Instant T0 = Instant.parse("2026-03-09T00:00:00Z");

    private final GenesysSimulator sim = GenesysSimulator.builder().seed(7).queues(4).agentsPerQueue(3)
        .fixedClock(T0).directoryChanges(true).build().start();
    private final Http http = new Http(sim);

    @AfterEach
    void close() {
        sim.close();
    }

    private JsonNode page(String pathAndQuery) throws Exception {
        var response = http.get(pathAndQuery, http.token());
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    @Test
    void theSameSeedAndInstantGiveTheSameDirectory() {
        Directory other = Directory.generate(7, 4, 3, true);
        for (int day = 0; day < 60; day += 3) {
            Instant t = T0.plus(Duration.ofDays(day));
            assertEquals(other.at(t), sim.directory().at(t), "directory at " + t);
        }
        assertNotEquals(Directory.generate(8, 4, 3, true).at(T0), sim.directory().at(T0));
    }

    @Test
    void withoutChangesTheListingsNeverChange() {
        Directory still = Directory.generate(7, 4, 3, false);
        DirectorySnapshot first = still.at(T0);
        for (int day = 1; day < 120; day += 7) {
            assertEquals(first, still.at(T0.plus(Duration.ofDays(day))));
        }
        assertEquals(4 * 3 + 4, first.users().size(), "agents and a supervisor per queue");
        assertEquals(List.of("Support", "Sales", "Billing", "Technical Support"),
            first.queues().stream().map(DirectorySnapshot.Queue::name).toList());
    }

    @Test
    void queuesAreRenamedButKeepTheirIds() {
        Set<String> names = new HashSet<>();
        Directory directory = sim.directory();
        for (int hour = 0; hour < 24 * 90; hour += 6) {
            DirectorySnapshot snapshot = directory.at(T0.plus(Duration.ofHours(hour)));
            for (Directory.Queue queue : directory.queues()) {
                DirectorySnapshot.Queue listed = snapshot.queue(queue.id());
                assertNotNull(listed, "a queue the aggregates use is always listed");
                assertTrue(listed.name().startsWith(queue.name()), listed.name());
                names.add(listed.name());
            }
        }
        assertTrue(names.size() > directory.queues().size() + 2, "renames within 90 days: " + names);
    }

    @Test
    void aSupervisorTurnsInactiveThenDeletedThenLeavesAndTheAgentsGetTheNext() {
        Directory directory = sim.directory();
        String agent = directory.agents().get(0).id();
        String manager = directory.at(T0).user(agent).managerId();
        Instant handover = T0;
        while (directory.at(handover).user(agent).managerId().equals(manager)) {
            handover = handover.plus(Duration.ofHours(1));
        }
        assertTrue(Duration.between(T0, handover).compareTo(DirectoryTimeline.SUPERVISOR_TERM) <= 0);
        assertEquals("active", directory.at(handover.minusSeconds(3600)).user(manager).state());
        assertEquals("inactive", directory.at(handover).user(manager).state());
        Instant deleted = handover.plus(DirectoryTimeline.INACTIVE_FOR);
        assertEquals("deleted", directory.at(deleted).user(manager).state());
        assertNull(directory.at(deleted.plus(DirectoryTimeline.DELETED_FOR)).user(manager), "purged");
        String next = directory.at(handover).user(agent).managerId();
        assertEquals("active", directory.at(handover).user(next).state());
        assertEquals("Supervisor", directory.at(handover).user(next).title());
    }

    @Test
    void aCampaignQueueComesAndGoes() {
        Directory directory = sim.directory();
        Set<String> base = new HashSet<>(sim.queueIds());
        Instant t = T0;
        while (directory.at(t).queues().size() != base.size()) {
            t = t.plus(Duration.ofHours(1));
        }
        while (directory.at(t).queues().size() == base.size()) {
            t = t.plus(Duration.ofHours(1));
        }
        DirectorySnapshot.Queue campaign = directory.at(t).queues().get(base.size());
        assertTrue(campaign.name().startsWith("Campaign "), campaign.name());
        assertFalse(base.contains(campaign.id()));
        assertNotNull(directory.at(t.plus(DirectoryTimeline.CAMPAIGN_LIFE).minusSeconds(3601)).queue(campaign.id()));
        assertNull(directory.at(t.plus(DirectoryTimeline.CAMPAIGN_LIFE)).queue(campaign.id()), "deleted");
    }

    @Test
    void listingsServeTheSnapshotAtTheSimulatorsNow() throws Exception {
        Instant later = T0.plus(Duration.ofDays(40));
        sim.clock().set(later);
        DirectorySnapshot expected = sim.directory().at(later);
        JsonNode queues = page("/api/v2/routing/queues?pageSize=500");
        assertEquals(expected.queues().size(), queues.get("total").asInt());
        for (int i = 0; i < expected.queues().size(); i++) {
            JsonNode queue = queues.get("entities").get(i);
            assertEquals(expected.queues().get(i).name(), queue.get("name").asText());
            assertEquals(expected.queues().get(i).divisionId(), queue.get("division").get("id").asText());
            JsonNode voice = queue.get("mediaSettings").get("call").get("serviceLevel");
            assertEquals(ModelConstants.SERVICE_LEVEL_TARGET, voice.get("percentage").asDouble());
            assertEquals(MediaType.VOICE.serviceLevelTarget().toMillis(), voice.get("durationMs").asLong());
        }
        JsonNode divisions = page("/api/v2/authorization/divisions");
        assertEquals(3, divisions.get("total").asInt());
        assertTrue(divisions.get("entities").get(0).get("homeDivision").asBoolean());
        JsonNode any = page("/api/v2/users?state=any&pageSize=500");
        JsonNode active = page("/api/v2/users?pageSize=500");
        assertEquals(expected.users().size(), any.get("total").asInt());
        assertEquals(expected.users().stream().filter(u -> u.state().equals("active")).count(),
            active.get("total").asInt());
        var bad = http.get("/api/v2/users?state=gone", http.token());
        assertEquals(400, bad.statusCode());
        assertEquals("invalid.value", Http.json(bad).get("code").asText());
    }

    @Test
    void aggregatesUseTheListedUserAndWrapUpCodeIds() throws Exception {
        sim.clock().set(T0.plus(Duration.ofDays(1)));
        String answer = sim.groundTruth("conversations", "{\"interval\":\"2026-03-09T00:00:00Z/2026-03-09T06:00:00Z\","
            + "\"groupBy\":[\"userId\",\"wrapUpCode\"],\"metrics\":[\"tHandle\"]}");
        DirectorySnapshot listed = sim.directory().at(sim.clock().now());
        Set<String> users = new HashSet<>();
        listed.users().forEach(u -> users.add(u.id()));
        Set<String> codes = new HashSet<>();
        listed.wrapUpCodes().forEach(w -> codes.add(w.id()));
        int groups = 0;
        for (JsonNode result : Rows.JSON.readTree(answer).get("results")) {
            assertTrue(users.contains(result.get("group").get("userId").asText()), result.toString());
            assertTrue(codes.contains(result.get("group").get("wrapUpCode").asText()), result.toString());
            groups++;
        }
        assertTrue(groups > 0);
    }

    @Test
    void aggregatesGroupByTheListedDivisionIds() throws Exception {
        sim.clock().set(T0.plus(Duration.ofDays(1)));
        String answer = sim.groundTruth("conversations", "{\"interval\":\"2026-03-09T00:00:00Z/2026-03-09T06:00:00Z\","
            + "\"groupBy\":[\"divisionId\",\"queueId\"],\"metrics\":[\"nOffered\"]}");
        JsonNode results = Rows.JSON.readTree(answer).get("results");
        DirectorySnapshot listed = sim.directory().at(sim.clock().now());
        assertTrue(results.size() > 0);
        for (JsonNode result : results) {
            String queue = result.get("group").get("queueId").asText();
            assertEquals(listed.queue(queue).divisionId(), result.get("group").get("divisionId").asText());
        }
    }
}
