package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.simulator.model.AgentStatusModel;
import io.kcg.genesys.simulator.model.Directory;
import io.kcg.genesys.simulator.model.ModelConstants;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a users aggregates query: time in each presence and routing status per agent and bucket, counted up to
 * the clock's now (a status accrues as it lasts; there is no restatement of it).
 */
final class UserAggregator {

    private static final Set<String> MODELLED = Set.of("tSystemPresence", "tOrganizationPresence",
        "tAgentRoutingStatus");
    private static final long SLOT_MS = ModelConstants.SLOT.toMillis();

    private final AgentStatusModel model;

    UserAggregator(AgentStatusModel model) {
        this.model = model;
    }

    byte[] answer(AggregateQuery query, long nowMs) {
        Buckets buckets = Buckets.of(query.startMs(), query.endMs(), query.granularity(), query.zone());
        List<String> requested = new ArrayList<>(query.metrics());
        requested.retainAll(MODELLED);
        List<String> dimensions = query.groupDimensions(false);
        GroupedStats<UserBucketStats> stats = new GroupedStats<>(UserBucketStats::new);
        long limit = Math.min(query.endMs(), nowMs);
        if (!requested.isEmpty()) {
            for (Directory.Agent agent : model.agents()) {
                if (query.filter() == null || query.filter().test(d -> userValue(d, agent))) {
                    accumulate(agent, group(dimensions, agent), query.startMs(), limit, buckets, stats);
                }
            }
        }
        Map<String, List<String>> mappings = model.systemToOrganizationMappings();
        return ResultsWriter.write(dimensions, stats.sorted(), buckets, new ResultsWriter.BucketWriter<>() {
            @Override
            public boolean hasAny(UserBucketStats bucket) {
                return bucket.hasTime();
            }

            @Override
            public void writeBucket(JsonGenerator json, List<String> group, long bucketStartMs, UserBucketStats bucket)
                throws IOException {
                json.writeArrayFieldStart("metrics");
                bucket.writeMetrics(json, requested, mappings);
                json.writeEndArray();
            }
        }, json -> writeMappings(json, mappings));
    }

    private static void writeMappings(JsonGenerator json, Map<String, List<String>> mappings) throws IOException {
        json.writeObjectFieldStart("systemToOrganizationMappings");
        for (Map.Entry<String, List<String>> mapping : mappings.entrySet()) {
            json.writeArrayFieldStart(mapping.getKey());
            for (String id : mapping.getValue()) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Splits each slot's status over the buckets it overlaps, within [startMs, limitMs). */
    private void accumulate(Directory.Agent agent, List<String> group, long startMs, long limitMs, Buckets buckets,
                            GroupedStats<UserBucketStats> stats) {
        for (long slot = Math.floorDiv(startMs, SLOT_MS); slot * SLOT_MS < limitMs; slot++) {
            AgentStatusModel.Status status = model.statusAt(agent, slot);
            long from = Math.max(slot * SLOT_MS, startMs);
            long to = Math.min((slot + 1) * SLOT_MS, limitMs);
            while (from < to) {
                int bucket = buckets.indexOf(from);
                long partEnd = Math.min(to, buckets.end(bucket));
                stats.at(group, bucket).add(status, partEnd - from);
                from = partEnd;
            }
        }
    }

    private static List<String> group(List<String> dimensions, Directory.Agent agent) {
        String[] values = new String[dimensions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = userValue(dimensions.get(i), agent);
        }
        return Arrays.asList(values);
    }

    private static String userValue(String dimension, Directory.Agent agent) {
        return "userId".equals(dimension) ? agent.id() : null;
    }
}
