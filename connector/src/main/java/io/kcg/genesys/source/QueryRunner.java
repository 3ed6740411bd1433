package io.kcg.genesys.source;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.record.Heartbeats;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one query inside a task: its watermark, its window planner and its record mapper. It turns a
 * fetched window into SourceRecords whose offsets never claim more than what was handed to Connect.
 */
final class QueryRunner {
    static final String HEADER_QUERY = "genesys.query";
    static final String HEADER_WINDOW = "genesys.window";

    private final QueryDefinition query;
    private final WindowPlanner planner;
    private final RecordMapper mapper;
    private final String heartbeatTopic;
    private final Map<String, String> partition;
    private Instant watermark;

    QueryRunner(QueryDefinition query, WindowPlanner planner, RecordMapper mapper, String heartbeatTopic,
                Instant watermark) {
        this.query = query;
        this.planner = planner;
        this.mapper = mapper;
        this.heartbeatTopic = heartbeatTopic;
        this.partition = SourceOffsets.partition(query.name());
        this.watermark = planner.align(watermark);
    }

    QueryDefinition query() {
        return query;
    }

    Instant watermark() {
        return watermark;
    }

    Optional<Window> nextWindow(Instant now) {
        return planner.next(watermark, now);
    }

    Instant nextDueAt() {
        return planner.nextDueAt(watermark);
    }

    /**
     * The records of a fetched window. Every record but the last carries the previous watermark and the last one the
     * window's end: if the worker commits offsets half way through a window, a restart fetches that window again
     * (the same keys, so compaction and upserts converge) instead of skipping its rest.
     */
    List<SourceRecord> toSourceRecords(Window window, List<AggregateRow> rows) {
        List<MappedRecord> mapped = mapper.map(rows);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_QUERY, query.name());
        headers.addString(HEADER_WINDOW, QueryDefinition.intervalText(window.start(), window.end()));
        Map<String, Long> previous = SourceOffsets.offset(watermark);
        Map<String, Long> done = SourceOffsets.offset(window.end());

        List<SourceRecord> records = new ArrayList<>(Math.max(1, mapped.size()));
        if (mapped.isEmpty()) {
            records.add(new SourceRecord(partition, done, heartbeatTopic, null,
                    Heartbeats.KEY_SCHEMA, Heartbeats.key(query.name()),
                    Heartbeats.VALUE_SCHEMA,
                    Heartbeats.value(query.name(), window.start(), window.end()),
                    null, headers));
            return records;
        }
        for (int i = 0; i < mapped.size(); i++) {
            MappedRecord record = mapped.get(i);
            Map<String, Long> offset = i == mapped.size() - 1 ? done : previous;
            Struct key = record.key();
            records.add(new SourceRecord(partition, offset, query.topic(), null, mapper.keySchema(), key,
                    mapper.valueSchema(), record.value(), null, headers));
        }
        return records;
    }

    /** Called once the window's records are handed to Connect. */
    void advanceTo(Window window) {
        watermark = window.end();
    }

}
