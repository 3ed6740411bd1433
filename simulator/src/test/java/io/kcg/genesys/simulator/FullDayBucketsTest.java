package io.kcg.genesys.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FullDayBucketsTest {

    @Test
    void groupByQueueOverOneUtcDayGives48VoiceBucketsPerQueueAndMediaTypeInEveryGroup() throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(11).queues(4)
            .fixedClock(Instant.parse("2026-03-11T00:00:00Z")).build().start()) {
            Http http = new Http(sim);
            String query = Queries.interval("2026-03-09T00:00:00.000Z/2026-03-10T00:00:00.000Z")
                .granularity("PT30M").groupBy("queueId").allMetrics().json();
            HttpResponse<String> response = http.post(Http.CONVERSATIONS, http.token(), query);
            assertEquals(200, response.statusCode());
            Rows rows = Rows.parse(response.body());

            Set<String> media = new HashSet<>();
            for (Map<String, String> group : rows.groups()) {
                assertEquals(Set.of("mediaType", "queueId"), group.keySet(), "group keys");
                media.add(group.get("mediaType"));
            }
            assertEquals(Set.of("voice", "chat", "email", "callback", "message"), media);

            Map<String, Set<String>> voiceBuckets = rows.where(r -> r.group().get("mediaType").equals("voice"))
                .rows().stream().collect(Collectors.groupingBy(r -> r.group().get("queueId"),
                    Collectors.mapping(Rows.Row::interval, Collectors.toSet())));
            assertEquals(Set.copyOf(sim.queueIds()), voiceBuckets.keySet());
            voiceBuckets.values().forEach(buckets -> assertEquals(48, buckets.size()));
            List<String> first = voiceBuckets.values().iterator().next().stream().sorted().toList();
            assertEquals("2026-03-09T00:00:00.000Z/2026-03-09T00:30:00.000Z", first.get(0));
            assertEquals("2026-03-09T23:30:00.000Z/2026-03-10T00:00:00.000Z", first.get(47));
            assertTrue(rows.where(r -> r.group().get("mediaType").equals("voice")).metric("nOffered").rows().size()
                == 48 * sim.queueIds().size(), "every voice bucket of every queue has offered conversations");
        }
    }
}
