package io.kcg.genesys.reliability;

import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.client.GenesysClientException;
import io.kcg.genesys.client.GenesysRetriableException;
import io.kcg.genesys.client.GenesysWindowTooLargeException;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.parse.Rows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of malformed and hostile aggregates answers served over HTTP to the real client (the parser behind it):
 * each either parses into the rows it holds or fails with an error that says what is wrong and where, within a
 * bounded time (a hang is a failure), and with the heap it runs in. The 100 MB bodies stream through; larger ones
 * and a gzip bomb hit the client's 256 MiB cap, and bodies that stall past the request timeout time out: both are a
 * window too large ({@code GenesysWindowTooLargeException}), which the task splits. Figures go to
 * {@code target/reliability/hostile-answers.txt}.
 */
class HostileAnswersTest {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CASE_LIMIT = Duration.ofSeconds(60);
    static final int MB = 1024 * 1024;
    static final String QUERY = "{\"interval\":\"2026-03-01T00:00:00Z/2026-03-01T01:00:00Z\",\"granularity\":\"PT30M\","
            + "\"metrics\":[\"nOffered\"]}";
    static final String BUCKET = "\"interval\":\"2026-03-01T00:00:00Z/2026-03-01T00:30:00Z\"";

    static HostileGenesys peer;
    static byte[] realistic;
    static int realisticRows;

    enum Expect {
        /** Parses: the rows of the body. */
        ROWS,
        /** Bad content: a retriable failure whose message gives the line and column. */
        MALFORMED,
        /** Cut or dropped: a retriable failure that says so. */
        CUT,
        /** Stalled or trickling past the request timeout, every time: a window too large, naming the timeout. */
        TIMED_OUT,
        /** Over the client's size cap: a window too large naming the limit. */
        TOO_LARGE
    }

    record Case(String what, HostileGenesys.Answer answer, Expect expect, int rows) {
    }

    static Case rows(String what, String body, int rows) {
        return new Case(what, HostileGenesys.json(200, body), Expect.ROWS, rows);
    }

    static Case malformed(String what, String body) {
        return new Case(what, HostileGenesys.json(200, body), Expect.MALFORMED, 0);
    }

    static String metric(String stats) {
        return "{\"results\":[{\"group\":{\"queueId\":\"q\"},\"data\":[{" + BUCKET + ",\"metrics\":[{\"metric\":"
                + "\"tHandle\",\"stats\":" + stats + "}]}]}]}";
    }

    @BeforeAll
    static void start() throws IOException {
        peer = new HostileGenesys(null);
        try (InputStream in = HostileAnswersTest.class.getResourceAsStream("/responses/realistic.json")) {
            realistic = in.readAllBytes();
        }
        realisticRows = Rows.of(realistic).size();
        assertTrue(realisticRows > 0);
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    static List<Case> corpus() {
        String valid = new String(realistic, StandardCharsets.UTF_8);
        return List.of(
                new Case("truncated at 60%", chunked(Arrays.copyOf(realistic, realistic.length * 6 / 10)),
                        Expect.CUT, 0),
                new Case("empty 200 body", HostileGenesys.bytes(200, new byte[0]), Expect.CUT, 0),
                malformed("HTML error page with status 200", "<html><body>502 Bad Gateway</body></html>"),
                malformed("a JSON array", "[" + valid + "]"),
                malformed("results is a string", "{\"results\":\"none\"}"),
                malformed("group value is an object", "{\"results\":[{\"group\":{\"queueId\":{\"id\":1}}}]}"),
                malformed("count is a string", metric("{\"count\":\"12\"}")),
                malformed("sum is the string NaN", metric("{\"sum\":\"NaN\"}")),
                malformed("sum is a bare NaN", metric("{\"sum\":NaN}")),
                malformed("max is -Infinity", metric("{\"max\":-Infinity}")),
                malformed("count is 1e400", metric("{\"count\":1e400}")),
                malformed("count beyond 64 bits", metric("{\"count\":99999999999999999999999}")),
                malformed("count with a fraction", metric("{\"count\":4.5}")),
                malformed("sum overflows a double", metric("{\"sum\":1e999}")),
                malformed("number of 10 000 digits", metric("{\"sum\":" + "9".repeat(10_000) + "}")),
                malformed("100 000 nested arrays in an unknown field",
                        "{\"junk\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"results\":[]}"),
                rows("50 nested arrays in an unknown field",
                        "{\"junk\":" + "[".repeat(50) + "]".repeat(50) + ",\"results\":[]}", 0),
                malformed("a 2 MB dimension value",
                        "{\"results\":[{\"group\":{\"queueId\":\"" + "q".repeat(2 * MB) + "\"}}]}"),
                rows("unexpected fields everywhere", "{\"meta\":{\"a\":[1,{}]},\"results\":[{\"x\":1,\"group\":"
                        + "{\"queueId\":\"q\"},\"data\":[{\"y\":[],\"metrics\":[{\"metric\":\"nOffered\",\"z\":null,"
                        + "\"stats\":{\"count\":3,\"p42\":1}}]," + BUCKET + "}]}],\"next\":true}", 1),
                rows("nulls everywhere", "{\"results\":[null,{\"group\":null,\"data\":[null,{\"interval\":null}]}]}", 0),
                rows("a metric without stats", metric("null"), 1),
                malformed("interval in words", "{\"results\":[{\"data\":[{\"interval\":\"yesterday/today\"}]}]}"),
                malformed("interval ends before it starts", "{\"results\":[{\"data\":[{\"interval\":"
                        + "\"2026-03-01T01:00:00Z/2026-03-01T00:00:00Z\"}]}]}"),
                malformed("metrics without an interval", "{\"results\":[{\"data\":[{\"metrics\":[{\"metric\":"
                        + "\"nOffered\",\"stats\":{\"count\":1}}]}]}]}"),
                malformed("results twice", "{\"results\":[],\"results\":[]}"),
                malformed("a dimension twice", "{\"results\":[{\"group\":{\"queueId\":\"a\",\"queueId\":\"b\"}}]}"),
                malformed("trailing content", valid + "{}"),
                new Case("invalid UTF-8", HostileGenesys.bytes(200, invalidUtf8()), Expect.MALFORMED, 0),
                new Case("100 MB: whitespace, then a valid answer", padded(100 * MB, realistic), Expect.ROWS,
                        realisticRows),
                new Case("100 MB: one string in an unknown field", hugeString(100 * MB), Expect.ROWS, 0),
                new Case("300 MB declared by Content-Length", declaredLength(300L * MB), Expect.TOO_LARGE, 0),
                new Case("gzip bomb: 300 MB of spaces", gzipBomb(300 * MB), Expect.TOO_LARGE, 0),
                new Case("stalls after the headers", stall(), Expect.TIMED_OUT, 0),
                new Case("trickles a byte every 200 ms", trickle(), Expect.TIMED_OUT, 0),
                new Case("Content-Length longer than the body", shortBody(), Expect.CUT, 0),
                new Case("connection closed without an answer", drop(), Expect.CUT, 0));
    }

    @Test
    void everyHostileAnswerParsesOrFailsClearlyInBoundedTimeAndMemory() {
        GenesysClientConfig config = GenesysClientConfig.builder().apiBase(peer.baseUrl()).clientId("hostile")
                .clientSecret("hostile-secret").maxRetries(0).requestTimeout(REQUEST_TIMEOUT).build();
        List<Case> corpus = corpus();
        List<String> problems = new ArrayList<>();
        FigureTable table = new FigureTable("Hostile answers through the client (max heap "
                + Runtime.getRuntime().maxMemory() / MB + " MB, response cap "
                + config.maxResponseBytes() / MB + " MB, request timeout " + REQUEST_TIMEOUT.toSeconds() + " s)");
        try (GenesysClient client = new GenesysClient(config)) {
            for (Case c : corpus) {
                peer.serve(c.answer());
                resetHeapPeaks();
                long t0 = System.nanoTime();
                String outcome = assertTimeoutPreemptively(CASE_LIMIT, () -> run(client, c), c.what() + " hung");
                long nanos = System.nanoTime() - t0;
                if (outcome.startsWith("PROBLEM")) {
                    problems.add(c.what() + ": " + outcome);
                }
                table.add(c.what(), outcome + " (" + FigureTable.seconds(nanos) + ", peak heap "
                        + heapPeakMb() + " MB)");
            }
        }
        table.add("cases", corpus.size()).add("problems", problems.size()).publish("hostile-answers");
        assertEquals(List.of(), problems);
    }

    /** One case: "rows N", "malformed: ...", ... or "PROBLEM ..." when the outcome is not the expected one. */
    private static String run(GenesysClient client, Case c) {
        try {
            List<AggregateRow> rows = client.queryAggregatesWith("conversations", QUERY,
                    Rows::read);
            return c.expect() == Expect.ROWS && rows.size() == c.rows() ? "rows " + rows.size()
                    : "PROBLEM: parsed " + rows.size() + " rows, expected " + c.expect() + " " + c.rows();
        } catch (GenesysRetriableException e) {
            String m = e.getMessage();
            boolean located = m.matches("(?s).*line \\d+, column \\d+.*");
            if (c.expect() == Expect.MALFORMED && m.contains("malformed") && located) {
                return "refused, retriable: " + detail(m);
            }
            if (c.expect() == Expect.CUT && (m.contains("cut short") || m.contains("ended early")
                    || m.contains("within") || m.contains("failed:") || m.contains("empty"))) {
                return "refused, retriable: " + detail(m);
            }
            return "PROBLEM: retriable '" + m + "', expected " + c.expect();
        } catch (GenesysWindowTooLargeException e) {
            if (c.expect() == Expect.TOO_LARGE && e.getMessage().contains("maxResponseBytes")) {
                return "refused, a window too large: larger than the cap";
            }
            if (c.expect() == Expect.TIMED_OUT && e.getMessage().contains("within the request timeout")) {
                return "refused, a window too large: " + detail(e.getMessage());
            }
            return "PROBLEM: " + e + ", expected " + c.expect();
        } catch (GenesysClientException e) {
            return "PROBLEM: " + e + ", expected " + c.expect();
        } catch (RuntimeException e) {
            return "PROBLEM: unexpected " + e;
        }
    }

    /** The part of a client message after "last failure: ", shortened for the table. */
    private static String detail(String message) {
        int at = message.indexOf("last failure: ");
        String d = at < 0 ? message : message.substring(at + "last failure: ".length());
        return d.length() > 140 ? d.substring(0, 137) + "..." : d;
    }

    // --- answers that need more than a status and a body ---

    static HostileGenesys.Answer chunked(byte[] prefix) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(prefix);
            out.close();
        };
    }

    /** {@code size} bytes of whitespace and then {@code body}, streamed in chunks. */
    static HostileGenesys.Answer padded(int size, byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] spaces = new byte[MB];
                Arrays.fill(spaces, (byte) ' ');
                for (int sent = 0; sent < size; sent += MB) {
                    out.write(spaces);
                }
                out.write(body);
            }
        };
    }

    static HostileGenesys.Answer hugeString(int size) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"junk\":\"".getBytes(StandardCharsets.UTF_8));
                byte[] letters = new byte[MB];
                Arrays.fill(letters, (byte) 'x');
                for (int sent = 0; sent < size; sent += MB) {
                    out.write(letters);
                }
                out.write("\",\"results\":[]}".getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    static HostileGenesys.Answer declaredLength(long length) {
        return exchange -> {
            exchange.sendResponseHeaders(200, length);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            out.flush();
            sleep(REQUEST_TIMEOUT.multipliedBy(2)); // the client refuses on the header and hangs up
        };
    }

    static HostileGenesys.Answer gzipBomb(int inflatedSize) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] spaces = new byte[MB];
            Arrays.fill(spaces, (byte) ' ');
            for (int written = 0; written < inflatedSize; written += MB) {
                gzip.write(spaces);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bomb = compressed.toByteArray();
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, bomb.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bomb);
            }
        };
    }

    static HostileGenesys.Answer stall() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"results\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(REQUEST_TIMEOUT.multipliedBy(3));
        };
    }

    static HostileGenesys.Answer trickle() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (byte b : "{\"results\":[]}                                  ".getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                sleep(Duration.ofMillis(200));
            }
        };
    }

    static HostileGenesys.Answer shortBody() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"results\":[]".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exchange.close();
        };
    }

    static HostileGenesys.Answer drop() {
        return exchange -> exchange.close();
    }

    static byte[] invalidUtf8() {
        byte[] head = "{\"results\":[{\"group\":{\"queueId\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}]}".getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + 3 + tail.length);
        all[head.length] = (byte) 0xC3;
        all[head.length + 1] = (byte) 0x28; // not a continuation byte
        all[head.length + 2] = (byte) 0xFF;
        System.arraycopy(tail, 0, all, head.length + 3, tail.length);
        return all;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / MB;
    }
}
