package io.kcg.genesys.cli;

import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.parse.AggregateResponseParser;
import io.kcg.genesys.parse.AggregateRow;
import io.kcg.genesys.record.LongRecordMapper;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code flatten}: a saved response through the connector's parser and mapper, one record value per line. */
final class FlattenCommand {
    private final CliArgs args;
    private final InputStream stdin;
    private final PrintStream out;

    FlattenCommand(CliArgs args, InputStream stdin, PrintStream out) {
        this.args = args;
        this.stdin = stdin;
        this.out = out;
    }

    int run() throws IOException {
        if (args.positional().size() != 1) {
            throw new CliArgs.UsageException("flatten takes one FILE (or - for standard input)");
        }
        OutputFormat format;
        try {
            format = OutputFormat.of(args.option("--format", "wide"));
        } catch (IllegalArgumentException e) {
            throw new CliArgs.UsageException("--format must be wide or long");
        }
        String name = args.option("--name", "query");
        String file = args.positional().get(0);
        List<AggregateRow> rows = new ArrayList<>();
        try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
            new AggregateResponseParser().parse(in, rows::add);
        }
        String queryFile = args.option("--query", null);
        QueryDefinition query = queryFile == null ? InferredQuery.fromRows(name, rows)
                : InferredQuery.fromBody(name, "conversations", Files.readString(Path.of(queryFile), StandardCharsets.UTF_8));
        RecordMapper mapper = format == OutputFormat.WIDE ? new WideRecordMapper(query, true) : new LongRecordMapper(query);
        for (MappedRecord record : mapper.map(rows)) {
            out.println(StructJson.toJson(record.value()));
        }
        out.flush();
        return 0;
    }
}
