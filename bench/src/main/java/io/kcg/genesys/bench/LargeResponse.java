package io.kcg.genesys.bench;

import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.simulator.GenesysSimulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The large response every flatten figure is taken on: one day of a 30-minute voice report grouped by queue, for an
 * organisation of {@value #QUEUES} queues, as the simulator answers it (seed {@value #SEED}). Every voice queue has
 * data in every half hour, so that is {@value #QUEUES} groups x 48 buckets with up to 15 requested metrics each
 * (about 11 present on average: the simulator omits metrics a bucket has no data for, as Genesys does), about 78 MB.
 * The answer is a pure function of seed, body and clock, so the file is made once and kept in {@code bench/out/}.
 */
public final class LargeResponse {
    static final long SEED = 42L;
    static final int QUEUES = 2000;
    static final Instant CLOCK = Instant.parse("2026-03-12T00:00:00Z");
    static final Instant DAY_START = Instant.parse("2026-03-10T00:00:00Z");
    static final Instant DAY_END = Instant.parse("2026-03-11T00:00:00Z");

    /** The query body without its interval (the connector adds the window's). */
    static final String BODY = "{\"granularity\":\"PT30M\",\"timeZone\":\"UTC\",\"groupBy\":[\"queueId\"],"
            + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
            + "\"metrics\":[\"nOffered\",\"nConnected\",\"nOutbound\",\"tAnswered\",\"tAbandon\",\"tWait\",\"tAlert\","
            + "\"tTalk\",\"tHeld\",\"tAcw\",\"tHandle\",\"nTransferred\",\"nOverSla\",\"oServiceLevel\",\"oServiceTarget\"]}";

    private LargeResponse() {
    }

    /** The response file in {@code outDir}, made by the simulator when it is not there yet. */
    public static Path ensure(Path outDir) throws IOException {
        Path file = outDir.resolve("large-response-" + QUEUES + "q-seed" + SEED + ".json");
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(outDir);
        String body;
        try (GenesysSimulator sim = simulator(QUEUES)) {
            body = sim.groundTruth("conversations", query("large").bodyFor(DAY_START, DAY_END));
        }
        Path tmp = Files.createTempFile(outDir, "large-response", ".tmp");
        Files.write(tmp, body.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** The simulated organisation of the benchmarks (not started: callers that need HTTP start it). */
    static GenesysSimulator simulator(int queues) {
        return GenesysSimulator.builder().seed(SEED).queues(queues).agentsPerQueue(1).fixedClock(CLOCK).port(0).build();
    }

    /** The connector's view of the large query, as the task builds it from a connector config. */
    static QueryDefinition query(String name) {
        GenesysSourceConfig config = new GenesysSourceConfig(connectorProps(name, "http://127.0.0.1:1", "bench." + name));
        return config.queries().get(0);
    }

    /** A connector config for one query with {@link #BODY}, starting at {@link #DAY_START}. */
    static Map<String, String> connectorProps(String name, String apiUrl, String topic) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("genesys.api.url", apiUrl);
        props.put("genesys.client.id", "demo-client");
        props.put("genesys.client.secret", "demo-secret");
        props.put("queries", name);
        props.put("query." + name + ".body", BODY);
        props.put("query." + name + ".topic", topic);
        props.put("query." + name + ".start", DAY_START.toString());
        return props;
    }

    static List<String> metrics() {
        return query("large").metrics();
    }
}
