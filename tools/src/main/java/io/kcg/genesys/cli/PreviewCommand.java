package io.kcg.genesys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.client.GenesysClient;
import io.kcg.genesys.config.GenesysSourceConfig;
import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.Fields;
import io.kcg.genesys.record.LongRecordMapper;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;
import io.kcg.genesys.source.ClientSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code preview}: a connector config's queries against the real (or simulated) API, printed as tables. */
final class PreviewCommand {
    private static final Set<String> REPETITIVE = Set.of(Fields.QUERY_NAME, Fields.GRANULARITY, Fields.INTERVAL_END,
            Fields.REVISION);
    private final CliArgs args;
    private final PrintStream out;

    PreviewCommand(CliArgs args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    int run() throws IOException {
        Map<String, String> props = resolved(ConnectorConfigFile.read(Path.of(args.required("--config"))));
        Instant from = instant("--from");
        Instant to = instant("--to");
        if (!to.isAfter(from)) {
            throw new CliArgs.UsageException("--to must be after --from");
        }
        GenesysSourceConfig config = new GenesysSourceConfig(props);
        String only = args.option("--query", null);
        // A person waits at the terminal: refused credentials fail at once instead of being retried for minutes.
        try (GenesysClient client = new GenesysClient(ClientSettings.from(config).toBuilder()
                .authRetryTimeout(Duration.ZERO).build())) {
            for (QueryDefinition query : config.queries()) {
                if (only != null && !only.equals(query.name())) {
                    continue;
                }
                RecordMapper mapper = config.outputFormat() == OutputFormat.WIDE
                        ? new WideRecordMapper(query, config.derivedKpis()) : new LongRecordMapper(query);
                List<MappedRecord> records = client.queryAggregatesWith(query.endpoint(), query.bodyFor(from, to),
                        mapper::read);
                out.println("== query " + query.name() + " (" + query.endpoint() + "), " + records.size() + " records, "
                        + QueryDefinition.intervalText(from, to));
                printTable(records);
                out.println();
            }
        }
        return 0;
    }

    /** The config as a worker would hand it to the connector: its placeholders resolved. */
    private Map<String, String> resolved(Map<String, String> props) throws IOException {
        String worker = args.option("--worker", null);
        try (ConfigProviders providers = worker == null ? ConfigProviders.defaults()
                : ConfigProviders.ofWorker(Path.of(worker))) {
            return providers.resolve(props);
        }
    }

    private Instant instant(String option) {
        String text = args.required(option);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliArgs.UsageException(option + " must be an ISO instant such as 2026-03-01T00:00:00Z, not " + text);
        }
    }

    /** Columns: every field that has a value in at least one record, except the repetitive ones. */
    private void printTable(List<MappedRecord> records) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (MappedRecord record : records) {
            JsonNode value = StructJson.toJson(record.value());
            Map<String, String> row = new LinkedHashMap<>();
            value.fields().forEachRemaining(field -> {
                String name = field.getKey();
                if (field.getValue().isNull() || REPETITIVE.contains(name)
                        || (name.equals(Fields.GROUP_EXTRA) && field.getValue().asText().equals(Fields.NO_EXTRA_GROUP))) {
                    return;
                }
                String text = field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString();
                row.put(name, text);
                widths.merge(name, Math.max(name.length(), text.length()), Math::max);
            });
            rows.add(row);
        }
        StringBuilder header = new StringBuilder();
        widths.forEach((name, width) -> header.append(pad(name, width)).append("  "));
        out.println(header.toString().stripTrailing());
        for (Map<String, String> row : rows) {
            StringBuilder line = new StringBuilder();
            widths.forEach((name, width) -> line.append(pad(row.getOrDefault(name, ""), width)).append("  "));
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

}
