package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.WideRecordMapper;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live heap a task needs at its peak for one response: the task streams the body from HTTP into the parser
 * (the body is never held whole), which hands each metric to the mapper as a row it does not keep; every
 * record is kept until the response has parsed (all-or-nothing) and, with its SourceRecord, until poll() returns
 * them. Measured as the heap in use after a full GC at that point, minus the heap before (the mapper's index of
 * (group, bucket) to record, alive only while it reads, is not in it); the tree way is measured the same way (its tree and its
 * rows alive together). Garbage made on the way is not counted: that is the allocation figure's job.
 */
final class HeapFootprint {
    record Result(long responseBytes, long connectorPeakLive, long treePeakLive, int records) {
    }

    private HeapFootprint() {
    }

    static Result measure(Path response) throws IOException {
        long size = Files.size(response);
        WideRecordMapper mapper = new WideRecordMapper(LargeResponse.query("large"), true);
        long base = liveHeap();
        List<MappedRecord> mapped;
        try (InputStream in = Files.newInputStream(response)) {
            mapped = mapper.read(in);
        }
        List<SourceRecord> records = new ArrayList<>(mapped.size());
        Map<String, String> partition = Map.of("query", "large");
        Map<String, Long> offset = Map.of("watermark", 0L);
        for (MappedRecord r : mapped) {
            records.add(new SourceRecord(partition, offset, "bench.large", null, mapper.keySchema(), r.key(),
                    mapper.valueSchema(), r.value()));
        }
        long connector = liveHeap() - base;
        int count = records.size();
        keep(mapped, records);
        mapped = null;
        records = null;

        base = liveHeap();
        JsonNode tree = TutorialTreeFlattener.tree(Files.readAllBytes(response));
        List<Map<String, Object>> treeRows = TutorialTreeFlattener.flatten(tree);
        long treeLive = liveHeap() - base;
        keep(tree, treeRows);
        return new Result(size, connector, treeLive, count);
    }

    private static volatile Object sink;

    /** Keeps its arguments reachable up to here, whatever the JIT concludes. */
    private static void keep(Object... objects) {
        sink = objects;
        sink = null;
    }

    static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
