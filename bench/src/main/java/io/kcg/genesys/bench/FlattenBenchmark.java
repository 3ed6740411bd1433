package io.kcg.genesys.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.WideRecordMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One operation = the whole large response (system property {@value #RESPONSE_PROPERTY}) from bytes in memory:
 * <ul>
 *   <li>{@link #connector}: the task's work, WideRecordMapper reading the body (the parser streams a row per metric
 *       to the mapper, which puts its stats into the Structs of its bucket and group; keys, KPIs);</li>
 *   <li>{@link #connectorParseOnly}: the parser alone, its rows counted and dropped, to split the connector's
 *       time;</li>
 *   <li>{@link #tutorialTree}: Jackson's tree, then nested loops into maps (the tutorials' way);</li>
 *   <li>{@link #jacksonTokens}: Jackson's raw token stream, nothing read but the tokens (the floor);</li>
 *   <li>{@link #jacksonTokensAndValues}: the token stream with every name, string and number read.</li>
 * </ul>
 * Run by {@link BenchMain} through JMH's API, with its gc profiler for the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FlattenBenchmark {
    public static final String RESPONSE_PROPERTY = "bench.response";

    private static final JsonFactory PLAIN = new JsonFactory();

    private byte[] body;
    private WideRecordMapper mapper;
    private final AggregateResponseParser parser = new AggregateResponseParser();

    @Setup
    public void load() throws IOException {
        body = Files.readAllBytes(Path.of(System.getProperty(RESPONSE_PROPERTY)));
        mapper = new WideRecordMapper(LargeResponse.query("large"), true);
    }

    @Benchmark
    public List<MappedRecord> connector() throws IOException {
        return mapper.read(new ByteArrayInputStream(body));
    }

    @Benchmark
    public long connectorParseOnly() throws IOException {
        long[] rows = new long[1];
        parser.parse(new ByteArrayInputStream(body), row -> rows[0]++);
        return rows[0];
    }

    @Benchmark
    public List<Map<String, Object>> tutorialTree() throws IOException {
        return TutorialTreeFlattener.flatten(body);
    }

    @Benchmark
    public long jacksonTokens() throws IOException {
        long tokens = 0;
        try (JsonParser p = PLAIN.createParser(body)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public void jacksonTokensAndValues(Blackhole bh) throws IOException {
        try (JsonParser p = PLAIN.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> bh.consume(p.currentName());
                    case VALUE_STRING -> bh.consume(p.getText());
                    case VALUE_NUMBER_INT -> bh.consume(p.getLongValue());
                    case VALUE_NUMBER_FLOAT -> bh.consume(p.getDoubleValue());
                    default -> bh.consume(t);
                }
            }
        }
    }
}
