package io.kcg.genesys.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Streaming parser for the body of every Genesys {@code POST /api/v2/analytics/{x}/aggregates/query}:
 * <pre>
 * {"results":[{"group":{dim:value,...},
 *              "data":[{"interval":"start/end",
 *                       "metrics":[{"metric":m,"qualifier":q?,"stats":{...}}],
 *                       "views":[{"name":v,"stats":{...}}]}]}]}
 * </pre>
 * One {@link AggregateRow} per metric (and per view, whose name becomes the row's metric) is handed to the handler
 * in document order, as soon as it is complete. Jackson's token stream is read directly; no tree is built.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Unknown fields are skipped wherever they are (with their children), e.g. the top-level
 *       {@code systemToOrganizationMappings} of user aggregates. Unknown stat names are skipped too.</li>
 *   <li>{@code null} means absent everywhere: a null {@code results}, {@code data}, {@code metrics}, {@code views},
 *       {@code stats}, stat value, qualifier or array element is ignored. An absent or null {@code results} yields no
 *       rows. A metric without {@code stats} yields a row with empty {@link Stats}.</li>
 *   <li>Integral stats ({@link Stat#integral()}) accept {@code 4} and {@code 4.0}; {@code 4.5} and values outside
 *       the {@code long} range are errors. Other stats must be finite JSON numbers ({@code 1e999} and strings such as
 *       {@code "NaN"} are errors).</li>
 *   <li>{@code group} values are strings. Numbers and booleans are accepted and kept as their JSON text (e.g.
 *       {@code 42}, {@code true}), since a group is a key and losing a value would be worse than a lenient type;
 *       a null value leaves the dimension out; objects and arrays are errors naming the dimension. A dimension that
 *       occurs twice is an error. The group map keeps document order.</li>
 *   <li>{@code interval} must be {@code start/end} with offsets ({@code Z} or {@code ±hh:mm}). An end before the
 *       start is an error. A bucket with metrics or views but no interval is an error.</li>
 *   <li>The fields of an object may come in any order: rows met before their {@code group} or {@code interval} are
 *       held back until it is known, then delivered in document order.</li>
 *   <li>Bad JSON, a body that ends early, trailing content after the response object, or a violated limit gives a
 *       {@link MalformedResponseException} whose message includes the line and column.</li>
 * </ul>
 *
 * <h2>Limits against hostile input</h2>
 * Nesting depth {@value #MAX_NESTING_DEPTH} (a real response nests 7 deep), numbers of at most
 * {@value #MAX_NUMBER_LENGTH} characters, strings of at most {@value #MAX_STRING_LENGTH} characters, field names of
 * at most {@value #MAX_NAME_LENGTH} characters. Jackson checks these as it reads, so a body of 100 000 opening
 * brackets fails at the 65th, and nothing here recurses on the input's structure. The body size itself is bounded by
 * the HTTP client.
 *
 * <h2>Delivery</h2>
 * Rows go to the handler as the body streams in, so a handler has seen some rows when a later part of the body
 * turns out to be bad; a caller that needs all-or-nothing (the record mappers) keeps what it builds until
 * {@link #parse} returns.
 *
 * <p>Instances are immutable and thread-safe; each call keeps its own state, including a map of the interval texts
 * it has parsed (a large response repeats each bucket's interval once per group).
 */
public final class AggregateResponseParser {
    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 256;
    public static final int MAX_STRING_LENGTH = 1 << 20;
    public static final int MAX_NAME_LENGTH = 4096;

    private static final int MAX_CACHED_INTERVALS = 4096;
    private static final Map<String, String> NO_GROUP = Collections.emptyMap();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * Parses a whole body from {@code in}, handing each row to {@code handler} as soon as it is complete. The stream
     * is not closed. Rows already handed over stay handed over when a later part of the body turns out to be bad.
     *
     * @throws MalformedResponseException when the body is not a well-formed aggregates response
     * @throws IOException                when reading {@code in} fails (not when its content is bad)
     */
    public void parse(InputStream in, AggregateRowHandler handler) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(handler, "handler");
        JsonParser p;
        try {
            p = FACTORY.createParser(in);
        } catch (JsonProcessingException e) {
            throw malformed(e, null);
        } catch (CharConversionException e) {
            throw notText(e, null);
        }
        try {
            new Run(p, handler).document();
        } catch (JsonProcessingException e) {
            throw malformed(e, p); // before close(): the location is read from the parser
        } catch (CharConversionException e) {
            throw notText(e, p);
        } finally {
            p.close();
        }
    }

    /**
     * Leading zero bytes make Jackson take the body for UTF-32 or UTF-16; an encoding it cannot read, or a character
     * that encoding cannot hold, is a malformed body too. {@code p} is null when the parser could not be created.
     */
    private static MalformedResponseException notText(CharConversionException e, JsonParser p) {
        int line = p == null ? 1 : p.currentLocation().getLineNr();
        int column = p == null ? 1 : p.currentLocation().getColumnNr();
        return new MalformedResponseException("Malformed Genesys aggregates response at line " + line + ", column "
                + column + ": the body is not text in a JSON encoding (" + e.getMessage() + ")", line, column, false, e);
    }

    private static MalformedResponseException malformed(JsonProcessingException e, JsonParser p) {
        JsonLocation loc = e.getLocation();
        if (loc == null && p != null) {
            loc = p.currentLocation(); // StreamConstraintsException carries none
        }
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        String detail = e.getOriginalMessage();
        if (detail == null) {
            detail = e.getClass().getSimpleName();
        }
        // Jackson signals most cuts with JsonEOFException, a cut between entries with a plain parse exception
        boolean truncated = e instanceof JsonEOFException || detail.contains("end-of-input");
        // Jackson's nested locations read "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]"
        detail = detail.replace("Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "");
        String what = truncated ? "the body ended early (" + detail + ")" : detail;
        return new MalformedResponseException(
                "Malformed Genesys aggregates response at line " + line + ", column " + column + ": " + what,
                line, column, truncated, e);
    }

    /** One row whose group or interval was not known yet when it was read. */
    private record PendingRow(Instant start, Instant end, String metric, String qualifier, Stats stats) {
    }

    /** The state of one parse. */
    private static final class Run {
        private final JsonParser p;
        private final AggregateRowHandler handler;
        /** Interval text to its instants: a response repeats each bucket's interval once per group. */
        private final HashMap<String, Instant[]> intervals = new HashMap<>();

        /** The current result's group; null until its {@code group} field was read. */
        private Map<String, String> group;
        /** Rows of the current result read before its group. */
        private ArrayList<PendingRow> heldForGroup;
        private int resultIndex;

        Run(JsonParser p, AggregateRowHandler handler) {
            this.p = p;
            this.handler = handler;
        }

        void document() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) { // an empty 200 body is a cut connection as much as a short one
                JsonLocation loc = p.currentLocation();
                throw new MalformedResponseException("Malformed Genesys aggregates response at line "
                        + loc.getLineNr() + ", column " + loc.getColumnNr() + ": the body is empty",
                        loc.getLineNr(), loc.getColumnNr(), true, null);
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("the response must be a JSON object, got " + describe(t));
            }
            boolean seenResults = false;
            String name;
            while ((name = p.nextFieldName()) != null) {
                t = p.nextToken();
                if ("results".equals(name)) {
                    if (seenResults) {
                        throw error("duplicate field 'results'");
                    }
                    seenResults = true;
                    results(t);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw error("unexpected content after the response object");
            }
        }

        private void results(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            expectArray(t, "results");
            resultIndex = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    result();
                } else if (t != JsonToken.VALUE_NULL) {
                    throw error("results[" + resultIndex + "] must be an object, got " + describe(t));
                }
                resultIndex++;
            }
        }

        private void result() throws IOException {
            group = null;
            heldForGroup = null;
            boolean seenGroup = false;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "group":
                        if (seenGroup) {
                            throw error("duplicate field 'group' in results[" + resultIndex + "]");
                        }
                        seenGroup = true;
                        group = group(t);
                        releaseHeldRows();
                        break;
                    case "data":
                        data(t);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (group == null) {
                group = NO_GROUP;
                releaseHeldRows();
            }
        }

        private void releaseHeldRows() {
            if (heldForGroup != null) {
                for (PendingRow r : heldForGroup) {
                    handler.onRow(new AggregateRow(group, r.start, r.end, r.metric, r.qualifier, r.stats));
                }
                heldForGroup = null;
            }
        }

        private Map<String, String> group(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return NO_GROUP;
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("results[" + resultIndex + "].group must be an object, got " + describe(t));
            }
            LinkedHashMap<String, String> map = null;
            String dim;
            while ((dim = p.nextFieldName()) != null) {
                t = p.nextToken();
                String value;
                switch (t) {
                    case VALUE_STRING:
                        value = text();
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                    case VALUE_TRUE:
                    case VALUE_FALSE:
                        value = p.getText();
                        break;
                    case VALUE_NULL:
                        continue;
                    default:
                        throw error("group value of dimension '" + dim + "' in results[" + resultIndex
                                + "] must be a string, got " + describe(t));
                }
                if (map == null) {
                    map = new LinkedHashMap<>(8);
                }
                if (map.put(dim, value) != null) {
                    throw error("duplicate group dimension '" + dim + "' in results[" + resultIndex + "]");
                }
            }
            return map == null ? NO_GROUP : Collections.unmodifiableMap(map);
        }

        private void data(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            expectArray(t, "results[" + resultIndex + "].data");
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    bucket();
                } else if (t != JsonToken.VALUE_NULL) {
                    throw error("each results[" + resultIndex + "].data entry must be an object, got "
                            + describe(t));
                }
            }
        }

        /** The fields of the bucket being read. */
        private Instant[] interval;
        private ArrayList<PendingRow> heldForInterval;

        private void bucket() throws IOException {
            interval = null;
            heldForInterval = null;
            JsonLocation bucketStart = p.currentTokenLocation();
            boolean seenInterval = false;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "interval":
                        if (seenInterval) {
                            throw error("duplicate field 'interval' in a data entry");
                        }
                        seenInterval = true;
                        if (t != JsonToken.VALUE_NULL) {
                            interval = interval(t);
                            releaseHeldForInterval();
                        }
                        break;
                    case "metrics":
                        metrics(t, false);
                        break;
                    case "views":
                        metrics(t, true);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (heldForInterval != null) {
                throw errorAt(bucketStart, "a data entry of results[" + resultIndex
                        + "] has metrics but no interval");
            }
        }

        private void releaseHeldForInterval() {
            if (heldForInterval != null) {
                for (PendingRow r : heldForInterval) {
                    row(r.metric, r.qualifier, r.stats);
                }
                heldForInterval = null;
            }
        }

        private Instant[] interval(JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                throw error("interval must be a string, got " + describe(t));
            }
            String text = text();
            Instant[] iv = intervals.get(text);
            if (iv == null) { // each distinct text is checked once: an error is found at its first occurrence
                iv = IsoIntervals.parse(text);
                if (iv == null) {
                    throw error("interval '" + abbreviate(text) + "' is not an ISO-8601 start/end interval with offsets");
                }
                if (iv[1].isBefore(iv[0])) {
                    throw error("interval '" + text + "' ends before it starts");
                }
                if (intervals.size() >= MAX_CACHED_INTERVALS) {
                    intervals.clear();
                }
                intervals.put(text, iv);
            }
            return iv;
        }

        private void metrics(JsonToken t, boolean views) throws IOException {
            String field = views ? "views" : "metrics";
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            expectArray(t, field);
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    metric(views);
                } else if (t != JsonToken.VALUE_NULL) {
                    throw error("each " + field + " entry must be an object, got " + describe(t));
                }
            }
        }

        private void metric(boolean view) throws IOException {
            String nameField = view ? "name" : "metric";
            JsonLocation start = p.currentTokenLocation();
            String metric = null;
            String qualifier = null;
            Stats stats = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (name.equals(nameField)) {
                    if (t != JsonToken.VALUE_STRING) {
                        throw error("'" + nameField + "' must be a string, got " + describe(t));
                    }
                    metric = text();
                } else if (name.equals("stats")) {
                    stats = stats(t, metric);
                } else if (name.equals("qualifier")) {
                    if (t == JsonToken.VALUE_STRING) {
                        qualifier = text();
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw error("'qualifier' must be a string, got " + describe(t));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (metric == null) {
                throw errorAt(start, (view ? "a view" : "a metric") + " without '" + nameField + "'");
            }
            row(metric, qualifier, stats == null ? Stats.empty() : stats);
        }

        private void row(String metric, String qualifier, Stats stats) {
            Instant[] iv = interval;
            if (iv == null) {
                if (heldForInterval == null) {
                    heldForInterval = new ArrayList<>();
                }
                heldForInterval.add(new PendingRow(null, null, metric, qualifier, stats));
            } else if (group == null) {
                if (heldForGroup == null) {
                    heldForGroup = new ArrayList<>();
                }
                heldForGroup.add(new PendingRow(iv[0], iv[1], metric, qualifier, stats));
            } else {
                handler.onRow(new AggregateRow(group, iv[0], iv[1], metric, qualifier, stats));
            }
        }

        private Stats stats(JsonToken t, String metric) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return Stats.empty();
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("stats" + of(metric) + " must be an object, got " + describe(t));
            }
            Stats.Builder stats = Stats.builder();
            String name;
            while ((name = p.nextFieldName()) != null) {
                t = p.nextToken();
                Stat stat = Stat.byJsonName(name);
                if (stat == null) {
                    p.skipChildren();
                    continue;
                }
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    if (stat.integral()) {
                        long v;
                        try {
                            v = p.getLongValue();
                        } catch (InputCoercionException e) {
                            throw error("stat '" + name + "'" + of(metric) + " is outside the 64-bit integer range: "
                                    + abbreviate(p.getText()));
                        }
                        stats.setLong(stat, v);
                    } else {
                        stats.setDouble(stat, finite(p.getDoubleValue(), name, metric));
                    }
                } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (stat.integral()) {
                        stats.setLong(stat, integralFloat(name, metric));
                    } else {
                        stats.setDouble(stat, finite(p.getDoubleValue(), name, metric));
                    }
                } else if (t != JsonToken.VALUE_NULL) {
                    String got = t == JsonToken.VALUE_STRING ? "the string \"" + abbreviate(p.getText()) + "\""
                            : describe(t);
                    throw error("stat '" + name + "'" + of(metric) + " must be "
                            + (stat.integral() ? "an integer" : "a finite number") + ", got " + got);
                }
            }
            return stats.build();
        }

        /** A count written with a fraction: {@code 4.0} is 4, {@code 4.5} and out-of-range values are errors. */
        private long integralFloat(String name, String metric) throws IOException {
            BigDecimal d;
            try {
                d = p.getDecimalValue();
            } catch (NumberFormatException e) { // an exponent beyond what BigDecimal holds, e.g. 1e99999999999
                throw error("stat '" + name + "'" + of(metric) + " is outside the 64-bit integer range: "
                        + abbreviate(p.getText()));
            }
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                boolean fraction = d.signum() != 0 && d.stripTrailingZeros().scale() > 0;
                throw error("stat '" + name + "'" + of(metric) + (fraction
                        ? " must be a whole number, got " + abbreviate(p.getText())
                        : " is outside the 64-bit integer range: " + abbreviate(p.getText())));
            }
        }

        private double finite(double v, String name, String metric) throws IOException {
            if (!Double.isFinite(v)) {
                throw error("stat '" + name + "'" + of(metric) + " must be a finite number, got "
                        + abbreviate(p.getText()));
            }
            return v;
        }

        private String text() throws IOException {
            return p.getText();
        }

        private void expectArray(JsonToken t, String field) {
            if (t != JsonToken.START_ARRAY) {
                throw error("'" + field + "' must be an array, got " + describe(t));
            }
        }

        private MalformedResponseException error(String what) {
            return errorAt(p.currentTokenLocation(), what);
        }

        private MalformedResponseException errorAt(JsonLocation loc, String what) {
            int line = loc == null ? -1 : loc.getLineNr();
            int column = loc == null ? -1 : loc.getColumnNr();
            return new MalformedResponseException(
                    "Malformed Genesys aggregates response at line " + line + ", column " + column + ": " + what,
                    line, column, false, null);
        }
    }

    private static String of(String metric) {
        return metric == null ? "" : " of metric '" + metric + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }
}
