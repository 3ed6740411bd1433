package io.kcg.genesys.bench;

import io.kcg.genesys.config.TestingClock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs every measurement and prints one table (also written to bench/out/results.md). Arguments: the repository
 * root, then optionally the parts to run ({@code flatten e2e api restatement}; all by default).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // The benchmarks' connectors run on a fixed clock (BenchClock), which a worker allows only when told to.
        System.setProperty(TestingClock.ENABLE_PROPERTY, "true");
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Set<String> parts = new HashSet<>(args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : Arrays.asList("flatten", "e2e", "api", "restatement"));
        Path out = root.resolve("bench/out");
        Files.createDirectories(out);
        Instant began = Instant.now();
        String loadBefore = Machine.loadAverage();
        Table table = new Table();

        if (parts.contains("flatten")) {
            Path response = LargeResponse.ensure(out);
            long[] counts = FlattenFigures.count(response);
            HeapFootprint.Result heap = HeapFootprint.measure(response);
            FlattenFigures.Python python = FlattenFigures.runPython(root.resolve("bench/python/tutorial_flatten.py"), response);
            FlattenFigures.Jmh jmh = parts.contains("jmh")
                    ? FlattenFigures.runJmh(response, Integer.getInteger("bench.jmh.seconds", 3))
                    : FlattenFigures.runRounds(response, 2, 5);
            FlattenFigures.report(table, response, jmh, python, heap, counts[0], counts[1]);
        }
        if (parts.contains("e2e") || parts.contains("api")) {
            try (BenchCluster cluster = new BenchCluster()) {
                if (parts.contains("e2e")) {
                    EndToEnd.run(table, cluster, out);
                }
                if (parts.contains("api")) {
                    ApiEfficiency.run(table, cluster, root);
                }
            }
        }

        if (parts.contains("restatement")) {
            RestatementCost.run(table);
        }

        String when = DateTimeFormatter.ISO_INSTANT.format(began.atOffset(ZoneOffset.UTC).withNano(0));
        String text = "Run " + when + " on " + Machine.describe() + ", " + Duration.between(began, Instant.now()).toSeconds()
                + " s; load average " + loadBefore + " at the start, " + Machine.loadAverage() + " at the end\n\n"
                + table.markdown();
        Files.writeString(out.resolve("results.md"), text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(text);
    }
}
