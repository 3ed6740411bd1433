package io.kcg.genesys.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code bin/genesys-aggregates}: check a query before deploying it, and see what the connector makes of a
 * response. Exit codes: 0 done, 1 the input or the API was refused, 2 bad usage.
 */
public final class GenesysAggregatesCli {
    static final String USAGE = String.join("\n",
            "usage: genesys-aggregates <command> [options]",
            "",
            "  flatten [--format wide|long] [--query QUERY.json] [--name NAME] FILE|-",
            "      print the value of every record the connector emits for a saved aggregates response,",
            "      one JSON object per line; without --query the dimensions and metrics come from the response",
            "  preview --config CONNECTOR.json --from T --to T [--query NAME]",
            "      run the config's queries against the configured API for [from, to) and print the records",
            "      as a table (T: an ISO instant such as 2026-03-01T00:00:00Z)",
            "  schema --config CONNECTOR.json [--query NAME]",
            "      print the Avro schemas of key and value that an Avro converter registers for every query",
            "      of the config (and its heartbeats), with their subjects",
            "");

    private GenesysAggregatesCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "flatten":
                    return new FlattenCommand(CliArgs.parse(rest, "--format", "--query", "--name"), in, out).run();
                case "preview":
                    return new PreviewCommand(CliArgs.parse(rest, "--config", "--from", "--to", "--query"), out).run();
                case "schema":
                    return new SchemaCommand(CliArgs.parse(rest, "--config", "--query"), out).run();
                default:
                    err.println("unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    return 2;
            }
        } catch (CliArgs.UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
