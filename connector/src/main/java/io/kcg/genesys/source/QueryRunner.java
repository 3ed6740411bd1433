package io.kcg.genesys.source;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.Heartbeats;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.restate.RestatementPass;
import io.kcg.genesys.restate.RestatementState;
import io.kcg.genesys.restate.SeriesKey;
import io.kcg.genesys.restate.StructDigest;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one query inside a task: its watermark, its planners, its record mapper and, with restatement on,
 * what it emitted inside the lookback. It turns a fetched window into SourceRecords whose offsets never claim more
 * than what was handed to Connect.
 */
final class QueryRunner {
    static final String HEADER_QUERY = "genesys.query";
    static final String HEADER_WINDOW = "genesys.window";

    private final QueryDefinition query;
    private final WindowPlanner planner;
    private final RecordMapper mapper;
    private final String heartbeatTopic;
    private final Map<String, String> partition;
    private final RestatementPass pass;       // null when restatement is off
    private final RestatementState emitted;   // null when restatement is off
    private Instant watermark;
    private Map<String, Object> committedOffset;
    private boolean restatementsTurn;

    QueryRunner(QueryDefinition query, WindowPlanner planner, RecordMapper mapper, String heartbeatTopic,
                Instant watermark, RestatementPass pass, RestatementState emitted) {
        this.query = query;
        this.planner = planner;
        this.mapper = mapper;
        this.heartbeatTopic = heartbeatTopic;
        this.partition = SourceOffsets.partition(query.name());
        this.watermark = planner.align(watermark);
        this.pass = pass;
        this.emitted = emitted;
        this.committedOffset = SourceOffsets.offset(this.watermark, emitted == null ? null : emitted.encodeWithinBound());
    }

    QueryDefinition query() {
        return query;
    }

    Instant watermark() {
        return watermark;
    }

    /** The oldest bucket the restatement memory covers, or null when restatement is off. */
    Instant restatementTrackedFrom() {
        return emitted == null ? null : Instant.ofEpochMilli(emitted.trackedFrom());
    }

    /** The records of a response body of this query, built as it streams in (all at revision 0). */
    List<MappedRecord> read(InputStream body) throws IOException {
        return mapper.read(body);
    }

    /**
     * The next request of this query: its next settled window, or a window of its lookback when a pass is due.
     * When both are due they take turns, so neither backfill nor restatement starves the other.
     */
    Optional<Fetch> nextFetch(Instant now) {
        Optional<Window> forward = planner.next(watermark, now);
        if (pass != null && (forward.isEmpty() || restatementsTurn)) {
            Optional<Window> again = pass.next(now, watermark, emitted.trackedFrom());
            if (again.isPresent()) {
                restatementsTurn = false;
                return Optional.of(new Fetch(again.get(), true));
            }
        }
        restatementsTurn = true;
        return forward.map(window -> new Fetch(window, false));
    }

    /**
     * What {@link #nextFetch} would answer at {@code now}, changing nothing: whose turn it is and where a pass
     * stands stay as they are, so a task can fetch ahead without altering what its next poll chooses.
     */
    Optional<Fetch> peekFetch(Instant now) {
        Optional<Window> forward = planner.next(watermark, now);
        if (pass != null && (forward.isEmpty() || restatementsTurn)) {
            Optional<Window> again = pass.peek(now, watermark, emitted.trackedFrom());
            if (again.isPresent()) {
                return Optional.of(new Fetch(again.get(), true));
            }
        }
        return forward.map(window -> new Fetch(window, false));
    }

    /** When this query next has something to fetch, if nothing is due now. */
    Instant nextDueAt() {
        Instant due = planner.nextDueAt(watermark);
        if (pass != null && pass.nextPassAt().isBefore(due)) {
            due = pass.nextPassAt();
        }
        return due;
    }

    /**
     * The records of a fetched window. Every record but the last carries the offset committed before and the last
     * one the new offset: if the worker commits offsets half way through a window, a restart fetches that window
     * again (the same keys, so compaction and upserts converge) instead of skipping its rest.
     */
    List<SourceRecord> toSourceRecords(Fetch fetch, List<MappedRecord> mapped, Instant now) {
        Window window = fetch.window();
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_QUERY, query.name());
        headers.addString(HEADER_WINDOW, QueryDefinition.intervalText(window.start(), window.end()));

        List<Struct[]> keyValues = emitted == null ? revisionZero(mapped) : withRevisions(fetch, mapped, now);
        Instant newWatermark = fetch.restatement() ? watermark : window.end();
        Map<String, Object> newOffset = SourceOffsets.offset(newWatermark,
                emitted == null ? null : emitted.encodeWithinBound());

        List<SourceRecord> records = new ArrayList<>(Math.max(1, keyValues.size()));
        if (keyValues.isEmpty()) {
            if (!fetch.restatement()) {
                records.add(new SourceRecord(partition, newOffset, heartbeatTopic, null,
                        Heartbeats.KEY_SCHEMA, Heartbeats.key(query.name()),
                        Heartbeats.VALUE_SCHEMA, Heartbeats.value(query.name(), window.start(), window.end()),
                        null, headers));
            }
            return records;
        }
        for (int i = 0; i < keyValues.size(); i++) {
            Struct[] keyValue = keyValues.get(i);
            Map<String, Object> offset = i == keyValues.size() - 1 ? newOffset : committedOffset;
            Struct value = keyValue[1];
            records.add(new SourceRecord(partition, offset, query.topic(), null, mapper.keySchema(), keyValue[0],
                    value == null ? null : mapper.valueSchema(), value, null, headers));
        }
        return records;
    }

    private static List<Struct[]> revisionZero(List<MappedRecord> mapped) {
        List<Struct[]> keyValues = new ArrayList<>(mapped.size());
        for (MappedRecord record : mapped) {
            keyValues.add(new Struct[] {record.key(), record.value()});
        }
        return keyValues;
    }

    /**
     * Revisions from what was emitted before: a new bucket-series gets 0, a changed one the next revision, an
     * unchanged one is left out of a lookback window (and kept with its revision in a forward window, which only
     * happens after a rewind), and one that vanished from a lookback window gets a tombstone (null value).
     */
    private List<Struct[]> withRevisions(Fetch fetch, List<MappedRecord> mapped, Instant now) {
        long trackedFrom = Math.max(emitted.trackedFrom(), pass.lookbackStart(now).toEpochMilli());
        Map<Long, Set<SeriesKey>> present = new HashMap<>();
        List<Struct[]> keyValues = new ArrayList<>(mapped.size());
        for (MappedRecord record : mapped) {
            long bucket = record.bucketStart().toEpochMilli();
            if (bucket < trackedFrom) {
                keyValues.add(new Struct[] {record.key(), record.value()}); // older than the lookback: not tracked
                continue;
            }
            SeriesKey series = SeriesKey.of(record.key());
            present.computeIfAbsent(bucket, b -> new HashSet<>()).add(series);
            int revision = emitted.observe(bucket, series, StructDigest.of(record.value(), RecordMapper.REVISION_FIELD));
            if (revision < 0 && !fetch.restatement()) {
                revision = emitted.revision(bucket, series);
            }
            if (revision >= 0) {
                record.value().put(RecordMapper.REVISION_FIELD, revision);
                keyValues.add(new Struct[] {record.key(), record.value()});
            }
        }
        if (fetch.restatement()) {
            long from = Math.max(trackedFrom, fetch.window().start().toEpochMilli());
            emitted.vanish(from, fetch.window().end().toEpochMilli(), present).forEach((bucket, gone) -> {
                for (SeriesKey series : gone) {
                    keyValues.add(new Struct[] {series.keyAt(mapper.keySchema(), bucket), null});
                }
            });
        }
        emitted.forgetBefore(trackedFrom);
        return keyValues;
    }

    /** Called once the window's records are handed to Connect. */
    void done(Fetch fetch, List<SourceRecord> records) {
        if (!records.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) records.get(records.size() - 1).sourceOffset();
            committedOffset = offset;
        }
        if (fetch.restatement()) {
            pass.done(fetch.window());
        } else {
            watermark = fetch.window().end();
        }
    }
}
