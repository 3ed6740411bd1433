package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Measurement 1 (parse and flatten) and 4 (memory): JMH in a forked JVM, the Python flattener, the live heap. */
final class FlattenFigures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlattenFigures() {
    }

    /** Milliseconds per operation and allocated bytes per operation of each benchmark method. */
    record Jmh(Map<String, Double> msPerOp, Map<String, Double> bytesPerOp) {
    }

    static Jmh runJmh(Path response, int iterationSeconds) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(FlattenBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(iterationSeconds))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .jvmArgsAppend("-Xms3g", "-Xmx3g", "-D" + FlattenBenchmark.RESPONSE_PROPERTY + "=" + response)
                .addProfiler("gc")
                .shouldDoGC(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> ms = new HashMap<>();
        Map<String, Double> bytes = new HashMap<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            ms.put(method, run.getPrimaryResult().getScore());
            Map<String, Result> secondary = run.getSecondaryResults();
            Result norm = secondary.get("gc.alloc.rate.norm");
            if (norm == null) {
                norm = secondary.get("·gc.alloc.rate.norm");
            }
            if (norm != null) {
                bytes.put(method, norm.getScore());
            }
        }
        return new Jmh(ms, bytes);
    }

    /** The interleaved rounds of {@link FlattenRounds} in a fresh JVM with a fixed heap. */
    static Jmh runRounds(Path response, int warmup, int rounds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms4g", "-Xmx4g",
                "-D" + FlattenBenchmark.RESPONSE_PROPERTY + "=" + response,
                "-cp", System.getProperty("java.class.path"), FlattenRounds.class.getName(),
                Integer.toString(warmup), Integer.toString(rounds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IOException("the flatten rounds failed: " + out);
        }
        JsonNode n = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
        Map<String, Double> ms = new HashMap<>();
        Map<String, Double> bytes = new HashMap<>();
        n.fields().forEachRemaining(e -> {
            ms.put(e.getKey(), e.getValue().get("ms").asDouble());
            bytes.put(e.getKey(), e.getValue().get("bytes").asDouble());
            System.out.println("flatten " + e.getKey() + ": median " + e.getValue().get("ms").asDouble() + " ms of "
                    + e.getValue().get("allMs").asText() + ", " + e.getValue().get("bytes").asLong() + " B allocated");
        });
        return new Jmh(ms, bytes);
    }

    record Python(double seconds, long rows, long bytes, long maxRssBytes, String version) {
    }

    static Python runPython(Path script, Path response) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", script.toString(), response.toString(), "1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IOException("python3 " + script + " failed: " + out);
        }
        JsonNode n = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
        return new Python(n.get("seconds").asDouble(), n.get("rows").asLong(), n.get("bytes").asLong(),
                n.get("max_rss_bytes").asLong(), n.get("python").asText());
    }

    /** Adds the rows of measurements 1 and 4 to the table. */
    static void report(Table table, Path response, Jmh jmh, Python python, HeapFootprint.Result heap,
                       long records, long metricRows) throws IOException {
        double mb = Files.size(response) / 1e6;
        double ours = jmh.msPerOp().get("connector");
        double parseOnly = jmh.msPerOp().get("connectorParseOnly");
        double tree = jmh.msPerOp().get("tutorialTree");
        double tokens = jmh.msPerOp().get("jacksonTokens");
        double values = jmh.msPerOp().get("jacksonTokensAndValues");
        String size = String.format("%.1f MB, %,d records, %,d metric rows", mb, records, metricRows);
        table.add("response flattened", size, "same file", "");
        table.ratio("flatten MB/s vs tree + loops (Java)", mb / ours * 1000, mb / tree * 1000, "MB/s", "Jackson tree");
        table.ratio("flatten MB/s vs Python recursive", mb / ours * 1000, mb / python.seconds(), "MB/s",
                "python " + python.version() + String.format(", %,d rows", python.rows()));
        table.ratio("flatten MB/s vs raw token stream (goal >= 0.50x)", mb / ours * 1000, mb / tokens * 1000, "MB/s",
                "Jackson nextToken");
        table.ratio("flatten MB/s vs tokens + values read", mb / ours * 1000, mb / values * 1000, "MB/s",
                "Jackson, values read");
        table.ratio("  of which the parser alone (rows dropped)", mb / parseOnly * 1000, mb / tokens * 1000, "MB/s",
                "Jackson nextToken");
        table.ratio("records/s (wide, one per group x bucket)", records / ours * 1000, records / tree * 1000, "rec/s",
                "Jackson tree");
        Double alloc = jmh.bytesPerOp().get("connector");
        Double treeAlloc = jmh.bytesPerOp().get("tutorialTree");
        if (alloc != null && treeAlloc != null) {
            table.ratio("bytes allocated per record", alloc / records, treeAlloc / records, "B", "Jackson tree");
        }
        table.add("peak live heap / response size", String.format("%.2f (%s)", heap.connectorPeakLive() / (double) heap.responseBytes(),
                        Table.mb(heap.connectorPeakLive())),
                String.format("%.2f (%s, Jackson tree); python max RSS %s", heap.treePeakLive() / (double) heap.responseBytes(),
                        Table.mb(heap.treePeakLive()), Table.mb(python.maxRssBytes())),
                String.format("%.2fx", heap.connectorPeakLive() / (double) heap.treePeakLive()));
    }

    /** Records and metric rows of the response, counted once by the connector's own parser and mapper. */
    static long[] count(Path response) throws IOException {
        byte[] body = Files.readAllBytes(response);
        long[] rows = new long[1];
        new io.kcg.genesys.parse.AggregateResponseParser().parse(new java.io.ByteArrayInputStream(body), row -> rows[0]++);
        int records = new io.kcg.genesys.record.WideRecordMapper(LargeResponse.query("large"), true)
                .read(new java.io.ByteArrayInputStream(body)).size();
        return new long[] {records, rows[0]};
    }
}
