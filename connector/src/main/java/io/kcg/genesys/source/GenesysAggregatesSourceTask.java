package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysApiException;
import io.kcg.genesys.client.GenesysAuthenticationException;
import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.client.GenesysClientException;
import io.kcg.genesys.client.GenesysRetriableException;
import io.kcg.genesys.client.GenesysWindowTooLargeException;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.RestatementSettings;
import io.kcg.genesys.config.TestingClock;
import io.kcg.genesys.metrics.QueryMetrics;
import io.kcg.genesys.record.LongRecordMapper;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.restate.HorizonMemory;
import io.kcg.genesys.restate.KeyLayout;
import io.kcg.genesys.window.Fetch;
import io.kcg.genesys.window.FetchPlanner;
import io.kcg.genesys.window.PlanState;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the queries assigned to it: each poll fetches the next settled window of one query (round robin, so no query
 * starves another) and hands all of its records to Connect at once, so one poll is one window and, with exactly-once
 * on, one transaction. When every query has caught up, a poll waits for the next bucket to settle.
 *
 * <p>While Connect converts and sends a window's records on the task's thread, the request, the parse and the record
 * building of the window the next poll will choose already run on a background thread ({@link Prefetch}). Only the
 * client call runs there: what the next poll does with its records (revisions, offsets, restatement memory,
 * transactions, failure handling) stays on the task's thread, and a poll that chooses another window than the one fetched ahead (a
 * restatement pass fell due, a bucket settled) drops it and fetches its own.
 */
public class GenesysAggregatesSourceTask extends SourceTask {
    static final String TASK_QUERIES = "task.queries";
    /**
     * The longest a poll blocks: Connect records a task's finished offsets between polls, so a task that waited a
     * whole poll.interval inside poll() would let its committed watermark lag behind what it emitted.
     */
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
    /** The longest a poll blocks while records are being written: their position goes to Connect right after. */
    private static final Duration WRITE_WAIT = Duration.ofMillis(50);
    /** How many buckets a warning lists by name; the rest are counted. */
    private static final int LISTED_BUCKETS = 12;
    private static final Logger log = LoggerFactory.getLogger(GenesysAggregatesSourceTask.class);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<QueryRunner> runners = new ArrayList<>();
    private final Clock fixedClock;
    private final Function<GenesysSourceConfig, WindowRequests> requestsFactory;
    private volatile Map<String, QueryRunner> runnersByName = Map.of();
    /** The metrics and progress line of each query, by query name; read by the thread that fetches ahead too. */
    private volatile Map<String, QueryObserver> observers = Map.of();
    private WindowRequests requests;
    private Prefetch<Planned, List<MappedRecord>> prefetch;
    private Clock clock;
    private Duration pollInterval;
    private int nextRunner;
    /** After a Retry-After longer than the cap (a daily limit, say), no request goes out before this instant. */
    private Instant quietUntil = Instant.MIN;

    public GenesysAggregatesSourceTask() {
        this(null, null);
    }

    /**
     * For unit tests: the clock the task plans with, and the requests it makes; null for the configured ones.
     */
    GenesysAggregatesSourceTask(Clock clock, Function<GenesysSourceConfig, WindowRequests> requestsFactory) {
        this.fixedClock = clock;
        this.requestsFactory = requestsFactory;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        List<String> assigned = Arrays.asList(props.getOrDefault(TASK_QUERIES, "").split(","));
        clock = fixedClock != null ? fixedClock : TestingClock.from(props);
        pollInterval = config.pollInterval();
        requests = requestsFactory != null ? requestsFactory.apply(config)
                : new ClientWindowRequests(new GenesysClient(ClientSettings.from(config)),
                        query -> observers.get(query).calls());
        prefetch = new Prefetch<>("genesys-prefetch-" + props.getOrDefault("name", "task") + "-"
                + String.join(",", assigned));
        RestatementSettings restatement = config.restatement();
        restatement.notes().forEach(note -> log.warn("{}", note));

        List<QueryDefinition> queries = new ArrayList<>();
        for (QueryDefinition query : config.queries()) {
            if (assigned.contains(query.name())) {
                queries.add(query);
            }
        }
        Collection<Map<String, String>> partitions = new ArrayList<>();
        for (QueryDefinition query : queries) {
            partitions.add(SourceOffsets.partition(query.name()));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        Instant now = clock.instant();
        Map<String, QueryRunner> byName = new HashMap<>();
        Map<String, QueryObserver> observed = new HashMap<>();
        for (QueryDefinition query : queries) {
            WindowPlanner windows = new WindowPlanner(query, config.windowMax(), config.settleDelay());
            FetchPlanner planner = new FetchPlanner(windows, restatement);
            RecordMapper mapper = config.outputFormat() == OutputFormat.WIDE
                    ? new WideRecordMapper(query, config.derivedKpis()) : new LongRecordMapper(query);
            Map<String, Object> offset = offsets == null ? null : offsets.get(SourceOffsets.partition(query.name()));
            SourceOffsets.QueryOffset stored = SourceOffsets.queryOffset(offset);
            Instant watermark = windows.align(stored != null ? stored.watermark()
                    : query.start().resolve(now, query.timeZone()));
            String from = stored != null ? "from its offset" : "from its start " + query.start();
            QueryRunner runner;
            if (!restatement.enabled()) {
                runner = new QueryRunner(query, mapper, planner, config.heartbeatTopic(),
                        planner.initial(watermark, watermark, null), null, false);
                log.info("Query {} starts at watermark {} ({}); restatement is off", query.name(), watermark, from);
            } else {
                runner = withMemory(query, mapper, planner, config.heartbeatTopic(), stored, watermark, restatement, now);
                log.info("Query {} starts at watermark {} ({}); restatement: {} ({}), remembered from {}",
                        query.name(), watermark, from, restatement.describe(), query.timeZone(),
                        runner.state().memoryFrom());
            }
            runners.add(runner);
            byName.put(query.name(), runner);
            observed.put(query.name(), new QueryObserver(query.name(), windows, config.settleDelay(),
                    QueryMetrics.register(context, query.name(),
                            restatement.enabled() ? restatement.horizon() : Duration.ZERO), Clock.systemUTC()));
        }
        runnersByName = Map.copyOf(byName);
        observers = Map.copyOf(observed);
    }

    /**
     * A query's runner with its memory read back from the bucket partitions of its horizon (and the older ones its
     * offset names, which are then deleted). Whatever cannot be used is named in a warning.
     */
    private QueryRunner withMemory(QueryDefinition query, RecordMapper mapper, FetchPlanner planner,
                                   String heartbeatTopic, SourceOffsets.QueryOffset stored, Instant watermark,
                                   RestatementSettings restatement, Instant now) {
        KeyLayout layout;
        try {
            layout = KeyLayout.of(mapper.keySchema());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Query " + query.name() + ": its records cannot be followed for restatement ("
                    + e.getMessage() + "); set " + GenesysSourceConfig.RESTATEMENT_HORIZON + "=PT0S", e);
        }
        boolean ours = stored != null && stored.ours();
        Instant horizonStart = planner.horizonStart(now);
        Instant scanFrom = planner.windows().align(horizonStart.minus(restatement.horizon()));
        if (ours && stored.memoryOldest() != null && stored.memoryOldest().isBefore(scanFrom)) {
            scanFrom = planner.windows().align(stored.memoryOldest());
        }
        Map<Long, HorizonMemory.Bucket> kept = readBuckets(query, planner, scanFrom, now);
        HorizonMemory.Restored restored = HorizonMemory.restore(layout, kept);
        Map<Long, String> givenUp = new TreeMap<>(restored.givenUp());
        givenUp.keySet().removeIf(bucket -> bucket < horizonStart.toEpochMilli());
        if (!givenUp.isEmpty()) {
            log.warn("Query {}: the restatement memory of {} buckets cannot be used, so Genesys's changes to them will "
                    + "not be re-emitted: {}", query.name(), givenUp.size(), listed(givenUp));
        }
        Instant memoryFrom = ours ? stored.memoryFrom() : watermark;
        if (stored != null && !ours && !stored.legacyMemory()) {
            // A bare watermark (a rewind through the REST API): the bucket memories the query wrote before are still
            // there, and every bucket emitted with restatement on has one, so the memory reaches back to the oldest.
            for (Long bucket : kept.keySet()) {
                Instant start = Instant.ofEpochMilli(bucket);
                if (!start.isBefore(horizonStart) && start.isBefore(memoryFrom)) {
                    memoryFrom = start;
                }
            }
        }
        if (stored != null && stored.legacyMemory()) {
            log.warn("Query {}: its offset holds the restatement memory of a connector version before per-bucket "
                    + "memories, for record keys of another layout; it is dropped. Buckets emitted before the "
                    + "watermark{} will not be re-emitted when Genesys restates them; the memory covers the buckets "
                    + "from {} on", query.name(), horizonStart.isBefore(watermark)
                    ? " inside the horizon (" + horizonStart + " to " + watermark + ")" : "", watermark);
        } else if (stored != null && !ours) {
            log.info("Query {}: its offset is a bare watermark (a rewind through the REST API, or restatement was off "
                    + "before): the buckets from {} on are emitted again, each group with the revision it was last "
                    + "emitted with", query.name(), watermark);
            if (horizonStart.isBefore(memoryFrom)) {
                log.warn("Query {}: no restatement memory is kept for the buckets from {} to {} (emitted before the "
                        + "memory started): Genesys's changes to them will not be re-emitted", query.name(),
                        horizonStart, memoryFrom);
            }
        }
        PlanState initial = planner.initial(watermark, memoryFrom, ours ? stored.nightlyPass() : null);
        return new QueryRunner(query, mapper, planner, heartbeatTopic, initial, restored.memory(),
                stored != null && !ours);
    }

    /** The stored offsets of a query's bucket partitions from {@code from} to now. */
    private Map<Long, HorizonMemory.Bucket> readBuckets(QueryDefinition query, FetchPlanner planner, Instant from,
                                                        Instant now) {
        Instant to = planner.windows().alignUp(now);
        List<Map<String, Object>> partitions = new ArrayList<>();
        if (from.isBefore(to)) {
            for (Instant bucket : planner.windows().bucketStarts(new Window(from, to))) {
                partitions.add(SourceOffsets.bucketPartition(query.name(), bucket.toEpochMilli()));
            }
        }
        Map<Long, HorizonMemory.Bucket> kept = new TreeMap<>();
        Map<Map<String, Object>, Map<String, Object>> offsets = partitions.isEmpty() ? Map.of()
                : context.offsetStorageReader().offsets(partitions);
        if (offsets != null) {
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    kept.put(((Number) partition.get(SourceOffsets.BUCKET)).longValue(), SourceOffsets.bucket(offset));
                }
            });
        }
        return kept;
    }

    private static String listed(Map<Long, String> buckets) {
        StringBuilder text = new StringBuilder();
        int listed = 0;
        for (Map.Entry<Long, String> bucket : buckets.entrySet()) {
            if (listed++ == LISTED_BUCKETS) {
                text.append("; and ").append(buckets.size() - LISTED_BUCKETS).append(" more");
                break;
            }
            text.append(listed > 1 ? "; " : "").append(Instant.ofEpochMilli(bucket.getKey())).append(" (")
                    .append(bucket.getValue()).append(')');
        }
        return text.toString();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Instant now = clock.instant();
        for (QueryRunner runner : runners) {
            observers.get(runner.query().name()).update(runner.progress(now), now);
        }
        List<SourceRecord> released = new ArrayList<>();
        for (QueryRunner runner : runners) {
            released.addAll(runner.released(now));
        }
        if (!released.isEmpty()) {
            return handOver(released); // positions first: a failing fetch must not take them down with it
        }
        Instant wallNow = Instant.now();
        if (wallNow.isBefore(quietUntil)) {
            idle(Duration.between(wallNow, quietUntil));
            return null;
        }
        for (int i = 0; i < runners.size(); i++) {
            QueryRunner runner = runners.get((nextRunner + i) % runners.size());
            Optional<Fetch> fetch = runner.plan(now);
            if (fetch.isPresent()) {
                nextRunner = (nextRunner + i + 1) % runners.size();
                List<SourceRecord> records = fetch(runner, fetch.get(), now);
                return records == null ? null : handOver(records);
            }
        }
        waitForNextBucket(now);
        return null;
    }

    /** One poll's records go to Connect; with transaction.boundary=connector, as one transaction. */
    private List<SourceRecord> handOver(List<SourceRecord> records) {
        TransactionContext transactions = context.transactionContext();
        if (transactions != null && !records.isEmpty()) {
            transactions.commitTransaction(records.get(records.size() - 1));
        }
        return records;
    }

    /** The records of a query's fetch, or null when the task is stopping. */
    private List<SourceRecord> fetch(QueryRunner runner, Fetch fetch, Instant now) throws InterruptedException {
        QueryDefinition query = runner.query();
        Window window = fetch.window();
        List<MappedRecord> mapped;
        try {
            // The records fetched ahead when they are of this very window, else a request now; a failure of either
            // lands in the same catch blocks.
            mapped = prefetch.take(new Planned(runner, fetch), () -> requests.fetch(runner, window));
        } catch (CancellationException e) {
            // stop() cancelled the request ahead that this poll waited for, or closed the client under a request or
            // a wait of this poll (ClientClosedException): the task is stopping
            return null;
        } catch (GenesysRetriableException e) {
            // The worker calls poll() again; the watermark has not moved, so the same window is asked again, but not
            // before a Retry-After that was too long to wait out inside the client has passed.
            if (e.retryAfter() != null) {
                quietUntil = Instant.now().plus(e.retryAfter());
                observers.get(query.name()).retryAfterBetweenPolls(e.retryAfter());
            }
            throw new RetriableException("Query " + query.name() + ", " + fetch + ": " + e.getMessage(), e);
        } catch (GenesysAuthenticationException e) {
            // The client has already retried the refusal with backoff for genesys.auth.retry.timeout.ms: a blip at
            // the login host has passed by then, refused or revoked credentials have not.
            throw new ConnectException("Query " + query.name() + ", " + fetch + ": Genesys refused authentication: "
                    + e.getMessage(), e);
        } catch (GenesysWindowTooLargeException e) {
            // Caught before GenesysClientException, its superclass: a window Genesys cannot answer as asked is split
            // (the next poll asks for a smaller one); a single bucket too large fails the task, the offset unmoved.
            runner.tooLarge(fetch, e);
            return List.of();
        } catch (GenesysApiException e) {
            throw new ConnectException("Query " + query.name() + ", window " + window + " was refused by Genesys: "
                    + e.getMessage(), e);
        } catch (GenesysClientException e) {
            // Permanent, e.g. an answer larger than the client accepts: a smaller window.max is the fix.
            throw new ConnectException("Query " + query.name() + ", window " + window + " failed: " + e.getMessage()
                    + "; the offset stays at " + runner.state().watermark(), e);
        }
        for (MappedRecord record : mapped) {
            if (record.bucketStart().isBefore(window.start()) || record.bucketEnd().isAfter(window.end())) {
                throw new ConnectException("Query " + query.name() + ", window " + window + ": Genesys answered a "
                        + "bucket outside the window (" + record.bucketStart() + "/" + record.bucketEnd()
                        + "); nothing of this window was emitted and the offset stays at " + runner.state().watermark());
            }
        }
        List<SourceRecord> records = runner.emit(fetch, mapped, now);
        observers.get(query.name()).emitted(fetch, runner.state().watermark(), now);
        log.debug("Query {} {}: {} records mapped, {} handed to Connect", query.name(), fetch, mapped.size(),
                records.size());
        fetchAhead();
        return records;
    }

    /**
     * Connect wrote {@code record} to Kafka (or a transformation or error tolerance dropped it): a query's position
     * is handed to Connect only once every record before it is written. Called on the producer's threads.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object query = record.sourcePartition() == null ? null : record.sourcePartition().get(SourceOffsets.QUERY);
        QueryRunner runner = query == null ? null : runnersByName.get(query.toString());
        if (runner != null) {
            runner.acknowledged(record);
        }
    }

    /**
     * Whether a poll now would hand something to Connect without waiting: a fetch is due, or a fetch's records were
     * all written and its position can be handed over. For tests that call poll() themselves.
     */
    boolean due() {
        Instant now = clock.instant();
        for (QueryRunner runner : runners) {
            if (runner.hasRelease() || runner.plan(now).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** How far each query is: for logs and metrics. */
    List<QueryProgress> progress() {
        Instant now = clock.instant();
        List<QueryProgress> progress = new ArrayList<>();
        for (QueryRunner runner : runners) {
            progress.add(runner.progress(now));
        }
        return progress;
    }

    /**
     * Starts the request of the window the next poll will choose, as it would choose it now, so that Connect's
     * conversion and sending of this window's records overlap with it. Nothing starts when nothing is due or
     * Genesys asked to wait: a request ahead is one the next poll would make anyway.
     */
    private void fetchAhead() {
        if (Instant.now().isBefore(quietUntil)) {
            return;
        }
        Instant now = clock.instant();
        for (int i = 0; i < runners.size(); i++) {
            QueryRunner runner = runners.get((nextRunner + i) % runners.size());
            Optional<Fetch> fetch = runner.plan(now);
            if (fetch.isPresent()) {
                Window window = fetch.get().window();
                prefetch.start(new Planned(runner, fetch.get()), () -> requests.fetch(runner, window));
                return;
            }
        }
    }

    /** A request of a query's runner: records fetched ahead are used only by a poll that chooses the same. */
    private record Planned(QueryRunner runner, Fetch fetch) {
        @Override
        public String toString() {
            return "query " + runner.query().name() + ", " + fetch;
        }
    }

    private void waitForNextBucket(Instant now) throws InterruptedException {
        Instant due = null;
        for (QueryRunner runner : runners) {
            Instant runnerDue = runner.nextDueAt(now);
            due = due == null || runnerDue.isBefore(due) ? runnerDue : due;
        }
        Duration wait = pollInterval;
        if (due != null && Duration.between(now, due).compareTo(wait) < 0) {
            wait = Duration.between(now, due);
        }
        for (QueryRunner runner : runners) {
            if (runner.awaitsWrites() && wait.compareTo(WRITE_WAIT) > 0) {
                wait = WRITE_WAIT;
            }
        }
        idle(wait);
    }

    private void idle(Duration wait) throws InterruptedException {
        if (wait.compareTo(MAX_IDLE_WAIT) > 0) {
            wait = MAX_IDLE_WAIT;
        }
        if (!wait.isNegative() && !wait.isZero()) {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS); // stop() wakes it at once
        }
    }

    /**
     * Ends the task's waits and its requests at once, so that a poll in progress returns within Connect's graceful
     * shutdown: the client aborts a request in flight and ends a retry, Retry-After or rate-limit wait (the poll then
     * returns nothing), and the request ahead is cancelled.
     */
    @Override
    public void stop() {
        stopped.countDown();
        // The client first: it ends a request or a wait of this poll; then the request fetched ahead.
        if (requests != null) {
            requests.close();
        }
        if (prefetch != null) {
            prefetch.close();
        }
    }
}
