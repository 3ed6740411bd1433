package io.kcg.genesys.reliability;

import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The two queries both soak tests run (queues and voice agents, PT30M), pointed at a simulator. */
final class SoakConnectorConfig {
    static final Duration SETTLE = Duration.ofMinutes(15);
    static final Duration BUCKET = Duration.ofMinutes(30);

    private SoakConnectorConfig() {
    }

    /** The connector config shared by the soaks; each adds its converters and exactly-once settings. */
    static Map<String, String> props(GenesysSimulator sim, String name, Instant start, Class<?> clockClass) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "2");
        props.put("genesys.api.url", sim.baseUrl());
        props.put("genesys.client.id", sim.clientId());
        props.put("genesys.client.secret", sim.clientSecret());
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("genesys.retry.max.attempts", "10");
        props.put("genesys.request.timeout.ms", "10000");
        props.put("queries", "queues,agents");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\"],\"metrics\":"
                + SoakIT.QUEUE_METRICS + "}");
        props.put("query.queues.topic", name + ".queues");
        props.put("query.queues.start", start.toString());
        props.put("query.agents.body", "{\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"userId\"],"
                + "\"filter\":{\"type\":\"and\",\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
                + "\"metrics\":[\"nConnected\",\"tTalk\",\"tHandle\"]}");
        props.put("query.agents.topic", name + ".agents");
        props.put("query.agents.start", start.toString());
        props.put("window.max", "PT6H");
        props.put("window.settle.delay", "PT" + SETTLE.toMinutes() + "M");
        props.put("poll.interval", "PT1S");
        props.put("restatement.lookback", "PT0S");
        props.put("heartbeat.topic", name + ".heartbeats");
        props.put("internal.testing.clock.class", clockClass.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return props;
    }

    /** The end of the last bucket that has settled at {@code now}. */
    static Instant settledEnd(Instant now) {
        long bucketMs = BUCKET.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.minus(SETTLE).toEpochMilli(), bucketMs) * bucketMs);
    }
}
