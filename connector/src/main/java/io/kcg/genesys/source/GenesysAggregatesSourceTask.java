package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysApiException;
import io.kcg.genesys.client.GenesysAuthenticationException;
import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.client.GenesysClientException;
import io.kcg.genesys.client.GenesysRetriableException;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.TestingClock;
import io.kcg.genesys.record.LongRecordMapper;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.restate.RestatementPass;
import io.kcg.genesys.restate.RestatementState;
import io.kcg.genesys.restate.SeriesKey;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    private static final Logger log = LoggerFactory.getLogger(GenesysAggregatesSourceTask.class);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<QueryRunner> runners = new ArrayList<>();
    private GenesysClient client;
    private Prefetch<Planned, List<MappedRecord>> prefetch;
    private Clock clock;
    private Duration pollInterval;
    private int nextRunner;
    /** After a Retry-After longer than the cap (a daily limit, say), no request goes out before this instant. */
    private Instant quietUntil = Instant.MIN;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        List<String> assigned = Arrays.asList(props.getOrDefault(TASK_QUERIES, "").split(","));
        clock = TestingClock.from(props);
        pollInterval = config.pollInterval();
        client = new GenesysClient(ClientSettings.from(config));
        prefetch = new Prefetch<>("genesys-prefetch-" + props.getOrDefault("name", "task") + "-"
                + String.join(",", assigned));

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
        for (QueryDefinition query : queries) {
            WindowPlanner planner = new WindowPlanner(query, config.windowMax(), config.settleDelay());
            RecordMapper mapper = config.outputFormat() == OutputFormat.WIDE
                    ? new WideRecordMapper(query, config.derivedKpis()) : new LongRecordMapper(query);
            Map<String, Object> offset = offsets == null ? null : offsets.get(SourceOffsets.partition(query.name()));
            Instant stored = SourceOffsets.watermark(offset);
            Instant watermark = planner.align(stored != null ? stored : query.start().resolve(now, query.timeZone()));
            RestatementPass pass = null;
            RestatementState emitted = null;
            if (!config.restatementLookback().isZero()) {
                pass = new RestatementPass(planner, config.restatementLookback(), config.restatementInterval());
                emitted = restatementState(query, SourceOffsets.restatement(offset), watermark,
                        SeriesKey.layoutOf(mapper.keySchema()));
            }
            runners.add(new QueryRunner(query, planner, mapper, config.heartbeatTopic(), watermark, pass, emitted));
            log.info("Query {} starts at watermark {} ({}), restatement {}", query.name(), watermark,
                    stored != null ? "from its offset" : "from its start " + query.start(),
                    pass == null ? "off" : "lookback " + config.restatementLookback() + " every "
                            + config.restatementInterval());
        }
    }

    /** The remembered emissions of a query, or a fresh memory when there is none or it cannot be read. */
    private static RestatementState restatementState(QueryDefinition query, String encoded, Instant watermark,
                                                     String keyLayout) {
        if (encoded != null) {
            try {
                RestatementState state = RestatementState.decode(encoded);
                if (state.keyLayout().equals(keyLayout)) {
                    return state;
                }
                // A changed groupBy or output format: old series cannot be rebuilt into keys of the new layout.
                log.info("Query {}: its record key changed since the last run, so its restatement memory starts "
                        + "afresh at {}; buckets emitted before are not re-emitted when they change", query.name(),
                        watermark);
            } catch (IllegalArgumentException e) {
                log.warn("Query {}: the restatement state in its offset cannot be read ({}); buckets emitted before "
                        + "{} will not be re-emitted when they change", query.name(), e.getMessage(), watermark);
            }
        }
        return RestatementState.startingAt(keyLayout, watermark.toEpochMilli());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Instant wallNow = Instant.now();
        if (wallNow.isBefore(quietUntil)) {
            idle(Duration.between(wallNow, quietUntil));
            return null;
        }
        Instant now = clock.instant();
        for (int i = 0; i < runners.size(); i++) {
            QueryRunner runner = runners.get((nextRunner + i) % runners.size());
            Optional<Fetch> fetch = runner.nextFetch(now);
            if (fetch.isPresent()) {
                nextRunner = (nextRunner + i + 1) % runners.size();
                return fetch(runner, fetch.get(), now);
            }
        }
        waitForNextBucket(now);
        return null;
    }

    private List<SourceRecord> fetch(QueryRunner runner, Fetch fetch, Instant now) throws InterruptedException {
        QueryDefinition query = runner.query();
        Window window = fetch.window();
        List<MappedRecord> mapped;
        try {
            // The records fetched ahead when they are of this very window, else a request now; a failure of either
            // lands in the same catch blocks.
            mapped = prefetch.take(new Planned(runner, fetch), request(runner, fetch));
        } catch (CancellationException e) {
            // stop() cancelled the request ahead that this poll waited for, or closed the client under a request or
            // a wait of this poll (ClientClosedException): the task is stopping
            return null;
        } catch (GenesysRetriableException e) {
            // The worker calls poll() again; the watermark has not moved, so the same window is asked again, but not
            // before a Retry-After that was too long to wait out inside the client has passed.
            if (e.retryAfter() != null) {
                quietUntil = Instant.now().plus(e.retryAfter());
            }
            throw new RetriableException("Query " + query.name() + ", " + fetch + ": " + e.getMessage(), e);
        } catch (GenesysAuthenticationException e) {
            // The client has already retried the refusal with backoff for genesys.auth.retry.timeout.ms: a blip at
            // the login host has passed by then, refused or revoked credentials have not.
            throw new ConnectException("Query " + query.name() + ", " + fetch + ": Genesys refused authentication: "
                    + e.getMessage(), e);
        } catch (GenesysApiException e) {
            throw new ConnectException("Query " + query.name() + ", window " + window + " was refused by Genesys: "
                    + e.getMessage(), e);
        } catch (GenesysClientException e) {
            // Permanent, e.g. an answer larger than the client accepts: a smaller window.max is the fix.
            throw new ConnectException("Query " + query.name() + ", window " + window + " failed: " + e.getMessage()
                    + "; the offset stays at " + window.start(), e);
        }
        for (MappedRecord record : mapped) {
            if (record.bucketStart().isBefore(window.start()) || record.bucketEnd().isAfter(window.end())) {
                throw new ConnectException("Query " + query.name() + ", window " + window + ": Genesys answered a "
                        + "bucket outside the window (" + record.bucketStart() + "/" + record.bucketEnd()
                        + "); nothing of this window was emitted and the offset stays at " + window.start());
            }
        }
        List<SourceRecord> records = runner.toSourceRecords(fetch, mapped, now);
        runner.done(fetch, records);
        TransactionContext transactions = context.transactionContext();
        if (transactions != null && !records.isEmpty()) {
            // transaction.boundary=connector: one transaction per window.
            transactions.commitTransaction(records.get(records.size() - 1));
        }
        log.debug("Query {} {}: {} records mapped, {} handed to Connect", query.name(), fetch, mapped.size(),
                records.size());
        fetchAhead();
        return records;
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
            Optional<Fetch> fetch = runner.peekFetch(now);
            if (fetch.isPresent()) {
                prefetch.start(new Planned(runner, fetch.get()), request(runner, fetch.get()));
                return;
            }
        }
    }

    /**
     * The client call of a fetch: the request, and the records built as the body streams in (the runner's mapper is
     * stateless), which touch none of the task's state.
     */
    private Callable<List<MappedRecord>> request(QueryRunner runner, Fetch fetch) {
        QueryDefinition query = runner.query();
        String body = query.bodyFor(fetch.window().start(), fetch.window().end());
        return () -> client.queryAggregatesWith(query.endpoint(), body, runner::read);
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
            Instant runnerDue = runner.nextDueAt();
            due = due == null || runnerDue.isBefore(due) ? runnerDue : due;
        }
        Duration wait = pollInterval;
        if (due != null && Duration.between(now, due).compareTo(wait) < 0) {
            wait = Duration.between(now, due);
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
        if (client != null) {
            client.close();
        }
        if (prefetch != null) {
            prefetch.close();
        }
    }
}
