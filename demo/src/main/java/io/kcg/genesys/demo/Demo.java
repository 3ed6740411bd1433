package io.kcg.genesys.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kcg.genesys.simulator.GenesysSimulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo, step by step: check ports and credentials, start the simulator (or use the real Genesys Cloud), a KRaft
 * broker (or an existing Kafka) and a standalone Connect worker that loads the packaged plugin; create the connector
 * from {@code config/}; follow the backfill; print the report and write the HTML page; then stop everything in
 * order, or keep following with --follow until Ctrl-C.
 */
final class Demo {
    static final String REPORT_FILE = "genesys-report.html";
    static final String DIRECTORY_CONFIG = "config/directory.json";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DemoOptions options;
    private final PrintStream out;
    private final boolean terminal;
    /** What is running, last started first: stopped in that order (worker before broker before simulator). */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch mainDone = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile TopicFollower follower;

    Demo(DemoOptions options, PrintStream out, boolean terminal) {
        this.options = options;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs the demo; returns the exit code. Throws DemoException with a message for the user. */
    int run() throws Exception {
        try {
            return runSteps();
        } finally {
            closeFollower();
            mainDone.countDown();
        }
    }

    private void closeFollower() {
        TopicFollower f = follower;
        follower = null;
        if (f != null) {
            f.close();
        }
    }

    private int runSteps() throws Exception {
        PackagedPlugin plugin = PackagedPlugin.find(options.pluginPath());
        ConnectorConfigFile file = ConnectorConfigFile.load(options.connectorConfig());
        String query = file.firstQuery();
        checkPorts();
        WarehouseSink sink = null;
        if (options.landsInPostgres()) {
            sink = new WarehouseSink(options.postgres(), "genesys-postgres-sink", file.topic());
            checkSinkPlugin();
            sink.checkReachable();
        }

        Map<String, String> config = new LinkedHashMap<>(file.config());
        GenesysLogin login;
        String source;
        if (options.usesSimulator()) {
            GenesysSimulator sim = started(GenesysSimulator.builder().seed(42L).queues(options.queues())
                    .systemClock().port(options.simulatorPort()).build().start());
            config.put("genesys.api.url", sim.baseUrl());
            config.remove("genesys.region");
            config.put("genesys.client.id", sim.clientId());
            config.put("genesys.client.secret", sim.clientSecret());
            login = new GenesysLogin(URI.create(sim.baseUrl()), sim.clientId(), sim.clientSecret());
            source = "the Genesys Cloud simulator at " + sim.baseUrl() + " (" + options.queues()
                    + " queues, real-time clock)";
        } else {
            DemoOptions.GenesysAccount account = options.account();
            URI apiBase;
            URI loginBase;
            if (account.apiUrl() != null) {
                apiBase = URI.create(account.apiUrl());
                loginBase = plugin.loginBaseFor(apiBase);
                config.put("genesys.api.url", account.apiUrl());
                config.remove("genesys.region");
            } else {
                URI[] bases = plugin.regionBases(account.region());
                apiBase = bases[0];
                loginBase = bases[1];
                config.put("genesys.region", account.region());
                config.remove("genesys.api.url");
            }
            config.put("genesys.client.id", account.clientId());
            config.put("genesys.client.secret", account.clientSecret());
            login = new GenesysLogin(loginBase, account.clientId(), account.clientSecret());
            source = "Genesys Cloud at " + apiBase;
        }
        step("Data source: " + source);
        login.checkCredentials();

        String bootstrap = options.bootstrapServers();
        if (options.startsKafka()) {
            long t0 = System.nanoTime();
            KraftBroker broker = started(KraftBroker.start(options.workDir().resolve("kafka"), options.kafkaPort(),
                    options.controllerPort()));
            bootstrap = broker.bootstrapServers();
            step("Kafka broker (KRaft, broker+controller) on " + bootstrap + ", up in " + seconds(t0));
        } else {
            step("Kafka: using " + bootstrap);
        }

        long t1 = System.nanoTime();
        List<Path> pluginPaths = sink == null ? List.of(plugin.pluginPath())
                : List.of(plugin.pluginPath(), options.sinkPluginPath());
        StandaloneWorker worker = started(StandaloneWorker.start(bootstrap, options.connectPort(), pluginPaths,
                options.workDir().resolve("connect.offsets")));
        ConnectRest rest = new ConnectRest(worker.restUrl());
        String version = rest.pluginVersion(PackagedPlugin.CONNECTOR_CLASS);
        if (version == null) {
            throw new DemoException(DemoException.ENVIRONMENT, "the Connect worker did not find "
                    + PackagedPlugin.CONNECTOR_CLASS + " in plugin.path " + plugin.pluginPath()
                    + " (see demo.log in " + options.workDir() + ")");
        }
        step("Kafka Connect worker (standalone) at " + worker.restUrl() + ", up in " + seconds(t1)
                + "; plugin kafka-connect-genesys " + version + " loaded from plugin.path " + plugin.pluginPath());

        Duration bucket = file.granularity();
        Instant now = Instant.now();
        Instant from = floor(now.minus(Duration.ofDays(options.days())), bucket);
        Instant target = floor(now.minus(file.settleDelay()), bucket);
        config.put("query." + query + ".start", from.toString());
        // Connect promotes a source task's acknowledged offsets between two poll() calls, and a caught-up task
        // waits up to poll.interval inside poll(): a short one keeps the watermark on the progress line current.
        config.put("poll.interval", "PT2S");
        if (sink != null) {
            // The sink creates its table from the records' schemas: JSON with schemas for this connector's records.
            for (String side : List.of("key", "value")) {
                config.put(side + ".converter", WarehouseSink.JSON_CONVERTER);
                config.put(side + ".converter.schemas.enable", "true");
            }
        }
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", file.name());
        List<String> problems = rest.validate(PackagedPlugin.CONNECTOR_CLASS, withName);
        if (!problems.isEmpty()) {
            throw new DemoException(DemoException.USAGE, "the connector rejects the config "
                    + options.connectorConfig() + ":\n  " + String.join("\n  ", problems));
        }
        Instant since = Instant.now();
        rest.create(file.name(), config);
        step("Connector " + file.name() + " created from " + options.repoRoot().relativize(options.connectorConfig())
                + ": query " + query + " -> topic " + file.topic() + ", backfilling " + MINUTE.format(from) + " to "
                + MINUTE.format(target) + " (settle delay " + file.settleDelay().toMinutes() + " min)");

        DirectorySource directory = startDirectory(rest, config);
        StreamsRollup rollup = null;
        if (options.rollup()) {
            // Started now, it adds up the buckets while the backfill writes them: its rows are ready by the report.
            String queuesTopic = directory == null ? "genesys.directory.queues" : directory.topic("queues");
            rollup = started(StreamsRollup.start(bootstrap, options.workDir().resolve("streams"), file.topic(),
                    queuesTopic));
            step("Kafka Streams daily rollup (examples/streams) started: " + file.topic() + " + " + queuesTopic
                    + " -> " + rollup.outputTopic() + " (--no-rollup skips it)");
        }
        if (sink != null) {
            String sinkVersion = rest.pluginVersion(WarehouseSink.CONNECTOR_CLASS);
            if (sinkVersion == null) {
                throw new DemoException(DemoException.ENVIRONMENT, "the Connect worker did not find "
                        + WarehouseSink.CONNECTOR_CLASS + " in plugin.path " + options.sinkPluginPath()
                        + " (see demo.log in " + options.workDir() + ")");
            }
            rest.create(sink.name(), sink.config(options.sinkConfig()));
            step("Sink " + sink.name() + " (Debezium JDBC sink " + sinkVersion + ") created from "
                    + options.repoRoot().relativize(options.sinkConfig()) + ": topic " + file.topic() + " -> table "
                    + sink.table() + " in " + options.postgres().display());
        }

        BucketStore store = new BucketStore();
        follower = new TopicFollower(bootstrap, file.topic(), file.heartbeatTopic(), since, store);
        int windowsExpected = (int) Math.max(1, divideRoundingUp(Duration.between(from, target), file.windowMax()));
        Instant watermark = followBackfill(rest, file.name(), query, windowsExpected, target);
        if (watermark == null) {
            return 130; // stopped by Ctrl-C
        }

        Map<String, String> queueNames = directory == null ? Map.of() : directoryNames(rest, directory, bootstrap);
        DailyReport report;
        if (sink == null) {
            report = writeReports(store.all(), "Kafka", queueNames, from, target, source, true);
        } else {
            WarehouseSink landed = sink;
            if (!sink.awaitCaughtUp(bootstrap, 120_000, () -> failIfSinkFailed(rest.status(landed.name())))) {
                throw new DemoException(DemoException.RUN, "the JDBC sink did not write every record to "
                        + sink.table() + " within 2 minutes (see demo.log in " + options.workDir() + ")");
            }
            report = writeReports(sink.buckets(from, target), "PostgreSQL, table " + sink.table(), queueNames, from,
                    target, source, true);
            step("The same report in SQL: psql '" + options.postgres().display()
                    + "' -f examples/sql/daily-queue-report.sql");
        }
        if (rollup != null && !showRollup(rollup, report)) {
            return 130; // stopped by Ctrl-C
        }
        Path html = htmlFile();
        MetricsBlock.render(file.name()).forEach(out::println);
        if (!options.follow()) {
            closeFollower();
            stopAll();
            step("Done: everything stopped. The HTML report is " + html.toUri());
            return 0;
        }
        step("Following live (--follow): a new 30-minute bucket is fetched " + file.settleDelay().toMinutes()
                + " min after it ends. Ctrl-C stops everything.");
        followLive(rest, file.name(), store, queueNames, from, source);
        return 130;
    }

    /** The directory source as the demo created it: its name, kinds and topic prefix. */
    private record DirectorySource(String name, List<String> kinds, String topicPrefix) {
        String topic(String kind) {
            return topicPrefix + kind;
        }
    }

    /**
     * Creates the directory source from {@code config/directory.json}, with the connection keys of the aggregates
     * connector. Against a real org it lists queues only: the report needs their names, and routing:queue:view is
     * the one permission it asks for. Null (with a note) when the file is missing.
     */
    private DirectorySource startDirectory(ConnectRest rest, Map<String, String> aggregates) {
        Path file = options.repoRoot().resolve(DIRECTORY_CONFIG);
        if (!Files.isRegularFile(file)) {
            step("No " + DIRECTORY_CONFIG + ": the report shows queue ids instead of names");
            return null;
        }
        ConnectorConfigFile directory = ConnectorConfigFile.loadAny(file);
        Map<String, String> config = new LinkedHashMap<>(directory.config());
        for (String key : List.of("genesys.api.url", "genesys.region", "genesys.client.id", "genesys.client.secret")) {
            config.remove(key);
            if (aggregates.containsKey(key)) {
                config.put(key, aggregates.get(key));
            }
        }
        if (!options.usesSimulator()) {
            config.put("directory.kinds", "queues");
        }
        List<String> kinds = List.of(config.getOrDefault("directory.kinds", "queues").split("\\s*,\\s*"));
        String prefix = config.getOrDefault("directory.topic.prefix", "genesys.directory.");
        rest.create(directory.name(), config);
        step("Connector " + directory.name() + " created from " + DIRECTORY_CONFIG + ": the directory ("
                + String.join(", ", kinds) + ") -> compacted topics " + prefix + "<kind>; the report's queue names "
                + "come from " + prefix + "queues");
        return new DirectorySource(directory.name(), kinds, prefix);
    }

    /**
     * Waits (briefly: the first listing is done long before the backfill) until the directory source has listed each
     * kind, prints what its topics hold, and returns the queue names of its queues topic. A failed directory task
     * (a missing permission, say) is reported and the report shows ids.
     */
    private Map<String, String> directoryNames(ConnectRest rest, DirectorySource directory, String bootstrap) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!stopRequested && System.nanoTime() < deadline) {
            JsonNode status = rest.status(directory.name());
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    step("The directory source failed, so the report shows queue ids: "
                            + FailureExplainer.explain(task.path("trace").asText("")));
                    return Map.of();
                }
            }
            Set<String> listed = new HashSet<>();
            rest.offsetPartitions(directory.name()).forEach(p -> listed.add(p.path("directory").asText()));
            if (listed.containsAll(directory.kinds())) {
                break;
            }
            sleep(Duration.ofMillis(300));
        }
        StringBuilder counts = new StringBuilder();
        Map<String, String> names = Map.of();
        for (String kind : directory.kinds()) {
            Map<String, JsonNode> entities = DirectoryTopics.read(bootstrap, directory.topic(kind));
            counts.append(counts.length() == 0 ? "" : ", ").append(directory.topic(kind)).append(' ')
                    .append(entities.size());
            if (kind.equals("queues")) {
                names = DirectoryTopics.queueNames(entities);
            }
        }
        step("Directory topics (entities, read back from Kafka): " + counts);
        return names;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls the topic and the Connect REST API until the watermark reaches {@code target}; null when stopped. */
    private Instant followBackfill(ConnectRest rest, String connector, String query, int windowsExpected,
                                   Instant target) {
        ProgressLine progress = new ProgressLine(out, terminal);
        Instant watermark = null;
        long lastStatus = 0;
        while (!stopRequested) {
            if (!follower.poll(Duration.ofMillis(500))) {
                break;
            }
            if (System.currentTimeMillis() - lastStatus > 1000) {
                lastStatus = System.currentTimeMillis();
                failIfFailed(rest.status(connector));
                watermark = rest.watermark(connector, query);
            }
            progress.update(follower.windows(), windowsExpected, follower.records(), watermark, target);
            if (watermark != null && !watermark.isBefore(target) && follower.caughtUp()) {
                progress.finish(follower.windows(), windowsExpected, follower.records(), watermark, target);
                return watermark;
            }
        }
        if (terminal) {
            out.println();
        }
        return null;
    }

    private void followLive(ConnectRest rest, String connector, BucketStore store,
                            Map<String, String> queueNames, Instant from, String source) {
        Instant shown = store.latestEnd();
        long lastStatus = 0;
        while (!stopRequested && follower.poll(Duration.ofSeconds(1))) {
            if (System.currentTimeMillis() - lastStatus > 5000) {
                lastStatus = System.currentTimeMillis();
                failIfFailed(rest.status(connector));
            }
            Instant latest = store.latestEnd();
            if (latest != null && (shown == null || latest.isAfter(shown))) {
                List<Bucket> fresh = store.all().stream().filter(b -> b.end().equals(latest)).toList();
                Totals totals = new Totals();
                fresh.forEach(totals::add);
                // The offset of this window is committed a moment after its records: the bucket's end is the news.
                out.printf(Locale.ROOT, "%s  bucket %s-%s: offered %,d, answered %,d, abandon %s, SL %s "
                                + "(%d records)%n", MINUTE.format(Instant.now()),
                        MINUTE.format(latest.minus(Duration.ofMinutes(30))), MINUTE.format(latest).substring(11),
                        totals.offered, totals.answered, Totals.percent(totals.abandonRate()),
                        Totals.percent(totals.serviceLevel()), fresh.size());
                shown = latest;
                writeReports(store.all(), "Kafka", queueNames, from, latest, source, false);
                MetricsBlock.render(connector).forEach(out::println);
            }
        }
    }

    /**
     * Reads the rollup's output topic until it holds a row of every whole day, queue and media type of the report made
     * of as many buckets, prints a few rows beside the report, and fails the run when its offered or answered differ
     * from the report's. False when stopped by Ctrl-C.
     */
    private boolean showRollup(StreamsRollup rollup, DailyReport report) {
        RollupCheck check = new RollupCheck(report);
        if (!check.hasWholeDays()) {
            step("Kafka Streams daily rollup: the backfill holds no whole day (UTC) to compare; see topic "
                    + rollup.outputTopic());
            return true;
        }
        long t0 = System.nanoTime();
        Map<RollupRow.Key, RollupRow> rows = rollup.read(Duration.ofSeconds(60), check::complete, () -> stopRequested);
        if (stopRequested) {
            return false;
        }
        List<String> differences = check.differences(rows);
        if (!differences.isEmpty()) {
            String why = rollup.failed() ? "the Kafka Streams application failed (see demo.log in " + options.workDir()
                    + ")" : check.complete(rows) ? "its figures differ from the report's"
                    : "it did not hold every whole day within 60 s";
            if (!options.startsKafka() && !check.complete(rows)) {
                // The application runs exactly once: Kafka's transactions must be available on the given cluster.
                why += " (a single-broker Kafka needs transaction.state.log.replication.factor=1 and "
                        + "transaction.state.log.min.isr=1; --no-rollup skips the rollup)";
            }
            throw new DemoException(DemoException.RUN, "the Kafka Streams daily rollup (topic " + rollup.outputTopic()
                    + ") does not match the report: " + why + "; " + differences.size() + " of " + check.rows()
                    + " day/queue/media rows differ, e.g.\n  " + String.join("\n  ",
                    differences.subList(0, Math.min(5, differences.size()))));
        }
        out.println("Kafka Streams daily rollup (topic " + rollup.outputTopic() + "), the last whole day:");
        out.print(check.render(rows, report, 10));
        step(String.format(Locale.ROOT, "The rollup equals the report: offered and answered of %d rows (%d whole "
                + "days x queue x media type), read back in %s", check.rows(), check.days(), seconds(t0)));
        return true;
    }

    private Path htmlFile() {
        return options.workDir().resolve(REPORT_FILE).toAbsolutePath();
    }

    /** Prints the report of {@code buckets} (read back from {@code readFrom}), writes the HTML page; the report. */
    private DailyReport writeReports(List<Bucket> buckets, String readFrom, Map<String, String> queueNames, Instant from,
                              Instant to, String source, boolean print) {
        DailyReport report = DailyReport.of(buckets, queueNames, from, to);
        if (print) {
            out.println();
            out.println("Queue report, " + MINUTE.format(from) + " to " + MINUTE.format(to) + ", from " + source
                    + " (" + buckets.size() + " buckets of 30 minutes read back from " + readFrom + ")");
            out.print(report.render());
            out.println();
        }
        Path html = htmlFile();
        String page = HtmlReport.render("Genesys Cloud queue report",
                MINUTE.format(from) + " to " + MINUTE.format(to) + ", from " + source
                        + "; written by the kafka-connect-genesys demo", buckets, report, from, to);
        try {
            Files.writeString(html, page);
        } catch (IOException e) {
            throw new DemoException(DemoException.RUN, "cannot write " + html + ": " + e.getMessage());
        }
        if (print) {
            step("HTML report with charts: " + html + "  (open " + html.toUri() + ")");
        }
        return report;
    }

    /** A FAILED connector or task ends the demo with the reason, in Genesys terms where it can tell. */
    private static void failIfFailed(JsonNode status) {
        String trace = null;
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            trace = status.path("connector").path("trace").asText("");
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                trace = task.path("trace").asText("");
            }
        }
        if (trace != null) {
            throw new DemoException(DemoException.GENESYS, FailureExplainer.explain(trace));
        }
    }

    /** A FAILED sink ends the demo with its first line: the cause of a failed write is in the worker's log. */
    private void failIfSinkFailed(JsonNode status) {
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                String first = task.path("trace").asText("").lines().findFirst().orElse("");
                throw new DemoException(DemoException.RUN, "the JDBC sink's task failed: " + first + "\nThe cause "
                        + "(e.g. 'Table creation failed', a PostgreSQL ERROR) is in demo.log in " + options.workDir());
            }
        }
    }

    private void checkSinkPlugin() {
        Path dir = options.sinkPluginPath().resolve("debezium-connector-jdbc");
        boolean unpacked;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            unpacked = files.anyMatch(f -> f.getFileName().toString().startsWith("debezium-connector-jdbc-"));
        } catch (IOException e) {
            unpacked = false;
        }
        if (!unpacked) {
            throw new DemoException(DemoException.ENVIRONMENT, "Debezium's JDBC sink is not in " + dir
                    + ": ./demo.sh --postgres builds it, or run mvn -q -Dmaven.test.skip=true -pl demo package "
                    + "-Pwarehouse");
        }
    }

    private void checkPorts() {
        Ports ports = new Ports();
        if (options.startsKafka()) {
            ports.need(options.kafkaPort(), "Kafka broker", "--kafka-port")
                    .need(options.controllerPort(), "Kafka controller", "--controller-port");
        }
        ports.need(options.connectPort(), "Connect REST API", "--connect-port");
        if (options.usesSimulator()) {
            ports.need(options.simulatorPort(), "Genesys Cloud simulator", "--simulator-port");
        }
        ports.checkFree();
    }

    /** Called by the shutdown hook (Ctrl-C): lets the main loop finish, then stops everything in order. */
    void interrupt() {
        stopRequested = true;
        TopicFollower f = follower;
        if (f != null) {
            f.wakeup();
        }
        try {
            mainDone.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopAll()) {
            out.println("Stopped: the worker, the broker and the simulator are shut down; their ports are free.");
        }
    }

    /** Stops what runs, last started first. True when something was running. */
    synchronized boolean stopAll() {
        boolean any = !running.isEmpty();
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            } catch (Exception e) {
                out.println("demo: while stopping " + next.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return any;
    }

    private synchronized <T extends AutoCloseable> T started(T resource) {
        running.push(resource);
        return resource;
    }

    private void step(String text) {
        out.println("==> " + text);
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static Instant floor(Instant instant, Duration bucket) {
        long size = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
    }

    private static long divideRoundingUp(Duration span, Duration step) {
        long s = Math.max(1, step.toMillis());
        return (span.toMillis() + s - 1) / s;
    }

    /** Empties the work directory of the previous run (its broker data and offsets), keeping nothing else there. */
    static void cleanWorkDir(Path workDir) throws IOException {
        if (Files.exists(workDir)) {
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(workDir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(workDir);
    }
}
