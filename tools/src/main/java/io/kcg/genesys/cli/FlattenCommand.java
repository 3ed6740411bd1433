package io.kcg.genesys.cli;

import io.kcg.genesys.config.OutputFormat;
import io.kcg.genesys.config.QueryDefinition;
import io.kcg.genesys.record.LongRecordMapper;
import io.kcg.genesys.record.MappedRecord;
import io.kcg.genesys.record.RecordMapper;
import io.kcg.genesys.record.WideRecordMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code flatten}: a saved response through the connector's own path (parser and record mapper, as the task runs
 * them), one record value per line. Without {@code --query} the query is inferred from the response first.
 */
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
        byte[] body;
        try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
            body = in.readAllBytes();
        }
        String queryFile = args.option("--query", null);
        QueryDefinition query = queryFile == null ? InferredQuery.fromResponse(name, body)
                : InferredQuery.fromBody(name, "conversations", Files.readString(Path.of(queryFile), StandardCharsets.UTF_8));
        RecordMapper mapper = format == OutputFormat.WIDE ? new WideRecordMapper(query, true) : new LongRecordMapper(query);
        for (MappedRecord record : mapper.read(new ByteArrayInputStream(body))) {
            out.println(StructJson.toJson(record.value()));
        }
        out.flush();
        return 0;
    }
}
