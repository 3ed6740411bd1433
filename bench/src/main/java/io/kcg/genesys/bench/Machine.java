package io.kcg.genesys.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine a table was taken on. */
final class Machine {
    private Machine() {
    }

    /** The 1-minute load average (other processes' work on the same cores), or "?" where /proc is missing. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: the JVM's view below is still worth printing
        }
        return String.format("%d cores (%s), %.0f GiB max heap of %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024), "this JVM",
                System.getProperty("java.version"));
    }
}
