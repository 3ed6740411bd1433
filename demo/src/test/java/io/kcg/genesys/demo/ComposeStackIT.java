package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml brought up for real: Kafka, Schema Registry, Confluent's Connect image with the plugin mounted,
 * the simulator and the one-shot service that creates the connector; then Avro records (magic byte, schema id, body)
 * arrive and decode with the schema the registry holds. Needs a local Docker engine with compose v2 (the compose
 * file publishes its ports on the host's 127.0.0.1): skipped cleanly without one (as on the project's CI machines,
 * which have no engine).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {
    static final String TOPIC = "genesys.queues30m";

    @Container
    static final ComposeContainer STACK = new ComposeContainer(RepoFiles.root().resolve("docker-compose.yml").toFile())
            .withLocalCompose(true)
            .withEnv("KAFKA_EXTERNAL_HOST", "localhost")
            .waitingFor("connect", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
            .waitingFor("schema-registry", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void avroRecordsOfTheQueueReportArriveWithTheirSchemaInTheRegistry() throws Exception {
        String host = "localhost";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":9092");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-stack-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<Integer, Schema> schemas = new HashMap<>();
        int decoded = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            while (decoded < 100 && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                    GenericRecord value = decode(record.value(), schemas, host);
                    assertTrue(value.getSchema().getFullName().startsWith("io.kcg.genesys."),
                            value.getSchema().getFullName());
                    assertNotNull(value.get("queue_id"));
                    assertNotNull(value.get("media_type"));
                    assertTrue(value.get("interval_start") instanceof Long, "timestamp-millis");
                    assertEquals(30 * 60 * 1000L, (Long) value.get("interval_end") - (Long) value.get("interval_start"));
                    assertNotNull(decode(record.key(), schemas, host));
                    decoded++;
                }
            }
        }
        assertTrue(decoded >= 100, "Avro records decoded from " + TOPIC + ": " + decoded);
    }

    /** Confluent's wire format: magic byte 0, a 4-byte schema id, the Avro binary body. */
    static GenericRecord decode(byte[] bytes, Map<Integer, Schema> schemas, String host) throws IOException,
            InterruptedException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertEquals(0, buffer.get(), "magic byte");
        int id = buffer.getInt();
        Schema schema = schemas.get(id);
        if (schema == null) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":8081/schemas/ids/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            schema = new Schema.Parser().parse(new ObjectMapper().readTree(answer.body()).path("schema").asText());
            schemas.put(id, schema);
        }
        return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get()
                .binaryDecoder(bytes, buffer.position(), bytes.length - buffer.position(), null));
    }
}
