package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysWindowTooLargeException;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.window.Window;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The task's requests answered by the simulator's ground truth, without HTTP: what Genesys holds at the simulator's
 * clock, read through the query's own mapper. It can refuse windows longer than a number of buckets as Genesys
 * refuses an answer too large ({@link GenesysWindowTooLargeException}), and it records every window asked.
 */
final class SimulatedRequests implements WindowRequests {
    private final GenesysSimulator sim;
    final List<Window> asked = new ArrayList<>();
    private volatile Duration refusedAbove;

    SimulatedRequests(GenesysSimulator sim) {
        this.sim = sim;
    }

    /** Windows longer than {@code span} are refused as too large from now on; null accepts every window. */
    void refuseLongerThan(Duration span) {
        refusedAbove = span;
    }

    @Override
    public synchronized List<MappedRecord> fetch(QueryRunner runner, Window window) {
        asked.add(window);
        Duration limit = refusedAbove;
        if (limit != null && Duration.between(window.start(), window.end()).compareTo(limit) > 0) {
            throw new GenesysWindowTooLargeException("Genesys API 400 response.entity.too.large: the answer to "
                    + window + " is too large", null);
        }
        String body = runner.query().bodyFor(window.start(), window.end());
        String answer = sim.groundTruth(runner.query().endpoint(), body);
        try {
            return runner.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
    }
}
