package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.source.SourceOffsets;
import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status}: where each query of a running connector stands, read from the worker's REST API
 * ({@code GET /connectors/NAME/config} and {@code /offsets}): its watermark and how far it is behind the newest
 * settled bucket, as ISO times; and the {@code PATCH /connectors/NAME/offsets} body that rewinds queries to a date.
 */
final class StatusCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final CliArgs args;
    private final PrintStream out;
    private final Clock clock;

    StatusCommand(CliArgs args, PrintStream out) {
        this(args, out, Clock.systemUTC());
    }

    StatusCommand(CliArgs args, PrintStream out, Clock clock) {
        this.args = args;
        this.out = out;
        this.clock = clock;
    }

    int run() throws IOException, InterruptedException {
        if (!args.positional().isEmpty()) {
            throw new CliArgs.UsageException("status takes no FILE; name the connector with --connector");
        }
        String connect = args.option("--connect", "http://localhost:8083").replaceAll("/+$", "");
        String connector = args.required("--connector");
        String only = args.option("--query", null);
        Instant rewindTo = rewindTo();
        String base = connect + "/connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20");

        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        Map<String, String> props = new LinkedHashMap<>();
        get(http, base + "/config").fields().forEachRemaining(field -> props.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        // The worker shows ${...} placeholders unresolved; none of them is needed to plan windows.
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        Map<String, Instant> watermarks = watermarks(get(http, base + "/offsets"));

        List<QueryDefinition> queries = new ArrayList<>();
        for (QueryDefinition query : config.queries()) {
            if (only == null || only.equals(query.name())) {
                queries.add(query);
            }
        }
        if (queries.isEmpty()) {
            throw new CliArgs.UsageException("--query " + only + ": the connector has queries " + config.queryNames());
        }
        Instant now = clock.instant();
        out.println("connector " + connector + " at " + connect + ", " + now + " (lag: behind the newest bucket "
                + "settled " + config.settleDelay() + " after its end)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"QUERY", "WATERMARK", "NEWEST SETTLED", "LAG", "BUCKETS BEHIND"});
        for (QueryDefinition query : queries) {
            WindowPlanner planner = new WindowPlanner(query, config.windowMax(), config.settleDelay());
            Instant newest = planner.align(now.minus(config.settleDelay()));
            Instant watermark = watermarks.get(query.name());
            if (watermark == null) {
                rows.add(new String[] {query.name(), "none yet", newest.toString(), "-",
                        "starts at " + query.start()});
                continue;
            }
            boolean behind = watermark.isBefore(newest);
            rows.add(new String[] {query.name(), watermark.toString(), newest.toString(),
                    behind ? Duration.between(watermark, newest).toString() : "PT0S",
                    behind ? String.valueOf(planner.bucketStarts(new Window(watermark, newest)).size()) : "0"});
        }
        printTable(rows);
        if (rewindTo != null) {
            printRewind(connect, connector, config, queries, rewindTo);
        }
        return 0;
    }

    private Instant rewindTo() {
        String text = args.option("--rewind-to", null);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliArgs.UsageException("--rewind-to must be an ISO instant such as 2026-03-01T00:00:00Z, not "
                    + text);
        }
    }

    /** The body that sets each query's watermark to {@code to} (aligned down to its bucket), and how to send it. */
    private void printRewind(String connect, String connector, GenesysSourceConfig config,
                             List<QueryDefinition> queries, Instant to) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode offsets = body.putArray("offsets");
        for (QueryDefinition query : queries) {
            Instant aligned = new WindowPlanner(query, config.windowMax(), config.settleDelay()).align(to);
            ObjectNode entry = offsets.addObject();
            entry.putObject("partition").put(SourceOffsets.QUERY, query.name());
            entry.putObject("offset").put(SourceOffsets.WATERMARK, aligned.toEpochMilli());
            out.println("rewind " + query.name() + " to " + aligned + (aligned.equals(to) ? "" : " (" + to
                    + " aligned down to its bucket)"));
        }
        String url = connect + "/connectors/" + connector;
        out.println();
        out.println("# The offsets can only be written while the connector is stopped (not paused). Rewound buckets");
        out.println("# come again at revision 0: a bare watermark starts the restatement memory afresh.");
        out.println("curl -s -X PUT " + url + "/stop");
        out.println("curl -s -X PATCH -H 'Content-Type: application/json' " + url + "/offsets \\");
        out.println("  -d '" + JSON.writeValueAsString(body) + "'");
        out.println("curl -s -X PUT " + url + "/resume");
    }

    /**
     * The watermark of each query that has an offset, by query name. Only a query's own partition ({"query"}) holds
     * it; the partitions of its buckets' restatement memories ({"query", "bucket"}) are passed over.
     */
    private static Map<String, Instant> watermarks(JsonNode offsets) {
        Map<String, Instant> watermarks = new HashMap<>();
        for (JsonNode entry : offsets.path("offsets")) {
            if (entry.path("partition").size() != 1) {
                continue;
            }
            JsonNode query = entry.path("partition").path(SourceOffsets.QUERY);
            JsonNode watermark = entry.path("offset").path(SourceOffsets.WATERMARK);
            if (query.isTextual() && watermark.canConvertToLong()) {
                watermarks.put(query.asText(), Instant.ofEpochMilli(watermark.asLong()));
            }
        }
        return watermarks;
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the Connect worker at " + url + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            JsonNode error = parse(response.body());
            String message = error != null && error.hasNonNull("message") ? error.get("message").asText()
                    : response.body();
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + message);
        }
        JsonNode json = parse(response.body());
        if (json == null) {
            throw new IOException("GET " + url + " did not answer JSON");
        }
        return json;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
