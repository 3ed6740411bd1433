package io.kcg.genesys.source;

import io.kcg.genesys.reliability.LogTap;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Genesys's own refusal of a window, end to end without a worker: the simulator over HTTP answers 400
 * {@code response.entity.too.large} to an answer above a size, the connector's client turns it into
 * {@code GenesysWindowTooLargeException}, and the task halves the window until Genesys answers. Every bucket still
 * arrives once, with Genesys's numbers; a single bucket too large fails the task and leaves its offset alone.
 */
class WindowTooLargeOverHttpTest {
    static final Instant START = GenesysAggregatesSourceTaskTest.START;
    static final Instant NOW = GenesysAggregatesSourceTaskTest.NOW;
    /** Above any one bucket of the agent report at this size, below a day of it (several times over). */
    static final long MAX_ANSWER_BYTES = 40_000;

    final GenesysSimulator sim = GenesysSimulator.builder().seed(31L).queues(3).agentsPerQueue(4).fixedClock(NOW)
            .port(0).build().start();
    TaskDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        sim.close();
    }

    Map<String, String> props() {
        Map<String, String> props = GenesysAggregatesSourceTaskTest.props();
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        return props;
    }

    @Test
    void windowsGenesysRefusesAsTooLargeAreSplitAndEveryBucketArrivesOnce() throws Exception {
        sim.setMaxResponseBytes(MAX_ANSWER_BYTES);
        driver = new TaskDriver(sim, props()).overHttp();
        try (LogTap log = LogTap.start()) {
            driver.start().drain();
            assertTrue(log.text().contains("Query agents: Genesys could not answer window 2026-03-05T00:00:00Z/"
                    + "2026-03-06T00:00:00Z"), "a warning names the query and the window");
        }
        Instant watermark = GenesysAggregatesSourceTaskTest.settledEnd(NOW);
        Truth.Result result = Truth.reconcile(driver.emitted, GenesysAggregatesSourceTaskTest.TOPIC,
                Truth.of(sim, driver.props, "agents", START, watermark), START, watermark);
        assertTrue(result.clean(), result.toString());
        assertTrue(sim.stats().tooLarge() > 0, "Genesys refused windows as too large");
        assertEquals(watermark.toEpochMilli(), driver.queryOffset("agents").get("watermark"));
    }

    @Test
    void aSingleBucketTooLargeFailsTheTaskAndTheOffsetStays() throws Exception {
        sim.setMaxResponseBytes(1);
        driver = new TaskDriver(sim, props()).overHttp().start();
        Exception failure = assertThrows(Exception.class, driver::drain);
        assertTrue(failure.getMessage().contains("Query agents: Genesys could not answer window "
                + "2026-03-05T00:00:00Z/2026-03-05T00:30:00Z, a single bucket"), failure.getMessage());
        assertTrue(failure.getMessage().contains("response.entity.too.large"), failure.getMessage());
        assertNull(driver.queryOffset("agents"), "the offset stays where it was");
    }
}
