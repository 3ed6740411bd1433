package io.kcg.genesys.cli;

import io.kcg.genesys.source.Version;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin/genesys-aggregates}: check a query before deploying it, see what the connector makes of a response, and
 * see where a running connector stands. Exit codes: 0 done (also {@code --help} and {@code --version}), 1 the input,
 * the API or the worker refused, 2 bad usage.
 */
public final class GenesysAggregatesCli {
    /** Each command's usage, in the order the tool lists them. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("flatten", String.join("\n",
                "  flatten [--format wide|long] [--query QUERY.json] [--name NAME] FILE|-",
                "      print the value of every record the connector emits for a saved aggregates response,",
                "      one JSON object per line; without --query the dimensions and metrics come from the response"));
        COMMANDS.put("preview", String.join("\n",
                "  preview --config CONNECTOR.json --from T --to T [--query NAME] [--worker WORKER.properties]",
                "      run the config's queries against the configured API for [from, to) and print the records",
                "      as a table (T: an ISO instant such as 2026-03-01T00:00:00Z). Placeholders such as",
                "      ${file:/etc/kafka/genesys.properties:secret} or ${env::GENESYS_SECRET} are resolved as a",
                "      worker resolves them: with the config providers of --worker, else Kafka's file, directory",
                "      and env providers"));
        COMMANDS.put("schema", String.join("\n",
                "  schema --config CONNECTOR.json [--query NAME]",
                "      print the Avro schemas of key and value that an Avro converter registers for every query",
                "      of the config (and its heartbeats), with their subjects"));
        COMMANDS.put("status", String.join("\n",
                "  status --connector NAME [--connect URL] [--query NAME] [--rewind-to T]",
                "      read a running connector's config and offsets from the Connect REST API (default",
                "      http://localhost:8083) and print each query's watermark and its lag behind the newest",
                "      settled bucket as ISO times; with --rewind-to, print the PATCH /connectors/NAME/offsets",
                "      body (and the commands around it) that makes the queries fetch again from T"));
    }

    static final String USAGE = "usage: genesys-aggregates <command> [options]   (genesys-aggregates <command> --help, "
            + "--version)\n\n" + String.join("\n", COMMANDS.values()) + "\n";

    private GenesysAggregatesCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(USAGE);
            return 0;
        }
        if (command.equals("--version") || command.equals("-V") || command.equals("version")) {
            out.println("genesys-aggregates " + Version.get());
            return 0;
        }
        if (!COMMANDS.containsKey(command)) {
            err.println("unknown command '" + command + "'");
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "flatten":
                    return new FlattenCommand(CliArgs.parse(rest, "--format", "--query", "--name"), in, out).run();
                case "preview":
                    return new PreviewCommand(CliArgs.parse(rest, "--config", "--from", "--to", "--query", "--worker"),
                            out).run();
                case "schema":
                    return new SchemaCommand(CliArgs.parse(rest, "--config", "--query"), out).run();
                default:
                    return new StatusCommand(CliArgs.parse(rest, "--connect", "--connector", "--query", "--rewind-to"),
                            out).run();
            }
        } catch (CliArgs.HelpRequested e) {
            out.println("usage: genesys-aggregates " + command + " [options]");
            out.println(COMMANDS.get(command));
            return 0;
        } catch (CliArgs.UsageException e) {
            err.println(e.getMessage());
            err.println("usage:");
            err.println(COMMANDS.get(command));
            return 2;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
