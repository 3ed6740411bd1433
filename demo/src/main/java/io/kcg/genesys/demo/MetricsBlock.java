package io.kcg.genesys.demo;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's metrics block: the connector's per-query metrics, read over JMX from the worker that runs in this JVM,
 * as an operator's monitoring would read them (docs/monitoring.md).
 */
final class MetricsBlock {
    private MetricsBlock() {
    }

    /** The block's lines for {@code connector}, or one line saying why there is none. */
    static List<String> render(String connector) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> lines = new ArrayList<>();
        try {
            ObjectName pattern = new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*");
            Set<ObjectName> names = new TreeSet<>(server.queryNames(pattern, null));
            lines.add("Metrics over JMX (kafka.connect:type=plugins,connector=" + connector + ",task=*,query=*; "
                    + "docs/monitoring.md):");
            for (ObjectName name : names) {
                String query = name.getKeyProperty("query");
                if (query == null) {
                    continue;
                }
                long lag = number(server, name, "watermark-lag-ms");
                lines.add(String.format(Locale.ROOT, "  %s: lag %s, %,d requests, %,d answered 429 (%.0f s waited), "
                                + "%,d retries, %,d windows, %,d records", query,
                        lag < 0 ? "unknown" : Duration.ofMillis(lag).toString(),
                        number(server, name, "requests-total"), number(server, name, "throttled-total"),
                        (double) number(server, name, "retry-after-wait-seconds-total"),
                        number(server, name, "retries-total"), number(server, name, "windows-fetched-total"),
                        number(server, name, "records-emitted-total")));
            }
            if (lines.size() == 1) {
                lines.add("  none published (a worker older than Kafka 4.1, or the task is not running)");
            }
        } catch (JMException e) {
            lines.add("Metrics over JMX: cannot be read (" + e.getMessage() + ")");
        }
        return lines;
    }

    private static long number(MBeanServer server, ObjectName name, String attribute) throws JMException {
        Object value = server.getAttribute(name, attribute);
        return value instanceof Number n ? Math.round(n.doubleValue()) : -1;
    }
}
