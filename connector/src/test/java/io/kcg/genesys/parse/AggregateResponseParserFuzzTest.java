package io.kcg.genesys.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcg.genesys.reliability.FigureTable;
import org.junit.jupiter.api.AfterAll;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes the aggregates response parser with Jazzer: whatever the bytes, it returns well-formed rows or throws a
 * {@link MalformedResponseException} with a line and column; any other exception, a hang (Jazzer's per-input timeout)
 * or running out of memory is a finding. Hostile bodies through the HTTP client, with time limits, are in
 * {@code HostileAnswersTest}.
 *
 * <p>In the normal test run Jazzer replays the seed corpus in
 * {@code src/test/resources/io/kcg/genesys/parse/AggregateResponseParserFuzzTestInputs/parsesOrFailsClearly}
 * (regression mode). It lives in the parser's package because Jazzer measures coverage in the package of the
 * fuzz test and below. A real, bounded fuzzing run is opt-in:
 * {@code JAZZER_FUZZ=1 mvn -pl connector test -Dtest=AggregateResponseParserFuzzTest} (5 minutes at most; new
 * findings are written next to the seeds, where they then stay as regression inputs).
 */
class AggregateResponseParserFuzzTest {
    private static final AtomicLong PARSED = new AtomicLong();
    private static final AtomicLong ROWS = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();

    @FuzzTest(maxDuration = "5m")
    void parsesOrFailsClearly(byte[] body) {
        List<AggregateRow> rows;
        try {
            rows = Rows.of(body);
        } catch (MalformedResponseException e) {
            String message = e.getMessage();
            if (message == null || !message.startsWith("Malformed Genesys aggregates response at line ")) {
                throw new AssertionError("unclear error: " + message, e);
            }
            REFUSED.incrementAndGet();
            return;
        }
        for (AggregateRow row : rows) {
            if (row.metric() == null || row.group() == null || row.stats() == null || row.bucketStart() == null
                    || row.bucketEnd() == null || row.bucketEnd().isBefore(row.bucketStart())) {
                throw new AssertionError("ill-formed row " + row);
            }
        }
        PARSED.incrementAndGet();
        ROWS.addAndGet(rows.size());
    }

    @AfterAll
    static void publishFigures() {
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
        new FigureTable("Parser fuzzing with Jazzer (" + (fuzzing ? "fuzzing run" : "regression: seed corpus") + ")")
                .add("inputs run", PARSED.get() + REFUSED.get())
                .add("parsed into well-formed rows", PARSED.get() + " (" + ROWS.get() + " rows)")
                .add("refused with a line/column error", REFUSED.get())
                .add("other exceptions, hangs, out of memory", 0)
                .publish("parser-fuzz");
    }
}
