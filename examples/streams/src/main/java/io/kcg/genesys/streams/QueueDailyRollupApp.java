package io.kcg.genesys.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the daily rollup: {@code QueueDailyRollupApp rollup.properties}, the file holding Kafka Streams' settings
 * ({@code bootstrap.servers} at least) and the {@code rollup.*} keys of {@link RollupSettings}.
 */
public final class QueueDailyRollupApp {
    private QueueDailyRollupApp() {
    }

    /** Kafka Streams settings: the given ones over this application's defaults. */
    public static Properties streamsProperties(Properties given) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "genesys-queue-daily-rollup");
        // A restated bucket must replace its contribution exactly once, also across a crash.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(given);
        return props;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: QueueDailyRollupApp rollup.properties");
            System.exit(2);
        }
        Properties given = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            given.load(in);
        }
        RollupSettings settings = RollupSettings.from(given);
        KafkaStreams streams = new KafkaStreams(QueueDailyRollup.build(settings), streamsProperties(given));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "rollup-shutdown"));
        streams.start();
        stopped.await();
    }
}
