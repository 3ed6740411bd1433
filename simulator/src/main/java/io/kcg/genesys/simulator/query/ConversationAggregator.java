package io.kcg.genesys.simulator.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kcg.genesys.simulator.model.Conversation;
import io.kcg.genesys.simulator.model.ConversationGenerator;
import io.kcg.genesys.simulator.model.ModelConstants;
import io.kcg.genesys.simulator.model.Moment;
import io.kcg.genesys.simulator.model.Restatement;
import io.kcg.genesys.simulator.model.SplitMix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers a conversation aggregates query at a given clock time: generates the conversations that can emit into
 * the interval, applies the restatement jobs that ran by then, and posts each metric to the bucket of its
 * emission if it is visible yet. A topN/bottomN query keeps the groups ranked first by its sort metric over the
 * whole interval.
 *
 * <p>With extended stats, timers also carry {@code p95} and {@code p99} (nearest rank over the bucket's
 * observations), and {@link #MIN_OMITTED_SHARE} of the timer stats leave out {@code min}, as real payloads do. Which
 * ones is a hash of (seed, group, bucket start, metric), so every window that holds a bucket answers it alike.
 */
final class ConversationAggregator {

    /** The share of timer stats without {@code min} when extended stats are on. */
    static final double MIN_OMITTED_SHARE = 0.05;

    private static final long METRIC_LAG_MAX_MS = ModelConstants.METRIC_LAG_MAX.toMillis();
    private static final long MIN_OMISSION_DOMAIN = 61;

    private final ConversationGenerator generator;
    private final Restatement restatement;
    private final ConversationDimensions dimensions;
    private final long seed;
    private final boolean extendedStats;

    ConversationAggregator(ConversationGenerator generator, Restatement restatement,
                           ConversationDimensions dimensions, long seed, boolean extendedStats) {
        this.generator = generator;
        this.restatement = restatement;
        this.dimensions = dimensions;
        this.seed = seed;
        this.extendedStats = extendedStats;
    }

    byte[] answer(AggregateQuery query, long nowMs) {
        Buckets buckets = Buckets.of(query.startMs(), query.endMs(), query.granularity(), query.zone());
        List<ConversationMetric> requested = new ArrayList<>();
        for (String name : query.metrics()) {
            ConversationMetric metric = ConversationMetric.byName(name);
            if (metric != null) {
                requested.add(metric);
            }
        }
        Run run = new Run(query, buckets, nowMs);
        // A conversation emits up to METRIC_LAG_MAX after it arrives, and nothing is visible before it happens.
        long from = query.startMs() - METRIC_LAG_MAX_MS;
        long to = Math.min(query.endMs(), nowMs + 1);
        if (!requested.isEmpty() && to > from) {
            generator.forEachArriving(from, to, conversation -> {
                Conversation current = restatement.apply(conversation, nowMs);
                if (current != null) {
                    run.post(current);
                }
            });
        }
        List<Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>>> groups = run.stats.sorted();
        if (query.ranking() != null) {
            groups = ranked(groups, query.ranking());
        }
        return ResultsWriter.write(run.groupDimensions, groups, buckets, new ResultsWriter.BucketWriter<>() {
            @Override
            public boolean hasAny(ConversationBucketStats bucket) {
                return bucket.hasAny(requested);
            }

            @Override
            public void writeBucket(JsonGenerator json, List<String> group, long bucketStartMs,
                                    ConversationBucketStats bucket) throws IOException {
                json.writeArrayFieldStart("metrics");
                bucket.writeMetrics(json, requested, extendedStats ? metric -> minOmitted(group, bucketStartMs, metric)
                    : null);
                json.writeEndArray();
                bucket.writeViews(json);
            }
        }, null);
    }

    private boolean minOmitted(List<String> group, long bucketStartMs, ConversationMetric metric) {
        long hash = SplitMix.hash(seed, MIN_OMISSION_DOMAIN, group.toString().hashCode(), bucketStartMs,
            metric.ordinal());
        return SplitMix.unit(hash) < MIN_OMITTED_SHARE;
    }

    /**
     * The {@code limit} groups with the highest (topN) or lowest (bottomN) value of the sort metric's function over
     * the whole interval, in that order; groups without the metric are left out, ties keep the groups' order.
     */
    private static List<Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>>> ranked(
        List<Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>>> groups, AggregateQuery.Ranking ranking) {
        ConversationMetric metric = ConversationMetric.byName(ranking.metric());
        List<Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>>> kept = new ArrayList<>();
        Map<List<String>, Double> values = new HashMap<>();
        for (Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>> group : groups) {
            long count = 0;
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (ConversationBucketStats bucket : group.getValue().values()) {
                long n = bucket.count(metric);
                if (n > 0) {
                    count += n;
                    sum += metric.kind() == ConversationMetric.Kind.COUNT ? n : bucket.sum(metric);
                    min = Math.min(min, bucket.min(metric));
                    max = Math.max(max, bucket.max(metric));
                }
            }
            if (count == 0) {
                continue;
            }
            double value = switch (ranking.function()) {
                case "count" -> count;
                case "sum" -> sum;
                case "min" -> min;
                case "max" -> max;
                default -> (double) sum / count;
            };
            values.put(group.getKey(), value);
            kept.add(group);
        }
        Comparator<Map.Entry<List<String>, TreeMap<Integer, ConversationBucketStats>>> byValue =
            Comparator.comparingDouble(group -> values.get(group.getKey()));
        kept.sort(ranking.top() ? byValue.reversed() : byValue);
        return kept.size() > ranking.limit() ? List.copyOf(kept.subList(0, ranking.limit())) : kept;
    }

    /** One query's accumulation; remembers the current conversation's group keys so each is computed once. */
    private final class Run {
        private final AggregateQuery query;
        private final Buckets buckets;
        private final long nowMs;
        private final List<String> groupDimensions;
        private final GroupedStats<ConversationBucketStats> stats;
        private Conversation current;
        private boolean queueSideResolved;
        private boolean agentSideResolved;
        private List<String> queueSideGroup;
        private List<String> agentSideGroup;

        Run(AggregateQuery query, Buckets buckets, long nowMs) {
            this.query = query;
            this.buckets = buckets;
            this.nowMs = nowMs;
            this.groupDimensions = query.groupDimensions(true);
            this.stats = new GroupedStats<>(() -> new ConversationBucketStats(query.views(), extendedStats));
        }

        void post(Conversation c) {
            ConversationBucketStats s = stats(c, Moment.ARRIVAL, false);
            if (s != null) {
                s.add(ConversationMetric.N_OFFERED, 1);
            }
            if (c.abandoned()) {
                s = stats(c, Moment.ANSWER_OR_ABANDON, false);
                if (s != null) {
                    s.add(ConversationMetric.T_ABANDON, c.waitMs());
                    s.add(ConversationMetric.T_WAIT, c.waitMs());
                    s.addServiceLevel(false);
                }
                return;
            }
            s = stats(c, Moment.ANSWER_OR_ABANDON, false);
            if (s != null) {
                s.add(ConversationMetric.T_WAIT, c.waitMs());
                s.addServiceLevel(c.answeredWithinTarget());
                if (!c.answeredWithinTarget()) {
                    s.add(ConversationMetric.N_OVER_SLA, 1);
                }
            }
            s = stats(c, Moment.ANSWER_OR_ABANDON, true);
            if (s != null) {
                s.add(ConversationMetric.T_ANSWERED, c.waitMs());
                s.add(ConversationMetric.N_CONNECTED, 1);
            }
            s = stats(c, Moment.TALK_END, true);
            if (s != null) {
                s.add(ConversationMetric.T_TALK, c.talkMs());
                if (c.holdMs() > 0) {
                    s.add(ConversationMetric.T_HELD, c.holdMs());
                }
                if (c.transferred()) {
                    s.add(ConversationMetric.N_TRANSFERRED, 1);
                }
            }
            s = stats(c, Moment.WRAP_UP_END, true);
            if (s != null) {
                s.add(ConversationMetric.T_ACW, c.acwMs());
                s.add(ConversationMetric.T_HANDLE, c.handleMs());
            }
        }

        /** The stats the moment's metrics go to, or null when not visible yet, outside the interval or filtered. */
        private ConversationBucketStats stats(Conversation c, Moment moment, boolean agentSide) {
            if (c.visibleAt(moment) > nowMs) {
                return null;
            }
            int bucket = buckets.indexOf(c.emittedAt(moment));
            if (bucket < 0) {
                return null;
            }
            List<String> group = group(c, agentSide);
            return group == null ? null : stats.at(group, bucket);
        }

        private List<String> group(Conversation c, boolean agentSide) {
            if (c != current) {
                current = c;
                queueSideResolved = false;
                agentSideResolved = false;
            }
            if (agentSide) {
                if (!agentSideResolved) {
                    agentSideGroup = computeGroup(c, true);
                    agentSideResolved = true;
                }
                return agentSideGroup;
            }
            if (!queueSideResolved) {
                queueSideGroup = computeGroup(c, false);
                queueSideResolved = true;
            }
            return queueSideGroup;
        }

        private List<String> computeGroup(Conversation c, boolean agentSide) {
            if (query.filter() != null && !query.filter().test(d -> dimensions.value(d, c, agentSide))) {
                return null;
            }
            String[] values = new String[groupDimensions.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = dimensions.value(groupDimensions.get(i), c, agentSide);
            }
            return Arrays.asList(values);
        }
    }
}
