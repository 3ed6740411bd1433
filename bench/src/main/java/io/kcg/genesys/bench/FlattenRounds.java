package io.kcg.genesys.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flatten figures of the table, in a JVM of their own (started by {@link FlattenFigures}): the methods of
 * {@link FlattenBenchmark} run in interleaved rounds, one call of each per round, after warm-up rounds, and each
 * figure is the median of its rounds. On a shared, noisy machine interleaving matters more than JMH's statistics:
 * a burst of load elsewhere hits every contender of a round alike, so the ratios hold even when the absolute times
 * move. Allocated bytes per call come from the thread's allocation counter (HotSpot's ThreadMXBean), the same
 * counter JMH's gc profiler reads. Prints one JSON line: {method: {ms, bytes}}.
 */
public final class FlattenRounds {
    private FlattenRounds() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        FlattenBenchmark bench = new FlattenBenchmark();
        bench.load();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        Map<String, ThrowingCall> calls = new LinkedHashMap<>();
        calls.put("jacksonTokens", () -> bh.consume(bench.jacksonTokens()));
        calls.put("jacksonTokensAndValues", () -> bench.jacksonTokensAndValues(bh));
        calls.put("connectorParseOnly", () -> bh.consume(bench.connectorParseOnly()));
        calls.put("connector", () -> bh.consume(bench.connector()));
        calls.put("tutorialTree", () -> bh.consume(bench.tutorialTree()));

        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (int round = 0; round < warmup + rounds; round++) {
            for (Map.Entry<String, ThrowingCall> call : calls.entrySet()) {
                System.gc(); // the previous call's garbage is not this call's cost
                long tid = Thread.currentThread().getId();
                long allocated = threads.getThreadAllocatedBytes(tid);
                long start = System.nanoTime();
                call.getValue().run();
                long elapsed = System.nanoTime() - start;
                if (round >= warmup) {
                    ms.computeIfAbsent(call.getKey(), k -> new ArrayList<>()).add(elapsed / 1e6);
                    bytes.put(call.getKey(), threads.getThreadAllocatedBytes(tid) - allocated);
                }
            }
        }
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (String method : calls.keySet()) {
            double[] sorted = ms.get(method).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            result.put(method, Map.of("ms", sorted[sorted.length / 2], "bytes", bytes.get(method),
                    "allMs", Arrays.toString(sorted)));
        }
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
