package io.kcg.genesys.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.LongFunction;

/** The runnable jar's command line: flags map onto the builder. Accepts "--flag value" and "--flag=value". */
final class SimulatorOptions {

    static final String USAGE = String.join("\n",
        "Usage: java -jar genesys-simulator.jar [options]",
        "  --port N                    port to listen on (default 8089; 0 = ephemeral)",
        "  --host H                    address to bind (default 127.0.0.1; 0.0.0.0 for all)",
        "  --seed N                    seed of the simulated contact center (default 42)",
        "  --queues N                  number of queues (default 3)",
        "  --agents-per-queue N        agents per queue (default 8)",
        "  --client-id S               OAuth client id (default demo-client)",
        "  --client-secret S           OAuth client secret (default demo-secret)",
        "  --token-lifetime D          ISO-8601 duration or seconds (default PT24H)",
        "  --rate-limit N              requests per token per rolling minute, 0 = off (default 0)",
        "  --directory-changes B       true: the directory listings rename, add and remove entities over time",
        "  --restatement-horizon D     how far back the nightly job restates, ISO-8601 duration or days (default P14D)",
        "  --fault-503 P               share of aggregates requests answered 503",
        "  --fault-429 P               share answered 429",
        "  --fault-429-retry-after S   Retry-After of those 429s, seconds (default 1)",
        "  --fault-truncated P         share answered 200 with a body cut mid-JSON",
        "  --fault-dropped P           share whose connection is closed without a response",
        "  --fault-slow P              share answered after a delay",
        "  --fault-slow-delay D        that delay, ISO-8601 duration or milliseconds (default 1000)",
        "  --fault-500 P               share answered 500 internal.server.error",
        "  --fault-502 P               share answered 502 with a gateway's HTML page",
        "  --fault-504 P               share answered 504 request.timeout",
        "  --latency MIN[..MAX]        aggregates answers take MIN to MAX (uniform), ISO-8601 or milliseconds (default 0)",
        "  --max-response-bytes N      larger aggregates answers get 400 response.entity.too.large (default 0 = off)",
        "  --extended-stats            timers carry p95/p99, and one in twenty lacks min, as real payloads do",
        "  --help                      this text");

    private final boolean help;
    private final GenesysSimulator.Builder builder;

    private SimulatorOptions(boolean help, GenesysSimulator.Builder builder) {
        this.help = help;
        this.builder = builder;
    }

    /** @throws IllegalArgumentException naming the flag at fault */
    static SimulatorOptions parse(String[] args) {
        GenesysSimulator.Builder builder = GenesysSimulator.builder().systemClock().port(8089);
        FaultPlan faults = FaultPlan.none();
        double p429 = 0;
        int retryAfter = 1;
        double pSlow = 0;
        Duration slowDelay = Duration.ofSeconds(1);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (flag.equals("--extended-stats") && value == null) {
                builder.extendedStats(true);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            try {
                switch (flag) {
                    case "--port" -> builder.port(Integer.parseInt(value));
                    case "--host" -> builder.host(value);
                    case "--seed" -> builder.seed(Long.parseLong(value));
                    case "--queues" -> builder.queues(Integer.parseInt(value));
                    case "--agents-per-queue" -> builder.agentsPerQueue(Integer.parseInt(value));
                    case "--client-id" -> builder.clientId(value);
                    case "--client-secret" -> builder.clientSecret(value);
                    case "--token-lifetime" -> builder.tokenLifetime(duration(value, Duration::ofSeconds));
                    case "--rate-limit" -> builder.rateLimitPerMinute(Integer.parseInt(value));
                    case "--directory-changes" -> builder.directoryChanges(bool(value));
                    case "--restatement-horizon" -> builder.restatementHorizon(duration(value, Duration::ofDays));
                    case "--fault-503" -> faults = faults.with503(Double.parseDouble(value));
                    case "--fault-429" -> p429 = Double.parseDouble(value);
                    case "--fault-429-retry-after" -> retryAfter = Integer.parseInt(value);
                    case "--fault-truncated" -> faults = faults.withTruncated(Double.parseDouble(value));
                    case "--fault-dropped" -> faults = faults.withDropped(Double.parseDouble(value));
                    case "--fault-slow" -> pSlow = Double.parseDouble(value);
                    case "--fault-slow-delay" -> slowDelay = duration(value, Duration::ofMillis);
                    case "--fault-500" -> faults = faults.with500(Double.parseDouble(value));
                    case "--fault-502" -> faults = faults.with502(Double.parseDouble(value));
                    case "--fault-504" -> faults = faults.with504(Double.parseDouble(value));
                    case "--latency" -> {
                        String[] range = value.split("\\.\\.", 2);
                        Duration min = duration(range[0], Duration::ofMillis);
                        builder.latency(min, range.length == 2 ? duration(range[1], Duration::ofMillis) : min);
                    }
                    case "--max-response-bytes" -> builder.maxResponseBytes(Long.parseLong(value));
                    case "--extended-stats" -> builder.extendedStats(bool(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("bad value for " + flag + ": " + value);
            }
        }
        builder.faults(faults.with429(p429, retryAfter).withSlow(pSlow, slowDelay));
        return new SimulatorOptions(help, builder);
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new NumberFormatException("not true or false: " + value);
    }

    boolean help() {
        return help;
    }

    GenesysSimulator.Builder builder() {
        return builder;
    }

    /** An ISO-8601 duration, or a bare number in the given unit. */
    private static Duration duration(String value, LongFunction<Duration> unit) {
        if (value.matches("\\d+")) {
            return unit.apply(Long.parseLong(value));
        }
        return Duration.parse(value);
    }
}
