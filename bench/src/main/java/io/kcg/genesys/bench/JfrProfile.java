package io.kcg.genesys.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the CPU samples (jdk.ExecutionSample) of a JFR recording: per thread group, and within the threads a
 * predicate selects, per stage of the task. A sample's stage is that of the frame nearest the leaf whose class
 * belongs to a stage, so Jackson called by the parser counts as parsing and Jackson called by the JsonConverter
 * as conversion. Also usable from the command line: {@code JfrProfile FILE [THREAD-PREFIX]} prints the top methods.
 */
final class JfrProfile {
    /** Stages of the task's poll and send loop, by class name prefix, in the order of the table. */
    static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("HTTP client (request, body stream, retries)", List.of("io.kcg.genesys.client.", "jdk.internal.net.http.",
                "java.net.http."));
        STAGES.put("parse (AggregateResponseParser)", List.of("io.kcg.genesys.parse."));
        STAGES.put("mapping (rows to Structs)", List.of("io.kcg.genesys.record.", "org.apache.kafka.connect.data."));
        STAGES.put("restatement bookkeeping", List.of("io.kcg.genesys.restate."));
        STAGES.put("task (window planning, SourceRecords)", List.of("io.kcg.genesys.source.", "io.kcg.genesys.window."));
        STAGES.put("conversion (JsonConverter)", List.of("org.apache.kafka.connect.json.", "org.apache.kafka.connect.storage."));
        STAGES.put("producer send", List.of("org.apache.kafka.clients.producer.", "org.apache.kafka.common.record.",
                "org.apache.kafka.common.serialization."));
        STAGES.put("Connect runtime (offsets, transactions, metrics)", List.of("org.apache.kafka.connect.runtime.",
                "org.apache.kafka.connect.util.", "org.apache.kafka.common."));
    }

    record Samples(long total, Map<String, Long> byThreadGroup, long selected, Map<String, Long> byStage) {
    }

    private JfrProfile() {
    }

    /** Samples of a Connect task: its thread is a worker pool thread renamed task-thread-..., which JFR may not see. */
    static boolean isTask(RecordedStackTrace stack) {
        if (stack == null) {
            return false;
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = frames.size() - 1; i >= 0; i--) { // from the root: WorkerTask.run is near it
            if (frames.get(i).isJavaFrame()
                    && frames.get(i).getMethod().getType().getName().startsWith("org.apache.kafka.connect.runtime.WorkerTask")) {
                return true;
            }
        }
        return false;
    }

    static Samples read(Path recording) throws IOException {
        long total = 0;
        long selected = 0;
        Map<String, Long> groups = new HashMap<>();
        Map<String, Long> stages = new LinkedHashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            total++;
            RecordedThread thread = e.getThread("sampledThread");
            String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
            boolean task = isTask(e.getStackTrace());
            groups.merge(task ? "connector task" : threadGroup(name), 1L, Long::sum);
            if (task) {
                selected++;
                stages.merge(stage(e.getStackTrace()), 1L, Long::sum);
            }
        }
        return new Samples(total, groups, selected, stages);
    }

    static String stage(RecordedStackTrace stack) {
        if (stack == null) {
            return "other";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
                for (String prefix : stage.getValue()) {
                    if (type.startsWith(prefix)) {
                        return stage.getKey();
                    }
                }
            }
        }
        return "other";
    }

    /** Threads by what they serve, from Kafka's, Connect's, the HttpClient's and the simulator's thread names. */
    static String threadGroup(String name) {
        if (name.startsWith("task-thread-")) {
            return "connector task";
        }
        if (name.startsWith("genesys-prefetch-")) {
            return "connector prefetch (HTTP, parse, mapping)";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "producer I/O";
        }
        if (name.startsWith("HttpClient-")) {
            return "HTTP client I/O";
        }
        if (name.startsWith("genesys-simulator") || name.startsWith("replay-http") || name.contains("HTTP-Dispatcher")) {
            return "API server (simulator or replay)";
        }
        if (name.startsWith("data-plane") || name.startsWith("kafka-") || name.contains("broker")
                || name.contains("controller") || name.startsWith("raft") || name.contains("RequestHandler")
                || name.contains("request-handler") || name.startsWith("LogCleaner") || name.startsWith("ReplicaFetcher")
                || name.contains("quorum") || name.contains("Processor") || name.startsWith("group-coordinator")) {
            return "broker";
        }
        if (name.startsWith("bench-producer") || name.equals("main")) {
            return "bench driver / raw producer";
        }
        return "other JVM threads";
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String prefix = args.length > 1 ? args[1] : "";
        Map<String, Long> leaf = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long n = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            String name = thread == null ? "?" : thread.getJavaName();
            threads.merge(String.valueOf(name), 1L, Long::sum);
            if (name == null || !name.startsWith(prefix) || e.getStackTrace() == null) {
                continue;
            }
            n++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < Math.min(frames.size(), Integer.getInteger("depth", 1)); i++) {
                    RecordedFrame f = frames.get(i);
                    key.append(i == 0 ? "" : " <- ").append(f.getMethod().getType().getName()).append('.')
                            .append(f.getMethod().getName());
                }
                leaf.merge(key.toString(), 1L, Long::sum);
            }
        }
        System.out.println(n + " samples on threads starting with '" + prefix + "'");
        print(leaf, n, 40);
        System.out.println("threads:");
        print(threads, threads.values().stream().mapToLong(Long::longValue).sum(), 25);
    }

    private static void print(Map<String, Long> counts, long total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6d %5.1f%% %s%n", e.getValue(), 100.0 * e.getValue() / total, e.getKey()));
    }

    static String percentages(Map<String, Long> counts, long total) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
