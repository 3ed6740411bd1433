package io.kcg.genesys.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the demo runs against, from its command line and environment. Without Genesys credentials in the environment
 * it starts the simulator; with GENESYS_REGION (or GENESYS_API_URL), GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET it
 * queries that Genesys Cloud org. Without --bootstrap-servers it starts its own KRaft broker.
 */
record DemoOptions(
        Path repoRoot,
        Path workDir,
        Path pluginPath,
        Path connectorConfig,
        String bootstrapServers,
        int kafkaPort,
        int controllerPort,
        int connectPort,
        int simulatorPort,
        int queues,
        int days,
        boolean follow,
        boolean rollup,
        GenesysAccount account,
        PostgresTarget postgres,
        Path sinkPluginPath,
        Path sinkConfig) {

    /** Real Genesys Cloud credentials; apiUrl is an explicit base (a proxy), else the region decides. */
    record GenesysAccount(String region, String apiUrl, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "GenesysAccount{region=" + region + ", apiUrl=" + apiUrl + ", clientId=" + clientId + "}";
        }
    }

    static final String USAGE = String.join("\n",
            "Usage: ./demo.sh [options]",
            "",
            "Starts a Kafka broker (KRaft), a Kafka Connect worker that loads the connector from its packaged",
            "plugin directory (plugin.path), and the Genesys Cloud simulator; creates the connector from",
            "config/queue-report-30m.json and the directory source from config/directory.json; backfills a",
            "week of 30-minute buckets; prints a report per queue (named from the directory topic), media type",
            "and day and writes an HTML page with charts. Then it runs the Kafka Streams daily rollup",
            "(examples/streams) on the same topics, prints a few of its rows and checks that its offered and",
            "answered equal the report's for every whole day.",
            "",
            "Options:",
            "  --follow                  after the backfill, keep following new buckets live (Ctrl-C stops)",
            "  --no-rollup               skip the Kafka Streams daily rollup and its check (a few seconds)",
            "  --bootstrap-servers HOSTS use this Kafka instead of starting one",
            "  --days N                  how many days to backfill (default 7)",
            "  --queues N                simulated queues (default 3)",
            "  --kafka-port P            port of the demo's broker (default 9092; its controller uses P+1)",
            "  --connect-port P          Connect REST port (default 8083)",
            "  --simulator-port P        simulator port (default 8089)",
            "  --config FILE             connector config (default config/queue-report-30m.json)",
            "  --postgres URL            also land the records in PostgreSQL through Debezium's JDBC sink",
            "                            (config/postgres-sink.json) and read the report back from the table;",
            "                            URL: jdbc:postgresql://HOST:PORT/DB?user=USER&password=PASSWORD or",
            "                            postgresql://USER:PASSWORD@HOST:PORT/DB (or the password in PGPASSWORD)",
            "  --rebuild                 rebuild the project first (demo.sh)",
            "  --help                    this text",
            "",
            "Environment: GENESYS_REGION (e.g. us_east_1, mypurecloud.ie), GENESYS_CLIENT_ID and",
            "GENESYS_CLIENT_SECRET query your Genesys Cloud org instead of the simulator; the OAuth client",
            "needs the permission analytics:conversationAggregate:view. GENESYS_API_URL replaces the region",
            "with an explicit API base URL (https, or http on a loopback host).");

    static DemoOptions parse(String[] args, Map<String, String> env, Path repoRoot) {
        String bootstrap = null;
        int kafkaPort = 9092;
        Integer controllerPort = null;
        int connectPort = 8083;
        int simulatorPort = 8089;
        int queues = 3;
        int days = 7;
        boolean follow = false;
        boolean rollup = true;
        Path config = repoRoot.resolve("config/queue-report-30m.json");
        Path workDir = repoRoot.resolve("demo/work");
        Path pluginPath = repoRoot.resolve("connector/target/plugins");
        Path sinkPluginPath = repoRoot.resolve("demo/target/connect-plugins");
        PostgresTarget postgres = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--follow" -> follow = true;
                case "--no-rollup" -> rollup = false;
                case "--rebuild" -> { } // handled by demo.sh
                case "--help", "-h" -> throw new DemoException(0, USAGE);
                case "--bootstrap-servers" -> bootstrap = value != null ? value : next(args, ++i, arg);
                case "--days" -> days = intValue(arg, value != null ? value : next(args, ++i, arg), 1, 90);
                case "--queues" -> queues = intValue(arg, value != null ? value : next(args, ++i, arg), 1, 50);
                case "--kafka-port" -> kafkaPort = port(arg, value != null ? value : next(args, ++i, arg));
                case "--controller-port" -> controllerPort = port(arg, value != null ? value : next(args, ++i, arg));
                case "--connect-port" -> connectPort = port(arg, value != null ? value : next(args, ++i, arg));
                case "--simulator-port" -> simulatorPort = port(arg, value != null ? value : next(args, ++i, arg));
                case "--config" -> config = repoRoot.resolve(value != null ? value : next(args, ++i, arg));
                case "--work-dir" -> workDir = repoRoot.resolve(value != null ? value : next(args, ++i, arg));
                case "--plugin-path" -> pluginPath = repoRoot.resolve(value != null ? value : next(args, ++i, arg));
                case "--postgres" -> postgres = PostgresTarget.parse(value != null ? value : next(args, ++i, arg), env);
                default -> throw new DemoException(DemoException.USAGE, "unknown option " + args[i] + "\n\n" + USAGE);
            }
        }
        return new DemoOptions(repoRoot, workDir.normalize(), pluginPath.normalize(), config.normalize(), bootstrap,
                kafkaPort, controllerPort != null ? controllerPort : kafkaPort + 1, connectPort, simulatorPort,
                queues, days, follow, rollup, account(env), postgres, sinkPluginPath.normalize(),
                repoRoot.resolve("config/postgres-sink.json"));
    }

    boolean usesSimulator() {
        return account == null;
    }

    boolean landsInPostgres() {
        return postgres != null;
    }

    boolean startsKafka() {
        return bootstrapServers == null;
    }

    private static GenesysAccount account(Map<String, String> env) {
        String region = blankToNull(env.get("GENESYS_REGION"));
        String apiUrl = blankToNull(env.get("GENESYS_API_URL"));
        String id = blankToNull(env.get("GENESYS_CLIENT_ID"));
        String secret = blankToNull(env.get("GENESYS_CLIENT_SECRET"));
        if (region == null && apiUrl == null && id == null && secret == null) {
            return null;
        }
        if ((region == null && apiUrl == null) || id == null || secret == null) {
            throw new DemoException(DemoException.USAGE, "to query your Genesys Cloud org, set all of GENESYS_REGION "
                    + "(or GENESYS_API_URL), GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET; missing: "
                    + (region == null && apiUrl == null ? "GENESYS_REGION " : "")
                    + (id == null ? "GENESYS_CLIENT_ID " : "") + (secret == null ? "GENESYS_CLIENT_SECRET" : "")
                    + ". Unset them all to run against the simulator.");
        }
        return new GenesysAccount(region, apiUrl, id, secret);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new DemoException(DemoException.USAGE, option + " needs a value\n\n" + USAGE);
        }
        return args[i];
    }

    private static int port(String option, String text) {
        return intValue(option, text, 1, 65535);
    }

    private static int intValue(String option, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DemoException(DemoException.USAGE, option + " must be a number from " + min + " to " + max
                    + ", not '" + text + "'");
        }
    }
}
