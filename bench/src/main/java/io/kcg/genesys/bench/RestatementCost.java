package io.kcg.genesys.bench;

import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.RequestBudget;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceTask;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 5: what restatement costs at 1,200 and 5,000 agents with the default settings (horizon P14D, recent
 * P1D every PT1H, nightly after 04:00), on the agent report (queue x user, PT30M, {@code window.max=PT6H}). The task
 * runs without a worker: this class polls it, acknowledges every record and keeps the offsets a worker would commit,
 * against the simulator over HTTP (whose answers are computed on its own threads, so the CPU time of the task's
 * threads is the connector's alone). Figures: the task's CPU for a nightly pass over the full horizon, the bytes a
 * window's offsets take, the memory texts the task and the worker hold, the task's retained heap, and the requests a
 * query makes in a simulated day against the estimate validate() uses.
 */
final class RestatementCost {
    static final Instant BACKFILLED = Instant.parse("2026-03-20T03:00:00Z");
    static final Instant START = BACKFILLED.minus(Duration.ofDays(14));
    static final String AGENTS = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
            + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"userId\",\"operator\":\"exists\"}]},"
            + "\"metrics\":[\"nConnected\",\"tTalk\",\"tAcw\",\"tHandle\"]}";
    static final String QUEUES = "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\","
            + "\"nConnected\",\"tAnswered\",\"tAbandon\",\"tTalk\",\"tAcw\",\"tHandle\",\"oServiceLevel\"]}";

    private RestatementCost() {
    }

    /** What one org size cost. */
    record Figures(int agents, long backfillRecords, double backfillCpuSeconds, int quietWindows,
                   double quietCpuSeconds, int passWindows, double passCpuSeconds,
                   double passWallSeconds, long passReEmitted, long passTombstones, double offsetBytesPerWindow,
                   long largestWindowOffsetBytes, int bucketOffsets, double bytesPerBucketOffset,
                   long largestBucketOffset, long memoryChars, long taskRetainedHeap, long requestsPerDay,
                   double estimatedPerDay) {
    }

    static void run(Table table) throws Exception {
        Figures mid = measure(60, 20, true);
        Figures large = measure(500, 10, false);
        long queueRequests = queueReportRequestsPerDay();
        for (Figures f : List.of(mid, large)) {
            String org = String.format("%,d agents", f.agents);
            table.add("restatement, " + org + ": nightly pass over P14D after a job (task CPU)", String.format(
                    "%.1f s CPU, %.1f s wall, %d windows, %,d re-emitted, %,d tombstoned", f.passCpuSeconds,
                    f.passWallSeconds, f.passWindows, f.passReEmitted, f.passTombstones),
                    String.format("backfill of the 14 days: %.1f s CPU for %,d records", f.backfillCpuSeconds,
                            f.backfillRecords), "");
            table.add("restatement, " + org + ": nightly pass without changes (task CPU)", String.format(
                    "%.1f s CPU, %d windows", f.quietCpuSeconds, f.quietWindows), "", "");
            table.add("restatement, " + org + ": offsets per window (one commit)", String.format(
                    "mean %,.0f B, largest %,d B", f.offsetBytesPerWindow, f.largestWindowOffsetBytes),
                    "512 KiB cap of the old single offset, written every window", "");
            table.add("restatement, " + org + ": bucket offsets the worker keeps", String.format(
                    "%d buckets, mean %,.0f B, largest %,d B, %s in all", f.bucketOffsets, f.bytesPerBucketOffset,
                    f.largestBucketOffset, Table.mb((long) (f.bucketOffsets * f.bytesPerBucketOffset))), "", "");
            table.add("restatement, " + org + ": task heap, caught up", String.format("%s live (of which memory texts "
                    + "%s)", Table.mb(f.taskRetainedHeap), Table.mb(f.memoryChars)), "", "");
        }
        table.add("restatement: requests per query per day, agent report (window.max PT6H), 1,200 agents",
                mid.requestsPerDay + " measured", Table.number(mid.estimatedPerDay) + " estimated (RequestBudget)",
                String.format("%.2fx", mid.requestsPerDay / mid.estimatedPerDay));
        double queueEstimate = estimate(props(QUEUES, "P1D", "http://127.0.0.1:9"));
        table.add("restatement: requests per query per day, 30-min queue report, all defaults (window.max P1D)",
                queueRequests + " measured", Table.number(queueEstimate) + " estimated (RequestBudget)",
                String.format("%.2fx", queueRequests / queueEstimate));
    }

    static Figures measure(int queues, int agentsPerQueue, boolean countDay) throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(5000L).queues(queues).agentsPerQueue(agentsPerQueue)
                .fixedClock(BACKFILLED).port(0).build().start()) {
            Map<String, String> props = props(AGENTS, "PT6H", sim.baseUrl());
            Driver driver = new Driver(sim, props);
            long heapBefore = usedHeapAfterGc();
            driver.at(BACKFILLED);
            driver.start();
            Driver.Run backfill = driver.drain();
            System.out.printf("restatement %d agents: backfill %d records in %d windows, %.1f s CPU%n",
                    queues * agentsPerQueue, backfill.records, backfill.windows, backfill.cpuSeconds());
            // 04:00:30, an hour after the backfill (the 02:00 job ran before it): a nightly pass that finds nothing.
            driver.at(BACKFILLED.plus(Duration.ofMinutes(59)));
            driver.drain();
            driver.at(BACKFILLED.plus(Duration.ofMinutes(60)).plus(Duration.ofSeconds(30)));
            Driver.Run quiet = driver.drain();
            // A day later: the day's buckets and recent passes, then after 04:00 the nightly pass over the whole
            // horizon with the changes of the day's 02:00 job.
            driver.at(BACKFILLED.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(59)));
            driver.drain();
            driver.at(BACKFILLED.plus(Duration.ofHours(25)).plus(Duration.ofSeconds(30)));
            Driver.Run pass = driver.drain();
            System.out.printf("restatement %d agents: nightly pass without changes %d windows, %.1f s CPU; after a "
                            + "job %d windows, %.1f s CPU, %.1f s wall, %d re-emitted, %d tombstoned%n",
                    queues * agentsPerQueue, quiet.windows, quiet.cpuSeconds(), pass.windows, pass.cpuSeconds(),
                    pass.wallNanos / 1e9, pass.reEmitted, pass.tombstones);

            Map<String, byte[]> workerOffsets = driver.committedAsJson(); // the worker keeps them as JSON bytes
            int buckets = 0;
            long bucketBytes = 0;
            long largestBucket = 0;
            for (Map.Entry<String, byte[]> entry : workerOffsets.entrySet()) {
                if (entry.getKey().contains("\"bucket\"")) {
                    buckets++;
                    bucketBytes += entry.getValue().length;
                    largestBucket = Math.max(largestBucket, entry.getValue().length);
                }
            }
            workerOffsets = null;
            long memoryChars = driver.memoryChars();
            long requests = 0;
            double estimated = estimate(props);
            if (countDay) {
                long before = sim.stats().aggregateRequests();
                Instant now = BACKFILLED.plus(Duration.ofHours(25));
                for (int step = 1; step <= 48; step++) {
                    driver.at(now.plus(Duration.ofMinutes(30L * step)));
                    driver.drain();
                }
                requests = sim.stats().aggregateRequests() - before;
            }
            // The task's heap: the live heap with the task caught up and nothing else of the run kept (the worker's
            // copies of the offsets dropped), over the live heap before the task started.
            driver.committed.clear();
            long heapWithTask = usedHeapAfterGc();
            driver.task.stop();
            System.out.printf("restatement %d agents: %d bucket offsets, %,d B each on average, largest %,d B; memory "
                            + "texts %,d characters; live heap before the task %s, with it %s%n",
                    queues * agentsPerQueue, buckets, buckets == 0 ? 0 : bucketBytes / buckets, largestBucket,
                    memoryChars, Table.mb(heapBefore), Table.mb(heapWithTask));
            return new Figures(queues * agentsPerQueue, backfill.records, backfill.cpuSeconds(), quiet.windows,
                    quiet.cpuSeconds(), pass.windows, pass.cpuSeconds(), pass.wallNanos / 1e9, pass.reEmitted,
                    pass.tombstones, pass.windows == 0 ? 0 : (double) pass.offsetBytes / pass.windows,
                    pass.largestBatchOffsetBytes,
                    buckets, buckets == 0 ? 0 : (double) bucketBytes / buckets, largestBucket, memoryChars,
                    Math.max(0, heapWithTask - heapBefore), requests, estimated);
        }
    }

    /** A day of the 30-minute queue report with every default, on a small org: requests counted by the simulator. */
    static long queueReportRequestsPerDay() throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(5001L).queues(3).agentsPerQueue(8)
                .fixedClock(BACKFILLED).port(0).build().start()) {
            Driver driver = new Driver(sim, props(QUEUES, null, sim.baseUrl()));
            driver.at(BACKFILLED);
            driver.start();
            driver.drain();
            driver.at(BACKFILLED.plus(Duration.ofHours(24)));
            driver.drain(); // a day of buckets and passes: from here on one day is counted
            long before = sim.stats().aggregateRequests();
            for (int step = 1; step <= 48; step++) {
                driver.at(BACKFILLED.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(30L * step)));
                driver.drain();
            }
            long requests = sim.stats().aggregateRequests() - before;
            driver.task.stop();
            return requests;
        }
    }

    static double estimate(Map<String, String> props) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        QueryDefinition query = config.queries().get(0);
        return RequestBudget.of(query, IsoSpan.parse(config.getString(GenesysSourceConfig.WINDOW_MAX)),
                config.restatement()).perDay();
    }

    static Map<String, String> props(String body, String windowMax, String apiUrl) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", "restatement-bench");
        props.put("genesys.api.url", apiUrl);
        props.put("genesys.client.id", "demo-client");
        props.put("genesys.client.secret", "demo-secret");
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("queries", "q");
        props.put("query.q.body", body);
        props.put("query.q.topic", "bench.restatement");
        props.put("query.q.start", START.toString());
        if (windowMax != null) {
            props.put("window.max", windowMax);
        }
        props.put("poll.interval", "PT1S");
        props.put("internal.testing.clock.class", BenchClock.class.getName());
        props.put("task.queries", "q");
        return props;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Polls the task as a worker would: every record acknowledged, every offset committed. */
    static final class Driver implements SourceTaskContext {
        private final GenesysSimulator sim;
        private final Map<String, String> props;
        final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
        private final JsonConverter offsetConverter = new JsonConverter();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final GenesysAggregatesSourceTask task = new GenesysAggregatesSourceTask();

        Driver(GenesysSimulator sim, Map<String, String> props) {
            this.sim = sim;
            this.props = props;
            offsetConverter.configure(Map.of("schemas.enable", "false"), false);
        }

        void at(Instant now) {
            sim.clock().set(now);
            BenchClock.set(now);
        }

        void start() {
            task.initialize(this);
            task.start(props);
        }

        /** What one drain did. */
        static final class Run {
            int windows;
            long records;
            long reEmitted;
            long tombstones;
            long offsetBytes;
            long largestBatchOffsetBytes;
            long cpuNanos;
            long wallNanos;

            double cpuSeconds() {
                return cpuNanos / 1e9;
            }
        }

        /** Polls until the task has nothing to do. */
        Run drain() throws InterruptedException {
            Run run = new Run();
            long cpuBefore = taskCpuNanos();
            long wallBefore = System.nanoTime();
            for (List<SourceRecord> batch = task.poll(); batch != null; batch = task.poll()) {
                Map<Map<String, ?>, Map<String, ?>> lastOffsets = new LinkedHashMap<>();
                boolean positionsOnly = !batch.isEmpty(); // a batch of heartbeats only is no window
                for (SourceRecord record : batch) {
                    task.commitRecord(record, null);
                    lastOffsets.put(record.sourcePartition(), record.sourceOffset());
                    if (!record.topic().endsWith("heartbeats")) {
                        positionsOnly = false;
                        run.records++;
                        if (record.value() == null) {
                            run.tombstones++;
                        } else if (((org.apache.kafka.connect.data.Struct) record.value()).getInt32("revision") > 0) {
                            run.reEmitted++;
                        }
                    }
                }
                long bytes = 0;
                for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : lastOffsets.entrySet()) {
                    byte[] json = offsetConverter.fromConnectData("", null, entry.getValue());
                    bytes += json == null ? 0 : json.length;
                    if (entry.getValue() == null) {
                        committed.remove(entry.getKey());
                    } else {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> offset = (Map<String, Object>) entry.getValue();
                        committed.put(entry.getKey(), offset);
                    }
                }
                if (!positionsOnly) { // a window; one without changes hands over an empty batch
                    run.windows++;
                    run.offsetBytes += bytes;
                    run.largestBatchOffsetBytes = Math.max(run.largestBatchOffsetBytes, bytes);
                }
            }
            run.cpuNanos = taskCpuNanos() - cpuBefore;
            run.wallNanos = System.nanoTime() - wallBefore;
            return run;
        }

        /** This thread (the task's, as the worker's would be) and the task's fetch-ahead thread. */
        private long taskCpuNanos() {
            long nanos = threads.getCurrentThreadCpuTime();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("genesys-prefetch-")) {
                    nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
                }
            }
            return nanos;
        }

        long memoryChars() {
            long chars = 0;
            for (Map<String, Object> offset : committed.values()) {
                Object memory = offset.get("memory");
                chars += memory instanceof String text ? text.length() : 0;
            }
            return chars;
        }

        /** The committed offsets as the worker keeps them: JSON bytes by partition. */
        Map<String, byte[]> committedAsJson() {
            Map<String, byte[]> json = new HashMap<>();
            committed.forEach((partition, offset) -> json.put(new String(offsetConverter.fromConnectData("", null,
                    partition), java.nio.charset.StandardCharsets.UTF_8), offsetConverter.fromConnectData("", null,
                    offset)));
            return json;
        }

        @Override
        public Map<String, String> configs() {
            return props;
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
}
