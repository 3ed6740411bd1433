package io.kcg.genesys.source;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.Heartbeats;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.restate.BucketMemory;
import io.kcg.genesys.restate.HorizonMemory;
import io.kcg.genesys.restate.KeyLayout;
import io.kcg.genesys.restate.SeriesKey;
import io.kcg.genesys.restate.StructDigest;
import io.kcg.genesys.window.Fetch;
import io.kcg.genesys.window.FetchPlanner;
import io.kcg.genesys.window.PlanState;
import io.kcg.genesys.window.Window;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One query inside a task: what it fetches next (its {@link FetchPlanner} and {@link PlanState}), how a fetched
 * window becomes SourceRecords, and, with restatement on, what it remembers of every bucket of its horizon.
 *
 * <p>With restatement on, the records of a bucket inside the horizon carry that bucket's source partition, and only
 * the last of them carries the bucket's new memory (the ones before carry the memory handed over before), so an offset
 * commit half way through a bucket never claims a series that was not emitted. The query's own partition carries the
 * watermark on a heartbeat once every record of the windows it covers was written ({@link Acknowledgements}), together
 * with the deletions of the bucket partitions that left the horizon. Without restatement, a window's records carry
 * the query's partition and the last one the new watermark, as they always did.
 */
final class QueryRunner {
    static final String HEADER_QUERY = "genesys.query";
    static final String HEADER_WINDOW = "genesys.window";
    private static final Logger log = LoggerFactory.getLogger(QueryRunner.class);

    private final QueryDefinition query;
    private final RecordMapper mapper;
    private final FetchPlanner planner;
    private final String heartbeatTopic;
    private final Map<String, String> partition;
    private final HorizonMemory memory;      // null when restatement is off
    private final KeyLayout layout;          // null when restatement is off
    private final boolean reemitUnchanged;   // forward windows emit unchanged series again: the watermark was rewound
    private final Acknowledgements<Release> acknowledgements = new Acknowledgements<>();
    private final List<Long> forgotten = new ArrayList<>(); // buckets whose partitions are to be deleted
    private PlanState state;
    private Map<String, Object> queryOffset;  // the query partition's offset last handed to Connect
    private Instant handedWatermark;
    private final Counters counters = new Counters();
    private PassLog passLog;

    /** What a fetch hands over once it and every fetch before it are written: the state it left. */
    private record Release(Fetch fetch, PlanState state) {
    }

    /**
     * @param memory          what the query remembers of its horizon; null turns restatement off
     * @param reemitUnchanged true when the query starts from an offset the connector did not write (a user's rewind):
     *                        its forward windows then emit remembered series again even when unchanged
     */
    QueryRunner(QueryDefinition query, RecordMapper mapper, FetchPlanner planner, String heartbeatTopic,
                PlanState initial, HorizonMemory memory, boolean reemitUnchanged) {
        this.query = query;
        this.mapper = mapper;
        this.planner = planner;
        this.heartbeatTopic = heartbeatTopic;
        this.partition = SourceOffsets.partition(query.name());
        this.memory = memory;
        this.layout = memory == null ? null : memory.layout();
        this.reemitUnchanged = reemitUnchanged;
        this.state = initial;
        this.handedWatermark = initial.watermark();
        this.queryOffset = memory == null ? SourceOffsets.offset(initial.watermark())
                : positions(initial, memory.oldest()).toMap();
    }

    QueryDefinition query() {
        return query;
    }

    PlanState state() {
        return state;
    }

    /** The records of a response body of this query, built as it streams in (all at revision 0). */
    List<MappedRecord> read(InputStream body) throws IOException {
        return mapper.read(body);
    }

    /** What this query fetches next at {@code now}; asking changes nothing. */
    Optional<Fetch> plan(Instant now) {
        return planner.next(state, now);
    }

    /**
     * The fetches this query's next polls would choose at {@code now} if each were emitted as planned, at most
     * {@code count}: {@link #plan} and the plan after it, and so on. Asking changes nothing (the planner is pure).
     */
    List<Fetch> upcoming(Instant now, int count) {
        List<Fetch> upcoming = new ArrayList<>();
        PlanState planned = state;
        while (upcoming.size() < count) {
            Optional<Fetch> next = planner.next(planned, now);
            if (next.isEmpty()) {
                break;
            }
            upcoming.add(next.get());
            planned = planner.emitted(planned, next.get(), now);
        }
        return upcoming;
    }

    /** When this query next may have something to fetch, when nothing is due at {@code now}. */
    Instant nextDueAt(Instant now) {
        return planner.nextDueAt(state, now);
    }

    /**
     * The records of a fetched window, and the step that records them as emitted: the plan moves on, and the
     * memories of the buckets are updated. Called once the task hands the records to Connect.
     */
    List<SourceRecord> emit(Fetch fetch, List<MappedRecord> mapped, Instant now) {
        ConnectHeaders headers = headers(fetch.window());
        long reEmittedBefore = counters.reEmitted;
        long tombstonesBefore = counters.tombstones;
        List<SourceRecord> records = memory == null ? withoutMemory(fetch, mapped, headers)
                : withMemory(fetch, mapped, headers, now);
        PlanState before = state;
        state = planner.emitted(state, fetch, now);
        counters.windows++;
        if (memory != null) {
            acknowledgements.sent(windowText(fetch.window()), records.size(), new Release(fetch, state));
            // Added once the pass's log is started: the first window of a pass is part of its summary too.
            logPass(before, fetch, now, counters.reEmitted - reEmittedBefore, counters.tombstones - tombstonesBefore);
        }
        return records;
    }

    /**
     * Genesys could not answer {@code fetch} as asked: the next windows of its kind are half as long, down to one
     * bucket; a single bucket it cannot answer fails the task.
     */
    void tooLarge(Fetch fetch, RuntimeException cause) {
        Optional<PlanState> split = planner.tooLarge(state, fetch);
        if (split.isEmpty()) {
            throw new ConnectException("Query " + query.name() + ": Genesys could not answer " + fetch + ", a single "
                    + "bucket, which cannot be split further: " + withoutFinalStop(cause.getMessage())
                    + ". The offset stays at " + state.watermark() + "; a query with fewer groups or metrics per bucket "
                    + "is needed", cause);
        }
        state = split.get();
        PlanState.Split applied = fetch.restatement() ? state.passSplit() : state.forwardSplit();
        log.warn("Query {}: Genesys could not answer {} ({}); fetching it in windows of at most {} buckets until {}",
                query.name(), fetch, cause.getMessage(), applied.maxBuckets(), applied.until());
    }

    private static String withoutFinalStop(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** A record of this query was written to Kafka (or dropped by a transformation or error tolerance). */
    void acknowledged(SourceRecord record) {
        if (memory == null || heartbeatTopic.equals(record.topic())) {
            return;
        }
        Header window = record.headers().lastWithName(HEADER_WINDOW);
        if (window != null && window.value() != null) {
            acknowledgements.acknowledged(window.value().toString());
        }
    }

    /**
     * The heartbeat that hands the query's new position to Connect, once every record of the windows it covers was
     * written, preceded by the deletions of the bucket partitions that left the horizon; empty when no forward window
     * is complete yet.
     */
    List<SourceRecord> released(Instant now) {
        if (memory == null) {
            return List.of();
        }
        forgotten.addAll(memory.forgetBefore(planner.horizonStart(now).toEpochMilli()));
        Fetch first = null;
        Fetch last = null;
        PlanState latest = null;
        for (Release release : acknowledgements.releasable()) {
            latest = release.state();
            if (!release.fetch().restatement()) {
                first = first == null ? release.fetch() : first;
                last = release.fetch();
            }
        }
        if (last == null) {
            return List.of(); // a position moves with the next forward window's heartbeat
        }
        Long oldest = memory.oldest();
        for (Long bucket : forgotten) {
            oldest = oldest == null || bucket < oldest ? bucket : oldest;
        }
        Window covered = new Window(first.window().start(), last.window().end());
        ConnectHeaders headers = headers(covered);
        Struct key = Heartbeats.key(query.name());
        Struct value = Heartbeats.value(query.name(), covered.start(), covered.end());
        List<SourceRecord> records = new ArrayList<>(forgotten.size() + 1);
        for (Long bucket : forgotten) {
            // A null offset deletes the bucket's partition from the worker's offsets (KIP-875 tombstones).
            records.add(new SourceRecord(SourceOffsets.bucketPartition(query.name(), bucket), null, heartbeatTopic, null,
                    Heartbeats.KEY_SCHEMA, key, Heartbeats.VALUE_SCHEMA, value, null, headers));
        }
        forgotten.clear();
        queryOffset = positions(latest, oldest).toMap();
        handedWatermark = latest.watermark();
        records.add(new SourceRecord(partition, queryOffset, heartbeatTopic, null, Heartbeats.KEY_SCHEMA, key,
                Heartbeats.VALUE_SCHEMA, value, null, headers));
        return records;
    }

    /** Whether records of this query were handed to Connect and are not written yet. */
    boolean awaitsWrites() {
        return memory != null && acknowledgements.waiting();
    }

    /** Whether {@link #released} has a position to hand to Connect now. */
    boolean hasRelease() {
        return memory != null && acknowledgements.anyReleasable(release -> !release.fetch().restatement());
    }

    /** What operators and metrics read: how far the query is, and how much of its horizon it really covers. */
    QueryProgress progress(Instant now) {
        Instant coveredFrom = null;
        int remembered = 0;
        long memoryChars = 0;
        int givenUp = 0;
        if (memory != null) {
            Instant horizonStart = planner.horizonStart(now);
            coveredFrom = state.memoryFrom().isAfter(horizonStart) ? state.memoryFrom() : horizonStart;
            remembered = memory.bucketCount();
            memoryChars = memory.encodedChars();
            givenUp = memory.givenUp().size();
        }
        return new QueryProgress(query.name(), state.watermark(), handedWatermark, coveredFrom, remembered, memoryChars,
                givenUp, counters.windows, counters.records, counters.reEmitted, counters.tombstones, counters.passes);
    }

    private List<SourceRecord> withoutMemory(Fetch fetch, List<MappedRecord> mapped, ConnectHeaders headers) {
        Window window = fetch.window();
        Map<String, Object> newOffset = SourceOffsets.offset(window.end());
        List<SourceRecord> records = new ArrayList<>(Math.max(1, mapped.size()));
        if (mapped.isEmpty()) {
            records.add(new SourceRecord(partition, newOffset, heartbeatTopic, null, Heartbeats.KEY_SCHEMA,
                    Heartbeats.key(query.name()), Heartbeats.VALUE_SCHEMA,
                    Heartbeats.value(query.name(), window.start(), window.end()), null, headers));
        }
        for (int i = 0; i < mapped.size(); i++) {
            // Every record but the last carries the offset handed over before: a commit half way through the window
            // fetches it again after a restart (the same keys) instead of skipping its rest.
            MappedRecord record = mapped.get(i);
            records.add(new SourceRecord(partition, i == mapped.size() - 1 ? newOffset : queryOffset, query.topic(),
                    null, mapper.keySchema(), record.key(), mapper.valueSchema(), record.value(), null, headers));
        }
        counters.records += mapped.size();
        queryOffset = newOffset;
        handedWatermark = window.end();
        return records;
    }

    /**
     * Revisions from the bucket memories: a new series gets revision 0, a changed one the next revision, an unchanged
     * one nothing, and one that vanished a tombstone. Buckets older than the horizon are emitted as they are (a
     * backfill) by forward windows and skipped by passes; a pass skips a bucket given up.
     */
    private List<SourceRecord> withMemory(Fetch fetch, List<MappedRecord> mapped, ConnectHeaders headers,
                                          Instant now) {
        long horizonStart = planner.horizonStart(now).toEpochMilli();
        Map<Long, List<MappedRecord>> byBucket = new LinkedHashMap<>();
        for (Instant bucket : planner.windows().bucketStarts(fetch.window())) {
            byBucket.put(bucket.toEpochMilli(), new ArrayList<>());
        }
        for (MappedRecord record : mapped) {
            byBucket.computeIfAbsent(record.bucketStart().toEpochMilli(), b -> new ArrayList<>()).add(record);
        }
        List<SourceRecord> records = new ArrayList<>(mapped.size());
        for (Map.Entry<Long, List<MappedRecord>> bucket : byBucket.entrySet()) {
            long start = bucket.getKey();
            if (start < horizonStart) {
                if (!fetch.restatement()) {
                    for (MappedRecord record : bucket.getValue()) {
                        records.add(record(partition, queryOffset, record.key(), record.value(), headers));
                    }
                    counters.records += bucket.getValue().size();
                }
                continue;
            }
            if (fetch.restatement() && memory.isGivenUp(start)) {
                continue; // its earlier revisions are unknown: emitting it could repeat or lower one
            }
            records.addAll(bucketRecords(fetch, start, bucket.getValue(), headers));
        }
        return records;
    }

    private List<SourceRecord> bucketRecords(Fetch fetch, long bucket, List<MappedRecord> mapped,
                                             ConnectHeaders headers) {
        BucketMemory remembered = memory.open(bucket);
        List<Struct[]> emitted = new ArrayList<>();
        Set<SeriesKey> present = new HashSet<>();
        for (MappedRecord record : mapped) {
            SeriesKey series = layout.seriesOf(record.key());
            present.add(series);
            int revision = remembered.observe(series, StructDigest.of(record.value(), RecordMapper.REVISION_FIELD));
            if (revision < 0 && reemitUnchanged && !fetch.restatement()) {
                revision = remembered.revision(series);
            }
            if (revision >= 0) {
                record.value().put(RecordMapper.REVISION_FIELD, revision);
                emitted.add(new Struct[] {record.key(), record.value()});
                counters.reEmitted += revision > 0 ? 1 : 0;
            }
        }
        for (SeriesKey gone : remembered.vanish(present)) {
            emitted.add(new Struct[] {layout.keyOf(gone, bucket), null});
            counters.tombstones++;
        }
        if (emitted.isEmpty()) {
            return List.of(); // nothing changed: the memory stays as it is
        }
        counters.records += emitted.size();
        Map<String, Object> bucketPartition = SourceOffsets.bucketPartition(query.name(), bucket);
        Map<String, Object> before = SourceOffsets.bucketOffset(memory.get(bucket));
        HorizonMemory.Bucket kept = memory.store(bucket, remembered);
        if (kept.givenUp() != null) {
            log.warn("Query {}: bucket {} is given up: {}; its records are emitted now, but its later changes will not "
                    + "be re-emitted", query.name(), Instant.ofEpochMilli(bucket), kept.givenUp());
        }
        Map<String, Object> after = SourceOffsets.bucketOffset(kept);
        List<SourceRecord> records = new ArrayList<>(emitted.size());
        for (int i = 0; i < emitted.size(); i++) {
            Struct[] keyValue = emitted.get(i);
            records.add(record(bucketPartition, i == emitted.size() - 1 ? after : before, keyValue[0], keyValue[1],
                    headers));
        }
        return records;
    }

    private SourceRecord record(Map<String, ?> sourcePartition, Map<String, ?> offset, Struct key, Struct value,
                                ConnectHeaders headers) {
        return new SourceRecord(sourcePartition, offset, query.topic(), null, mapper.keySchema(), key,
                value == null ? null : mapper.valueSchema(), value, null, headers);
    }

    private SourceOffsets.QueryOffset positions(PlanState at, Long oldest) {
        return new SourceOffsets.QueryOffset(at.watermark(), at.memoryFrom(),
                oldest == null ? at.memoryFrom() : Instant.ofEpochMilli(oldest), at.lastFullPass(), false, true);
    }

    private ConnectHeaders headers(Window window) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_QUERY, query.name());
        headers.addString(HEADER_WINDOW, windowText(window));
        return headers;
    }

    private static String windowText(Window window) {
        return QueryDefinition.intervalText(window.start(), window.end());
    }

    /**
     * Logs when a pass starts and, with what it found and how long it took, when it completes; {@code reEmitted} and
     * {@code tombstones} are what this window of the pass emitted.
     */
    private void logPass(PlanState before, Fetch fetch, Instant now, long reEmitted, long tombstones) {
        if (!fetch.restatement()) {
            return;
        }
        boolean started = before.pass() == null || before.pass().kind() != fetch.kind();
        if (started) {
            passLog = new PassLog(fetch, System.nanoTime(), now);
            log.debug("Query {}: a {} starts at {}", query.name(), fetch, now);
        }
        if (passLog != null) {
            passLog.windows++;
            passLog.reEmitted += reEmitted;
            passLog.tombstones += tombstones;
        }
        if (state.pass() == null && passLog != null) {
            counters.passes++;
            Duration took = Duration.ofNanos(System.nanoTime() - passLog.startNanos);
            log.info("Query {}: {} pass started at {} over the buckets from {} to {} done in {} ms, {} windows: {} "
                            + "re-emitted, {} tombstoned; the memory of {} buckets ({} characters) covers the buckets "
                            + "from {}", query.name(), fetch.kind() == Fetch.Kind.NIGHTLY_PASS ? "nightly" : "recent",
                    passLog.startedAt, passLog.first.window().start(), fetch.window().end(), took.toMillis(),
                    passLog.windows,
                    passLog.reEmitted, passLog.tombstones, memory.bucketCount(), memory.encodedChars(),
                    progress(now).coveredFrom());
            passLog = null;
        }
    }

    /** What a pass under way found so far, for the line logged when it completes. */
    private static final class PassLog {
        final Fetch first;
        final long startNanos;
        final Instant startedAt;
        int windows;
        long reEmitted;
        long tombstones;

        PassLog(Fetch first, long startNanos, Instant startedAt) {
            this.first = first;
            this.startNanos = startNanos;
            this.startedAt = startedAt;
        }
    }

    private static final class Counters {
        long windows;
        long records;
        long reEmitted;
        long tombstones;
        long passes;
    }
}
