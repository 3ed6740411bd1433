package io.kcg.genesys.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateResponseParserTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant T30 = Instant.parse("2025-03-01T00:30:00Z");
    private static final Instant T60 = Instant.parse("2025-03-01T01:00:00Z");

    private final AggregateResponseParser parser = new AggregateResponseParser();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = AggregateResponseParserTest.class.getResourceAsStream("/responses/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    private static List<AggregateRow> parse(String json) {
        return Rows.of(json);
    }

    private MalformedResponseException malformed(String json) {
        return assertThrows(MalformedResponseException.class, () -> parse(json));
    }

    private static String wrapStats(String stats) {
        return "{\"results\":[{\"group\":{\"queueId\":\"q\"},\"data\":[{\"interval\":"
                + "\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\",\"metrics\":[{\"metric\":\"m\",\"stats\":"
                + stats + "}]}]}]}";
    }

    private Stats statsOf(String stats) {
        List<AggregateRow> rows = parse(wrapStats(stats));
        assertEquals(1, rows.size());
        return rows.get(0).stats();
    }

    @Test
    void realisticResponseBecomesRowsInDocumentOrder() throws IOException {
        List<AggregateRow> rows = Rows.of(fixture("realistic.json"));

        List<String> metrics = new ArrayList<>();
        rows.forEach(r -> metrics.add(r.metric()));
        assertEquals(List.of("nOffered", "tAnswered", "tHandle", "oServiceLevel", "oServiceTarget", "tAbandon",
                "tAnswered_lt_20s", "nOffered", "nOffered", "tSystemPresence", "oUserRoutingStatuses"), metrics);

        Map<String, String> voice = rows.get(0).group();
        assertEquals(List.of("mediaType", "queueId"), new ArrayList<>(voice.keySet()));
        assertEquals("voice", voice.get("mediaType"));
        assertEquals("7a8f6d1e-5c4b-4a3e-9d2c-1b0a9f8e7d6c", voice.get("queueId"));
        for (int i = 0; i < 8; i++) {
            assertEquals(voice, rows.get(i).group(), "rows of one result have its group");
        }
        assertThrows(UnsupportedOperationException.class, () -> voice.put("x", "y"));
        assertEquals(Map.of("mediaType", "chat", "queueId", "7a8f6d1e-5c4b-4a3e-9d2c-1b0a9f8e7d6c"),
                rows.get(8).group());

        assertEquals(T0, rows.get(0).bucketStart());
        assertEquals(T30, rows.get(0).bucketEnd());
        assertEquals(rows.get(0).bucketStart(), rows.get(5).bucketStart());
        assertEquals(T30, rows.get(7).bucketStart());
        assertEquals(T60, rows.get(7).bucketEnd());

        Stats offered = rows.get(0).stats();
        assertEquals(7L, offered.getLong(Stat.COUNT));
        assertFalse(offered.has(Stat.SUM));

        Stats handle = rows.get(2).stats();
        assertFalse(handle.has(Stat.MIN), "the tutorial's timers have no min");
        assertEquals(1164481.0, handle.getDouble(Stat.MAX));
        assertEquals(5L, handle.getLong(Stat.COUNT));
        assertEquals(3125952.0, handle.getDouble(Stat.SUM));

        Stats sl = rows.get(3).stats();
        assertEquals(0.47586206896551725, sl.getDouble(Stat.RATIO));
        assertEquals(69.0, sl.getDouble(Stat.NUMERATOR));
        assertEquals(145.0, sl.getDouble(Stat.DENOMINATOR));
        assertEquals(0.8, sl.getDouble(Stat.TARGET));
        assertFalse(sl.has(Stat.COUNT));

        assertEquals(0.8, rows.get(4).stats().getDouble(Stat.CURRENT));
        assertEquals(1L, rows.get(5).stats().getLong(Stat.COUNT), "1.0 is a count of 1");

        AggregateRow view = rows.get(6);
        assertNull(view.qualifier());
        assertEquals(4L, view.stats().getLong(Stat.COUNT));
        assertEquals(T0, view.bucketStart());

        assertNull(rows.get(0).qualifier());
        assertEquals("OFFLINE", rows.get(9).qualifier());
        assertEquals(1800000.0, rows.get(9).stats().getDouble(Stat.SUM));
        assertEquals("IDLE", rows.get(10).qualifier());

    }

    @Test
    void rowsAreImmutableValues() throws IOException {
        byte[] body = fixture("realistic.json");
        List<AggregateRow> first = Rows.of(body);
        assertEquals(first, Rows.of(body), "the same body, equal rows");
        assertThrows(UnsupportedOperationException.class, () -> first.get(0).group().put("x", "y"));
        Stats.Builder builder = Stats.builder().setLong(Stat.COUNT, 1);
        Stats built = builder.build();
        builder.setLong(Stat.COUNT, 2);
        assertEquals(1L, built.getLong(Stat.COUNT), "a built Stats does not see its builder's later values");
    }

    @Test
    void emptyAbsentOrNullResultsMeanNoRows() throws IOException {
        assertEquals(List.of(), Rows.of(fixture("empty-results.json")));
        assertEquals(List.of(), Rows.of(fixture("absent-results.json")));
        assertEquals(List.of(), parse("{\"results\":null}"));
        assertEquals(List.of(), parse("{}"));
        assertEquals(List.of(), parse("{\"results\":[{\"group\":{\"a\":\"b\"}},{\"data\":[]},null]}"));
    }

    @Test
    void unknownFieldsAndStatsAreIgnored() throws IOException {
        List<AggregateRow> rows = Rows.of(fixture("unknown-fields.json"));
        assertEquals(2, rows.size());
        AggregateRow handle = rows.get(0);
        assertEquals("tHandle", handle.metric());
        assertEquals(Map.of("mediaType", "voice", "queueId", "q1"), handle.group());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), handle.bucketStart());
        assertEquals(Instant.parse("2025-03-01T01:00:00Z"), handle.bucketEnd());
        assertEquals(2L, handle.stats().getLong(Stat.COUNT));
        assertEquals(120.5, handle.stats().getDouble(Stat.SUM));
        assertFalse(handle.stats().has(Stat.MIN), "a null stat is absent");
        Stats offered = rows.get(1).stats();
        assertEquals(3L, offered.getLong(Stat.COUNT));
        assertEquals(1200L, offered.getLong(Stat.P95));
        assertEquals(12L, offered.getLong(Stat.CALCULATED_METRIC_VALUE));
    }

    @Test
    void integralStatsAcceptWholeDecimals() {
        Stats s = statsOf("{\"count\":4.0,\"p95\":12.000,\"p99\":1E3,\"countNegative\":-2,\"countPositive\":0.0}");
        assertEquals(4L, s.getLong(Stat.COUNT));
        assertEquals(12L, s.getLong(Stat.P95));
        assertEquals(1000L, s.getLong(Stat.P99));
        assertEquals(-2L, s.getLong(Stat.COUNT_NEGATIVE));
        assertEquals(0L, s.getLong(Stat.COUNT_POSITIVE));
        Stats d = statsOf("{\"sum\":7,\"max\":-1.5e2,\"ratio\":0}");
        assertEquals(7.0, d.getDouble(Stat.SUM));
        assertEquals(-150.0, d.getDouble(Stat.MAX));
        assertEquals(0.0, d.getDouble(Stat.RATIO));
        assertTrue(statsOf("{}").isEmpty());
        assertTrue(statsOf("null").isEmpty());
    }

    @Test
    void fractionalCountIsRejected() {
        MalformedResponseException e = malformed(wrapStats("{\"count\":4.5}"));
        assertTrue(e.getMessage().contains("'count' of metric 'm' must be a whole number, got 4.5"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column "), e.getMessage());
    }

    @Test
    void hugeIntegersAreRejected() {
        assertEquals(Long.MAX_VALUE, statsOf("{\"count\":9223372036854775807}").getLong(Stat.COUNT));
        assertEquals(Long.MIN_VALUE, statsOf("{\"count\":-9223372036854775808}").getLong(Stat.COUNT));
        assertEquals(Long.MAX_VALUE, statsOf("{\"count\":9223372036854775807.0}").getLong(Stat.COUNT));
        for (String big : List.of("9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
                "1e30", "9223372036854775808.0", "1e999999999")) {
            MalformedResponseException e = malformed(wrapStats("{\"count\":" + big + "}"));
            assertTrue(e.getMessage().contains("outside the 64-bit integer range"), big + ": " + e.getMessage());
        }
        String tooLong = "1".repeat(AggregateResponseParser.MAX_NUMBER_LENGTH + 1);
        MalformedResponseException e = malformed(wrapStats("{\"sum\":" + tooLong + "}"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void doublesMustBeFiniteNumbers() {
        MalformedResponseException nanString = malformed(wrapStats("{\"ratio\":\"NaN\"}"));
        assertTrue(nanString.getMessage().contains("'ratio' of metric 'm' must be a finite number, got the string \"NaN\""),
                nanString.getMessage());
        MalformedResponseException bareNaN = malformed(wrapStats("{\"ratio\":NaN}"));
        assertTrue(bareNaN.getMessage().contains("line 1, column"), bareNaN.getMessage());
        MalformedResponseException infinite = malformed(wrapStats("{\"sum\":1e400}"));
        assertTrue(infinite.getMessage().contains("'sum' of metric 'm' must be a finite number"), infinite.getMessage());
        MalformedResponseException bool = malformed(wrapStats("{\"max\":true}"));
        assertTrue(bool.getMessage().contains("must be a finite number, got a boolean"), bool.getMessage());
        MalformedResponseException countString = malformed(wrapStats("{\"count\":\"7\"}"));
        assertTrue(countString.getMessage().contains("must be an integer, got the string \"7\""),
                countString.getMessage());
        MalformedResponseException object = malformed(wrapStats("{\"count\":{\"v\":1}}"));
        assertTrue(object.getMessage().contains("got an object"), object.getMessage());
    }

    @Test
    void malformedJsonReportsLineAndColumn() throws IOException {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> Rows.of(fixture("malformed.json")));
        assertEquals(9, e.line());
        assertEquals(35, e.column());
        assertTrue(e.getMessage().startsWith("Malformed Genesys aggregates response at line 9, column 35: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
        assertFalse(e.truncated());
    }

    @Test
    void everyTruncationOfARealBodyFailsAndYieldsNothing() throws IOException {
        byte[] body = fixture("realistic.json");
        int end = new String(body, StandardCharsets.UTF_8).stripTrailing().length();
        int flaggedTruncated = 0;
        for (int cut = 0; cut < end; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(body, cut);
            MalformedResponseException e = assertThrows(MalformedResponseException.class,
                    () -> Rows.of(prefix), "prefix of " + cut + " bytes");
            assertTrue(e.line() >= 1 && e.getMessage().contains("at line " + e.line() + ", column "),
                    e.getMessage());
            if (e.truncated()) {
                flaggedTruncated++;
            }
        }
        // Jackson reports most cuts as end-of-input; a cut inside a literal (e.g. "0.") reads as a bad token.
        assertTrue(flaggedTruncated > end * 95 / 100, flaggedTruncated + " of " + end);
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> Rows.of(java.util.Arrays.copyOf(body, end / 2)));
        assertTrue(e.truncated());
        assertTrue(e.getMessage().contains("the body ended early"), e.getMessage());
    }

    @Test
    void emptyBodyAndWrongRootAreRejected() {
        assertTrue(malformed("").getMessage().contains("the body is empty"));
        assertTrue(malformed("   ").getMessage().contains("the body is empty"));
        assertTrue(malformed("[]").getMessage().contains("must be a JSON object, got an array"));
        assertTrue(malformed("{\"results\":[]} {}").getMessage().contains("unexpected content after"));
        assertTrue(malformed("{\"results\":{}}").getMessage().contains("'results' must be an array, got an object"));
        assertTrue(malformed("{\"results\":[1]}").getMessage().contains("results[0] must be an object, got a number"));
        assertTrue(malformed("{\"results\":[{\"group\":\"x\"}]}").getMessage()
                .contains("results[0].group must be an object, got a string"));
        assertTrue(malformed("{\"results\":[{\"data\":{}}]}").getMessage()
                .contains("'results[0].data' must be an array"));
        assertTrue(malformed("{\"results\":[{\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
                + "\"metrics\":[{\"metric\":5}]}]}]}").getMessage().contains("'metric' must be a string, got a number"));
        assertTrue(malformed("{\"results\":[{\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
                + "\"metrics\":[{\"stats\":{}}]}]}]}").getMessage().contains("a metric without 'metric'"));
        assertTrue(malformed("{\"results\":[{\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
                + "\"views\":[{\"stats\":{}}]}]}]}").getMessage().contains("a view without 'name'"));
        assertTrue(malformed(wrapStats("[1]")).getMessage().contains("stats of metric 'm' must be an object"));
    }

    @Test
    void groupValuesMustBeStrings() {
        MalformedResponseException obj = malformed(
                "{\"results\":[{\"group\":{\"mediaType\":\"voice\",\"queueId\":{\"id\":\"q\"}},\"data\":[]}]}");
        assertTrue(obj.getMessage().contains("group value of dimension 'queueId' in results[0] must be a string, got an object"),
                obj.getMessage());
        MalformedResponseException arr = malformed(
                "{\"results\":[{\"group\":{\"a\":\"b\"}},{\"group\":{\"userId\":[\"u\"]}}]}");
        assertTrue(arr.getMessage().contains("dimension 'userId' in results[1] must be a string, got an array"),
                arr.getMessage());
        MalformedResponseException dup = malformed("{\"results\":[{\"group\":{\"a\":\"b\",\"a\":\"c\"}}]}");
        assertTrue(dup.getMessage().contains("duplicate group dimension 'a'"), dup.getMessage());

        List<AggregateRow> rows = parse("{\"results\":[{\"group\":{\"n\":42,\"f\":1.5,\"b\":true,\"z\":null},"
                + "\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
                + "\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":1}}]}]}]}");
        assertEquals(Map.of("n", "42", "f", "1.5", "b", "true"), rows.get(0).group());
    }

    @Test
    void fieldsMayComeInAnyOrder() {
        String json = "{\"results\":["
                + "{\"data\":[{\"metrics\":[{\"stats\":{\"count\":1},\"metric\":\"a\"}],"
                + "\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
                + "\"views\":[{\"stats\":{\"count\":2},\"name\":\"v\"}]},"
                + "{\"interval\":\"2025-03-01T00:30:00Z/2025-03-01T01:00:00Z\",\"metrics\":[{\"metric\":\"b\"}]}],"
                + "\"group\":{\"queueId\":\"q1\"}},"
                + "{\"group\":{\"queueId\":\"q2\"},\"data\":[{\"metrics\":[{\"metric\":\"c\",\"qualifier\":null}],"
                + "\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\"}]},"
                + "{\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\",\"metrics\":[{\"metric\":\"d\"}]}]}"
                + "]}";
        List<AggregateRow> rows = parse(json);
        assertEquals(5, rows.size());
        assertEquals(List.of("a", "v", "b", "c", "d"), rows.stream().map(AggregateRow::metric).toList());
        assertEquals(Map.of("queueId", "q1"), rows.get(0).group());
        assertEquals(rows.get(0).group(), rows.get(2).group());
        assertEquals(T0, rows.get(1).bucketStart());
        assertEquals(T30, rows.get(2).bucketStart());
        assertTrue(rows.get(2).stats().isEmpty(), "a metric without stats has empty stats");
        assertEquals(Map.of("queueId", "q2"), rows.get(3).group());
        assertNull(rows.get(3).qualifier());
        assertEquals(Map.of(), rows.get(4).group(), "a result without group has an empty group");
    }

    @Test
    void intervalsAreParsedWithOffsetsAndValidated() {
        List<AggregateRow> rows = parse("{\"results\":[{\"data\":["
                + "{\"interval\":\"2025-03-01T01:00:00.000+01:00/2025-03-01T01:30:00.000+01:00\",\"metrics\":[{\"metric\":\"x\"}]},"
                + "{\"interval\":\"2025-02-28T19:00:00-05:00/2025-02-28T19:30:00-0500\",\"metrics\":[{\"metric\":\"y\"}]}"
                + "]}]}");
        assertEquals(T0, rows.get(0).bucketStart());
        assertEquals(T30, rows.get(0).bucketEnd());
        assertEquals(T0, rows.get(1).bucketStart());
        assertEquals(T30, rows.get(1).bucketEnd());

        for (String bad : List.of("2025-03-01T00:00:00Z", "2025-03-01T00:00:00/2025-03-01T00:30:00",
                "2025-02-30T00:00:00Z/2025-03-01T00:00:00Z", "yesterday/today", "2025-03-01T00:00:00Z/PT30M")) {
            MalformedResponseException e = malformed("{\"results\":[{\"data\":[{\"interval\":\"" + bad + "\"}]}]}");
            assertTrue(e.getMessage().contains("is not an ISO-8601 start/end interval"), bad + ": " + e.getMessage());
        }
        MalformedResponseException backwards = malformed(
                "{\"results\":[{\"data\":[{\"interval\":\"2025-03-01T00:30:00Z/2025-03-01T00:00:00Z\"}]}]}");
        assertTrue(backwards.getMessage().contains("ends before it starts"), backwards.getMessage());
        MalformedResponseException missing = malformed(
                "{\"results\":[{\"data\":[{\"metrics\":[{\"metric\":\"x\"}]}]}]}");
        assertTrue(missing.getMessage().contains("has metrics but no interval"), missing.getMessage());
        MalformedResponseException number = malformed("{\"results\":[{\"data\":[{\"interval\":5}]}]}");
        assertTrue(number.getMessage().contains("interval must be a string, got a number"), number.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"unknown\":%s}",
        "{\"results\":[{\"futureField\":%s}]}",
        "{\"results\":[{\"data\":[{\"interval\":\"2025-03-01T00:00:00Z/2025-03-01T00:30:00Z\","
            + "\"metrics\":[{\"metric\":\"m\",\"stats\":{\"futureStat\":%s}}]}]}]}"
    })
    void deeplyNestedJunkInSkippedFieldsHitsTheDepthLimit(String template) {
        int depth = 100_000;
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        for (String junk : List.of(arrays, objects)) {
            MalformedResponseException e = malformed(template.replace("%s", junk));
            assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
            assertTrue(e.getMessage().contains("line 1, column "), e.getMessage());
            assertTrue(e.column() < 1000, "fails near the start, not after reading it all: " + e.column());
        }
    }

    @Test
    void deeplyNestedJunkWhereAValueIsExpectedFailsOnItsType() {
        String arrays = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(malformed(arrays).getMessage().contains("must be a JSON object, got an array"));
        MalformedResponseException e = malformed("{\"results\":[{\"group\":{\"a\":" + arrays + "}}]}");
        assertTrue(e.getMessage().contains("dimension 'a' in results[0] must be a string"), e.getMessage());
        // unclosed: the depth limit stops it long before the end of the body
        MalformedResponseException open = malformed("{\"results\":[],\"x\":" + "[".repeat(100_000));
        assertTrue(open.getMessage().contains("nesting depth"), open.getMessage());
    }

    @Test
    void overlongStringsAreRejected() {
        String huge = "x".repeat(AggregateResponseParser.MAX_STRING_LENGTH + 1);
        MalformedResponseException e = malformed("{\"results\":[{\"group\":{\"a\":\"" + huge + "\"}}]}");
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void handlerSeesRowsAsTheyAreParsed() throws IOException {
        byte[] body = fixture("realistic.json");
        byte[] cut = java.util.Arrays.copyOf(body, body.length * 3 / 4);
        List<AggregateRow> seen = new ArrayList<>();
        assertThrows(MalformedResponseException.class, () -> parser.parse(new ByteArrayInputStream(cut), seen::add));
        assertFalse(seen.isEmpty(), "the parser hands rows over as it goes; the mappers keep all-or-nothing");
    }
}
