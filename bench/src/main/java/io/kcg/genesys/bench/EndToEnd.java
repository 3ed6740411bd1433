package io.kcg.genesys.bench;

import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.simulator.GenesysSimulator;
import io.kcg.genesys.source.GenesysAggregatesSourceConnector;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement 2: records per second from the API through the connector and a real worker into a real broker,
 * against a plain producer sending records of the same sizes to the same broker.
 *
 * <p>The backfill is {@value #DAYS} days (twice that for the runs with small or well-batched records) of the large
 * query's shape ({@value #QUEUES} voice queues by 30 minutes,
 * one window per day as window.max=P1D plans it). It runs twice: against the simulator over HTTP (the simulator
 * computes every answer on the same two cores), and against {@link ReplayServer} serving the simulator's answers
 * computed beforehand (the connector's own ceiling). {@link PrebuiltRecordsConnector} then hands the same worker the
 * records of the replayed answers, mapped before the run: Connect's own ceiling (conversion, producer, broker). The
 * rate is taken between the first window's records landing and the last's, from the topic's end offset, so the
 * worker's and the task's start-up are not in it. A JFR recording of the replay run gives the CPU split by thread
 * and, on the task's thread, by stage.
 */
final class EndToEnd {
    static final int QUEUES = Integer.getInteger("bench.e2e.queues", 200);
    /** Days of the runs with 12 KB records (the JsonConverter's default envelope); they are the slow ones. */
    static final int DAYS = Integer.getInteger("bench.e2e.days", 4);
    /** Days of the runs with small or well-batched records, long enough for a stable rate. */
    static final int FAST_DAYS = 2 * DAYS;
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(DAYS));
    static final Instant FAST_END = START.plus(Duration.ofDays(FAST_DAYS));
    static final int BIG_BATCH = 1 << 20;
    static final Instant SIMULATOR_NOW = FAST_END.plus(Duration.ofDays(2)); // every bucket settled

    /** A connector run: its rate, and how many of the machine's cores this JVM kept busy meanwhile. */
    record Run(long records, double recordsPerSecond, double seconds, double coresBusy) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private EndToEnd() {
    }

    static void run(Table table, BenchCluster cluster, Path out) throws Exception {
        try (GenesysSimulator sim = GenesysSimulator.builder().seed(LargeResponse.SEED).queues(QUEUES).agentsPerQueue(1)
                .fixedClock(SIMULATOR_NOW).port(0).build().start()) {
            QueryDefinition query = LargeResponse.query("large");
            Map<String, byte[]> answers = new HashMap<>();
            for (Instant day = START; day.isBefore(FAST_END); day = day.plus(Duration.ofDays(1))) {
                Instant next = day.plus(Duration.ofDays(1));
                answers.put(QueryDefinition.intervalText(day, next),
                        sim.groundTruth("conversations", query.bodyFor(day, next)).getBytes(StandardCharsets.UTF_8));
            }
            long expected = 0;
            long fastExpected = 0;
            WideRecordMapper mapper = new WideRecordMapper(query, true);
            List<PrebuiltRecordsConnector.Window> prebuilt = new ArrayList<>();
            for (Instant day = START; day.isBefore(FAST_END); day = day.plus(Duration.ofDays(1))) {
                Instant next = day.plus(Duration.ofDays(1));
                byte[] answer = answers.get(QueryDefinition.intervalText(day, next));
                List<MappedRecord> records = mapper.read(new ByteArrayInputStream(answer));
                fastExpected += records.size();
                if (day.isBefore(END)) {
                    expected += records.size();
                    prebuilt.add(new PrebuiltRecordsConnector.Window(day, next, mapper.keySchema(),
                            mapper.valueSchema(), records));
                }
            }
            PrebuiltRecordsConnector.use(prebuilt);

            Map<String, String> batching = Map.of("batch.size", Integer.toString(BIG_BATCH), "linger.ms", "20");
            // Each connector run is followed at once by its raw producer run, so that both meet the same load.
            int window = (int) (expected / DAYS);
            Run live = backfill(cluster, "e2e-simulator", sim.baseUrl(), END, expected, null, true, Map.of());
            double rawLive = produce(cluster, "bench.raw-live", firstRecords(cluster, "bench.e2e-simulator", window),
                    expected, Map.of());
            Run replay;
            Run ceiling;
            Run replayBatched;
            Run replayPlain;
            Run replayRestating;
            double raw;
            double rawBatched;
            double rawPlain;
            List<ProducerRecord<byte[], byte[]>> withSchemas;
            List<ProducerRecord<byte[], byte[]>> plain;
            Path jfr = out.resolve("e2e-replay.jfr");
            Path jfrPlain = out.resolve("e2e-replay-plain.jfr");
            Path jfrRestating = out.resolve("e2e-replay-restatement.jfr");
            Path jfrCeiling = out.resolve("e2e-ceiling.jfr");
            try (ReplayServer server = new ReplayServer(answers, body -> sim.groundTruth("conversations",
                    new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))) {
                // The rates come from runs without a JFR recording: with one, the same replay ran at 0.6x to 0.8x
                // of its rate without (a recording that starts makes the JIT throw compiled code away, and its stack
                // walks cost most on the deep parsing stacks). Each profile is an unmeasured run of its own, just
                // before the measured one, which also warms the worker up for it.
                backfill(cluster, "e2e-replay-profile", server.baseUrl(), END, expected, jfr, true, Map.of());
                replay = backfill(cluster, "e2e-replay", server.baseUrl(), END, expected, null, true, Map.of());
                withSchemas = firstRecords(cluster, "bench.e2e-replay", window);
                raw = produce(cluster, "bench.raw", withSchemas, expected, Map.of());
                ceiling(cluster, "e2e-ceiling-profile", expected, jfrCeiling);
                ceiling = ceiling(cluster, "e2e-ceiling", expected, null);
                PrebuiltRecordsConnector.use(List.of()); // its Structs are not needed any more
                replayBatched = backfill(cluster, "e2e-replay-batched", server.baseUrl(), FAST_END, fastExpected, null,
                        true, batching);
                rawBatched = produce(cluster, "bench.raw-batched", withSchemas, fastExpected, batching);
                backfill(cluster, "e2e-replay-plain-profile", server.baseUrl(), FAST_END, fastExpected, jfrPlain,
                        false, Map.of());
                replayPlain = backfill(cluster, "e2e-replay-plain", server.baseUrl(), FAST_END, fastExpected, null,
                        false, Map.of());
                plain = firstRecords(cluster, "bench.e2e-replay-plain", window);
                rawPlain = produce(cluster, "bench.raw-plain", plain, fastExpected, Map.of());
                backfill(cluster, "e2e-replay-restatement-profile", server.baseUrl(), FAST_END, fastExpected,
                        jfrRestating, false, Map.of(), true);
                replayRestating = backfill(cluster, "e2e-replay-restatement", server.baseUrl(), FAST_END, fastExpected,
                        null, false, Map.of(), true);
                if (server.misses() > 0) {
                    System.out.println("replay: " + server.misses() + " windows were not computed beforehand");
                }
            }

            table.add(String.format("e2e backfill: %d queues x 48 x %d days (%d for the fast runs), window P1D",
                            QUEUES, DAYS, FAST_DAYS),
                    String.format("%,d records (%,d); mean %,.0f B (JsonConverter default), %,.0f B (schemas.enable=false)",
                            expected, fastExpected, meanBytes(withSchemas), meanBytes(plain)),
                    "same records, same broker", "");
            rate(table, "e2e rec/s, replayed API, JsonConverter default (goal >= 0.70x)", replay, raw, "raw producer");
            rate(table, "e2e rec/s, Connect ceiling (prebuilt Structs), JsonConverter default", ceiling, raw,
                    "raw producer");
            table.add("  replayed API against the Connect ceiling", Table.number(replay.recordsPerSecond()) + " rec/s",
                    Table.number(ceiling.recordsPerSecond()) + " rec/s (prebuilt Structs, same worker)",
                    String.format("%.2fx", replay.recordsPerSecond() / ceiling.recordsPerSecond()));
            rate(table, "e2e rec/s, same + producer batch.size 1 MB, linger 20 ms", replayBatched, rawBatched,
                    "raw producer, same settings");
            rate(table, "e2e rec/s, replayed API, schemas.enable=false", replayPlain, rawPlain, "raw producer");
            rate(table, "e2e rec/s, live simulator, JsonConverter default", live, rawLive, "raw producer");
            table.add("e2e rec/s, schemas.enable=false, restatement at its defaults",
                    String.format("%s rec/s (%.1f cores busy)", Table.number(replayRestating.recordsPerSecond()),
                            replayRestating.coresBusy()),
                    Table.number(replayPlain.recordsPerSecond()) + " rec/s (restatement.horizon=PT0S)",
                    String.format("%.2fx", replayRestating.recordsPerSecond() / replayPlain.recordsPerSecond()));
            profile(table, "replay, JsonConverter default", jfr);
            profile(table, "Connect ceiling, JsonConverter default", jfrCeiling);
            profile(table, "replay, schemas.enable=false", jfrPlain);
            JfrProfile.Samples restating = JfrProfile.read(jfrRestating);
            table.add("  task thread by stage, replay, schemas.enable=false, restatement on",
                    JfrProfile.percentages(restating.byStage(), restating.selected()), restating.selected() + " JFR samples", "");
        }
    }

    private static void rate(Table table, String figure, Run run, double producer, String producerName) {
        table.add(figure, String.format("%s rec/s (%.1f cores busy)", Table.number(run.recordsPerSecond()), run.coresBusy()),
                Table.number(producer) + " rec/s (" + producerName + ")",
                String.format("%.2fx", run.recordsPerSecond() / producer));
    }

    private static void profile(Table table, String variant, Path jfr) throws java.io.IOException {
        JfrProfile.Samples samples = JfrProfile.read(jfr);
        table.add("  CPU by thread, " + variant, JfrProfile.percentages(samples.byThreadGroup(),
                samples.total()), samples.total() + " JFR samples", "");
        table.add("  task thread by stage, " + variant, JfrProfile.percentages(samples.byStage(),
                samples.selected()), samples.selected() + " JFR samples", "");
    }

    private static double meanBytes(List<ProducerRecord<byte[], byte[]>> records) {
        return records.stream().mapToLong(r -> r.key().length + r.value().length).average().orElse(0);
    }

    /** Runs a connector over [START, end) and waits for every record; null jfr = no recording. */
    private static Run backfill(BenchCluster cluster, String name, String apiUrl, Instant end, long expected, Path jfr,
                                boolean workerConverter, Map<String, String> producerOverrides) throws Exception {
        return backfill(cluster, name, apiUrl, end, expected, jfr, workerConverter, producerOverrides, false);
    }

    /** @param restatement keep the connector's restatement defaults (else restatement.horizon=PT0S) */
    private static Run backfill(BenchCluster cluster, String name, String apiUrl, Instant end, long expected, Path jfr,
                                boolean workerConverter, Map<String, String> producerOverrides, boolean restatement)
            throws Exception {
        String topic = "bench." + name;
        Map<String, String> props = new LinkedHashMap<>(LargeResponse.connectorProps("large", apiUrl, topic));
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("query.large.start", START.toString());
        BenchClock.set(end.plus(Duration.ofMinutes(15))); // the default settle delay: the last window ends at end
        props.put("genesys.rate.limit.per.minute", "3000");
        props.put("heartbeat.topic", "bench.heartbeats");
        props.put("internal.testing.clock.class", BenchClock.class.getName());
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        props.put("poll.interval", "PT1S");
        if (!restatement) {
            props.put("restatement.horizon", "PT0S"); // the main path only: re-polls are measured apart
        }
        producerOverrides.forEach((k, v) -> props.put("producer.override." + k, v));
        if (!workerConverter) {
            for (String side : List.of("key", "value")) {
                props.put(side + ".converter", org.apache.kafka.connect.json.JsonConverter.class.getName());
                props.put(side + ".converter.schemas.enable", "false");
            }
        }
        return measure(cluster, name, topic, props, expected, jfr);
    }

    /**
     * Runs {@link PrebuiltRecordsConnector} with the windows it was given: the worker's converter and the producer's
     * defaults, as the Genesys connector's default run has them.
     */
    private static Run ceiling(BenchCluster cluster, String name, long expected, Path jfr) throws Exception {
        String topic = "bench." + name;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", PrebuiltRecordsConnector.class.getName());
        props.put("tasks.max", "1");
        props.put(PrebuiltRecordsConnector.TOPIC, topic);
        props.put("topic.creation.default.replication.factor", "1");
        props.put("topic.creation.default.partitions", "1");
        return measure(cluster, name, topic, props, expected, jfr);
    }

    /** Creates the connector and waits for {@code expected} records in {@code topic}; null jfr = no recording. */
    private static Run measure(BenchCluster cluster, String name, String topic, Map<String, String> props,
                               long expected, Path jfr) throws Exception {
        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("default"));
            recording.start();
        }
        cluster.connect.configureConnector(name, props);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long firstAt = 0;
        long firstCpu = 0;
        long firstCount = 0;
        long count = 0;
        while (count < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + count + " of " + expected + " records after 3 minutes");
            }
            Thread.sleep(50);
            count = cluster.endOffset(topic);
            if (firstAt == 0 && count > 0) {
                firstAt = System.nanoTime();
                firstCpu = processCpuNanos();
                firstCount = count;
            }
        }
        long lastAt = System.nanoTime();
        double cores = (processCpuNanos() - firstCpu) / (double) (lastAt - firstAt);
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        cluster.connect.deleteConnector(name);
        double seconds = (lastAt - firstAt) / 1e9;
        double rate = (count - firstCount) / seconds;
        System.out.printf("e2e %s: %d records, %d in the first window, then %.0f rec/s over %.1f s, %.2f cores busy%n",
                name, count, firstCount, rate, seconds, cores);
        return new Run(count, rate, seconds, cores);
    }

    /** The first {@code n} records the connector wrote, as producer records for the raw comparison. */
    private static List<ProducerRecord<byte[], byte[]>> firstRecords(BenchCluster cluster, String topic, int n) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(n);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (records.size() < n) {
                        records.add(new ProducerRecord<>("", r.key(), r.value()));
                    }
                }
            }
        }
        return records;
    }

    /** Sends {@code total} records cycling through {@code sample} to a new topic; records per second to the last ack. */
    private static double produce(BenchCluster cluster, String topic, List<ProducerRecord<byte[], byte[]>> sample,
                                  long total, Map<String, String> settings) throws Exception {
        cluster.createTopic(topic);
        Map<String, Object> config = new HashMap<>(settings); // else the client's defaults, as kafka-producer-perf-test
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata first: not part of the rate
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                ProducerRecord<byte[], byte[]> r = sample.get((int) (i % sample.size()));
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("raw producer %s: %d records in %.1f s = %.0f rec/s%n", topic, total, seconds,
                    total / seconds);
            return total / seconds;
        }
    }
}
