package io.kcg.genesys.source;

import io.kcg.genesys.config.IsoSpan;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.config.QueryDefinitionParser;
import io.kcg.genesys.config.RestatementSettings;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.reliability.LogTap;
import io.kcg.genesys.restate.HorizonMemory;
import io.kcg.genesys.restate.KeyLayout;
import io.kcg.genesys.window.Fetch;
import io.kcg.genesys.window.FetchPlanner;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One query's records: revisions, tombstones, which partition and offset each record carries, positions. */
class QueryRunnerTest {
    static final Schema KEY = SchemaBuilder.struct().name("Key").field("query_name", Schema.STRING_SCHEMA)
            .field("interval_start", Timestamp.SCHEMA).field("queue_id", Schema.STRING_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct().name("Value").field("query_name", Schema.STRING_SCHEMA)
            .field("interval_start", Timestamp.SCHEMA).field("queue_id", Schema.STRING_SCHEMA)
            .field("n_offered_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field(RecordMapper.REVISION_FIELD, SchemaBuilder.int32().defaultValue(0).build()).build();
    static final Instant DAY = Instant.parse("2026-03-05T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-08T00:00:00Z");
    static final RestatementSettings SETTINGS = new RestatementSettings(Duration.ofDays(3), Duration.ofDays(1),
            Duration.ofHours(1), LocalTime.of(4, 0), List.of());

    /** Keys and values as a mapper hands them over; this test builds them itself. */
    static final class Mapper implements RecordMapper {
        @Override
        public Schema keySchema() {
            return KEY;
        }

        @Override
        public Schema valueSchema() {
            return VALUE;
        }

        @Override
        public List<MappedRecord> read(InputStream body) {
            throw new UnsupportedOperationException("records are built by the test");
        }
    }

    static MappedRecord record(Instant bucket, String queue, long offered) {
        Struct key = new Struct(KEY).put("query_name", "q").put("interval_start", Date.from(bucket))
                .put("queue_id", queue);
        Struct value = new Struct(VALUE).put("query_name", "q").put("interval_start", Date.from(bucket))
                .put("queue_id", queue).put("n_offered_count", offered).put(RecordMapper.REVISION_FIELD, 0);
        return new MappedRecord(key, value, bucket, bucket.plus(Duration.ofMinutes(30)));
    }

    static QueryDefinition query() {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(List.of("q"), Map.of("query.q.body",
                "{\"metrics\":[\"nOffered\"],\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"]}",
                "query.q.topic", "t"));
        assertTrue(result.ok(), result.errors().toString());
        return result.queries().get(0);
    }

    static QueryRunner runner(boolean reemitUnchanged) {
        FetchPlanner planner = new FetchPlanner(new WindowPlanner(query(), IsoSpan.parse("PT1H"), Duration.ZERO),
                SETTINGS);
        return new QueryRunner(query(), new Mapper(), planner, "hb", planner.initial(DAY, DAY, null),
                new HorizonMemory(KeyLayout.of(KEY)), reemitUnchanged);
    }

    static Fetch forward(Instant start) {
        return Fetch.forward(new Window(start, start.plus(Duration.ofHours(1))));
    }

    static Fetch pass(Instant start) {
        return new Fetch(new Window(start, start.plus(Duration.ofHours(1))), Fetch.Kind.NIGHTLY_PASS);
    }

    static Fetch recentPass(Instant start) {
        return new Fetch(new Window(start, start.plus(Duration.ofHours(1))), Fetch.Kind.RECENT_PASS);
    }

    static Instant half(Instant start) {
        return start.plus(Duration.ofMinutes(30));
    }

    static void writeAll(QueryRunner runner, List<SourceRecord> records) {
        records.forEach(runner::acknowledged);
    }

    @Test
    void aChangedSeriesComesAgainAtTheNextRevisionAVanishedOneAsATombstoneAnUnchangedOneNotAtAll() {
        QueryRunner runner = runner(false);
        List<SourceRecord> first = runner.emit(forward(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 2),
                record(DAY, "c", 3)), NOW);
        assertEquals(3, first.size());
        List<SourceRecord> again = runner.emit(pass(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 5)), NOW);
        assertEquals(2, again.size(), "b changed, c vanished; a is unchanged");
        assertEquals(1, ((Struct) again.get(0).value()).getInt32(RecordMapper.REVISION_FIELD));
        assertEquals("b", ((Struct) again.get(0).key()).getString("queue_id"));
        assertNull(again.get(1).value(), "a tombstone");
        assertEquals("c", ((Struct) again.get(1).key()).getString("queue_id"));
        assertEquals(Date.from(DAY), ((Struct) again.get(1).key()).get("interval_start"), "its key rebuilt whole");
        List<SourceRecord> back = runner.emit(pass(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 5),
                record(DAY, "c", 3)), NOW);
        assertEquals(1, back.size());
        assertEquals(2, ((Struct) back.get(0).value()).getInt32(RecordMapper.REVISION_FIELD), "after its tombstone");
    }

    @Test
    void eachBucketsRecordsCarryItsPartitionAndOnlyItsLastRecordTheNewMemory() {
        QueryRunner runner = runner(false);
        List<SourceRecord> records = runner.emit(forward(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 2),
                record(half(DAY), "a", 3)), NOW);
        assertEquals(SourceOffsets.bucketPartition("q", DAY.toEpochMilli()), records.get(0).sourcePartition());
        assertNull(records.get(0).sourceOffset(), "nothing was remembered of the bucket before");
        Object memory = records.get(1).sourceOffset().get("memory");
        assertNotNull(memory);
        assertEquals(SourceOffsets.bucketPartition("q", half(DAY).toEpochMilli()), records.get(2).sourcePartition());
        List<SourceRecord> changed = runner.emit(pass(DAY), List.of(record(DAY, "a", 7), record(DAY, "b", 8),
                record(half(DAY), "a", 3)), NOW);
        assertEquals(Map.of("memory", memory), changed.get(0).sourceOffset(), "the memory handed over before");
        assertTrue(!memory.equals(changed.get(1).sourceOffset().get("memory")), "the last one: the new memory");
    }

    @Test
    void afterARewindForwardWindowsEmitRememberedSeriesAgainWithTheirRevision() {
        QueryRunner first = runner(false);
        first.emit(forward(DAY), List.of(record(DAY, "a", 1)), NOW);
        first.emit(pass(DAY), List.of(record(DAY, "a", 2)), NOW);
        assertTrue(first.emit(forward(DAY.plus(Duration.ofHours(1))), List.of(), NOW).isEmpty());
        // The same memory read back by a runner started from a bare watermark (a user's rewind).
        QueryRunner rewound = runner(true);
        rewound.emit(forward(DAY), List.of(record(DAY, "a", 1)), NOW);
        rewound.emit(pass(DAY), List.of(record(DAY, "a", 2)), NOW);
        List<SourceRecord> replay = rewound.emit(forward(DAY), List.of(record(DAY, "a", 2)), NOW);
        assertEquals(1, replay.size(), "emitted again although unchanged");
        assertEquals(1, ((Struct) replay.get(0).value()).getInt32(RecordMapper.REVISION_FIELD));
    }

    @Test
    void bucketsOlderThanTheHorizonAreEmittedByForwardWindowsAsTheyAreAndSkippedByPasses() {
        QueryRunner runner = runner(false);
        Instant old = NOW.minus(Duration.ofDays(4));
        List<SourceRecord> backfill = runner.emit(forward(old), List.of(record(old, "a", 1)), NOW);
        assertEquals(SourceOffsets.partition("q"), backfill.get(0).sourcePartition(), "no memory: the query partition");
        assertEquals(0, ((Struct) backfill.get(0).value()).getInt32(RecordMapper.REVISION_FIELD));
        assertTrue(runner.emit(pass(old), List.of(record(old, "a", 9)), NOW).isEmpty());
    }

    @Test
    void aPositionIsHandedOverWithTheForgottenBucketsOnlyOnceTheRecordsBeforeItAreWritten() {
        QueryRunner runner = runner(false);
        List<SourceRecord> records = runner.emit(forward(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 2)), NOW);
        assertTrue(runner.released(NOW).isEmpty(), "nothing written yet");
        runner.acknowledged(records.get(0));
        assertTrue(runner.released(NOW).isEmpty(), "one record still unwritten");
        runner.acknowledged(records.get(1));
        List<SourceRecord> position = runner.released(NOW);
        assertEquals(1, position.size());
        assertEquals(Map.of("watermark", DAY.plus(Duration.ofHours(1)).toEpochMilli(), "memory_from",
                DAY.toEpochMilli(), "memory_oldest", DAY.toEpochMilli(), "nightly_pass", NOW.toEpochMilli()),
                position.get(0).sourceOffset(), "the nightly pass had nothing to fetch again yet: done");
        assertEquals("hb", position.get(0).topic());

        // Three days later the bucket of DAY leaves the horizon: its partition is deleted with the next position.
        Instant later = DAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(2));
        List<SourceRecord> next = runner.emit(forward(DAY.plus(Duration.ofHours(1))), List.of(), later);
        writeAll(runner, next);
        List<SourceRecord> withDeletion = runner.released(later);
        assertEquals(List.of(SourceOffsets.bucketPartition("q", DAY.toEpochMilli()), SourceOffsets.partition("q")),
                withDeletion.stream().map(SourceRecord::sourcePartition).toList());
        assertNull(withDeletion.get(0).sourceOffset(), "a null offset deletes the partition");
        assertEquals(DAY.toEpochMilli(), withDeletion.get(1).sourceOffset().get("memory_oldest"),
                "the deleted bucket stays the oldest a restart looks for until the deletion is through");
    }

    @Test
    void aPassSummaryCountsWhatItsFirstWindowReEmittedAndTombstoned() {
        Instant now = DAY.plus(Duration.ofHours(3));
        FetchPlanner planner = new FetchPlanner(new WindowPlanner(query(), IsoSpan.parse("PT1H"), Duration.ZERO),
                SETTINGS);
        // The nightly pass ran at DAY: only the recent pass is due.
        QueryRunner runner = new QueryRunner(query(), new Mapper(), planner, "hb", planner.initial(DAY, DAY, DAY),
                new HorizonMemory(KeyLayout.of(KEY)), false);
        Instant secondHour = DAY.plus(Duration.ofHours(1));
        runner.emit(forward(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 2), record(DAY, "c", 3),
                record(half(DAY), "a", 4)), now);
        runner.emit(forward(secondHour), List.of(record(secondHour, "a", 5)), now);
        try (LogTap log = LogTap.start()) {
            // The pass's first window: b changed, c vanished; its second window: a changed.
            List<SourceRecord> first = runner.emit(recentPass(DAY), List.of(record(DAY, "a", 1), record(DAY, "b", 7),
                    record(half(DAY), "a", 4)), now);
            assertEquals(2, first.size());
            assertNotNull(runner.state().pass(), "the pass goes on");
            List<SourceRecord> second = runner.emit(recentPass(secondHour), List.of(record(secondHour, "a", 6)), now);
            assertEquals(1, second.size());
            assertNull(runner.state().pass(), "the pass is complete");
            assertTrue(Pattern.compile("Query q: recent pass started at " + now + " over the buckets from " + DAY
                    + " to " + DAY.plus(Duration.ofHours(2)) + " done in \\d+ ms, 2 windows: 2 re-emitted, "
                    + "1 tombstoned").matcher(log.text()).find(), log.text());
        }
        QueryProgress progress = runner.progress(now);
        assertEquals(1, progress.passes());
        assertEquals(2, progress.reEmitted());
        assertEquals(1, progress.tombstones());
    }
}
