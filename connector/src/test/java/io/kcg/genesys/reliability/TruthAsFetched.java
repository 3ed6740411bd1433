package io.kcg.genesys.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.it.ExpectedRecords;
import io.kcg.genesys.simulator.GenesysSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's ground truth as a connector saw it when it fetched each window. With a settle delay longer than
 * the simulator's longest ingestion delay (10 min) a fetched bucket is final until a nightly restatement touches it,
 * which happens to data 48 h old at the earliest; so each day is taken as of the clock when its last bucket had
 * settled, and never before the clock the backfill ran at. Moves the simulator's clock: call it once the connector
 * is stopped.
 */
final class TruthAsFetched {
    private TruthAsFetched() {
    }

    static Map<String, JsonNode> of(GenesysSimulator sim, Map<String, String> props, List<String> queries,
                                    Instant start, Instant end, Instant backfillClock, Duration settle) {
        Map<String, JsonNode> truth = new LinkedHashMap<>();
        for (Instant day = start; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
            Instant dayEnd = day.plus(Duration.ofDays(1)).isAfter(end) ? end : day.plus(Duration.ofDays(1));
            Instant settledAt = dayEnd.plus(settle);
            sim.clock().set(settledAt.isAfter(backfillClock) ? settledAt : backfillClock);
            for (String query : queries) {
                truth.putAll(ExpectedRecords.of(sim, props, query, day, dayEnd));
            }
        }
        return truth;
    }
}
