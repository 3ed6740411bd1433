package io.kcg.genesys.config;

import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.client.GenesysRegion;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connector's configuration: every key with its group, documentation, default and validator. Cross-key rules
 * (region or URL, granularity against window size, starts in the future) live in {@link ConfigValidation}, and the
 * per-query keys {@code query.<name>.*} in {@link QueryDefinitionParser}.
 */
public class GenesysSourceConfig extends AbstractConfig {
    public static final String CONNECTION_GROUP = "Connection";
    public static final String QUERIES_GROUP = "Queries";
    public static final String WINDOWS_GROUP = "Windows";
    public static final String OUTPUT_GROUP = "Output";
    public static final String RESTATEMENT_GROUP = "Restatement";

    public static final String REGION = "genesys.region";
    public static final String API_URL = "genesys.api.url";
    public static final String CLIENT_ID = "genesys.client.id";
    public static final String CLIENT_SECRET = "genesys.client.secret";
    public static final String RATE_LIMIT = "genesys.rate.limit.per.minute";
    public static final String CONNECT_TIMEOUT_MS = "genesys.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "genesys.request.timeout.ms";
    public static final String RETRY_AFTER_MAX_SECONDS = "genesys.retry.after.max.seconds";
    public static final String RETRY_MAX_ATTEMPTS = "genesys.retry.max.attempts";
    public static final String AUTH_RETRY_TIMEOUT_MS = "genesys.auth.retry.timeout.ms";

    public static final String QUERIES = "queries";

    public static final String WINDOW_MAX = "window.max";
    public static final String SETTLE_DELAY = "window.settle.delay";
    public static final String POLL_INTERVAL = "poll.interval";
    public static final String WINDOWS_IN_FLIGHT = "window.fetch.concurrency";

    public static final String OUTPUT_FORMAT = "output.format";
    public static final String DERIVED_KPIS = "derived.kpis.enabled";
    public static final String HEARTBEAT_TOPIC = "heartbeat.topic";

    public static final String RESTATEMENT_HORIZON = "restatement.horizon";
    public static final String RESTATEMENT_RECENT_LOOKBACK = "restatement.recent.lookback";
    public static final String RESTATEMENT_RECENT_INTERVAL = "restatement.recent.interval";
    public static final String RESTATEMENT_NIGHTLY_TIME = "restatement.nightly.time";
    /** Deprecated: {@link #RESTATEMENT_RECENT_LOOKBACK}, and {@code PT0S} turns restatement off. */
    public static final String RESTATEMENT_LOOKBACK = "restatement.lookback";
    /** Deprecated: {@link #RESTATEMENT_RECENT_INTERVAL}. */
    public static final String RESTATEMENT_INTERVAL = "restatement.interval";

    public static final ConfigDef CONFIG_DEF = buildConfigDef();

    public GenesysSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(REGION, Type.STRING, "", new RegionValidator(), Importance.HIGH,
                "The Genesys Cloud region of the org, by its SDK name (" + regionNames() + ") or its host "
                        + "(mypurecloud.ie, euw2.pure.cloud). The API host is https://api.<host> and the token host "
                        + "https://login.<host>. Set this or " + API_URL + ".",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "Region", new RegionRecommender());
        def.define(API_URL, Type.STRING, "", new ApiUrlValidator(), Importance.MEDIUM,
                "An explicit API base URL instead of a region, for proxies and the simulator, e.g. "
                        + "https://api.mypurecloud.com or http://127.0.0.1:8089. HTTPS is required except for loopback "
                        + "hosts. The token endpoint is derived as Genesys's SDKs do (api. becomes login.), or is the "
                        + "same base URL when the host does not start with api.",
                CONNECTION_GROUP, ++order, Width.LONG, "API base URL");
        def.define(CLIENT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "The OAuth client id of a client-credentials grant whose role has the permission "
                        + "analytics:conversationAggregate:view (or the permission of the endpoint queried).",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "OAuth client id");
        def.define(CLIENT_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyPassword(), Importance.HIGH,
                "The OAuth client secret. A password: the connector never logs it and validate() shows it as "
                        + "[hidden], but Kafka Connect returns an inline value as submitted from GET "
                        + "/connectors/<name>/config; keep it in a config provider (e.g. "
                        + "${file:/etc/kafka/genesys.properties:secret}) so only the placeholder is stored and shown.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "OAuth client secret");
        def.define(RATE_LIMIT, Type.INT, GenesysClientConfig.DEFAULT_REQUESTS_PER_MINUTE,
                ConfigDef.Range.between(1, 3000), Importance.MEDIUM,
                "Requests per minute this worker sends with this OAuth client, shared by all its tasks and "
                        + "connectors. Genesys allows about 300 per minute per client, shared with every other "
                        + "integration using the same client, hence the lower default. When Genesys's "
                        + "inin-ratelimit-allowed header says the client may send less, the connector paces at that.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Rate limit (requests/min)");
        def.define(CONNECT_TIMEOUT_MS, Type.LONG, GenesysClientConfig.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                ConfigDef.Range.between(100, 300_000), Importance.LOW,
                "Timeout in milliseconds to open a connection to Genesys.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(REQUEST_TIMEOUT_MS, Type.LONG, GenesysClientConfig.DEFAULT_REQUEST_TIMEOUT.toMillis(),
                ConfigDef.Range.between(1_000, 600_000), Importance.LOW,
                "Timeout in milliseconds for one request, from sending it to the last byte of the answer. A window "
                        + "whose requests keep timing out (or that Genesys answers 504) through the retries is too "
                        + "large for Genesys to answer in one request.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Request timeout (ms)");
        def.define(RETRY_AFTER_MAX_SECONDS, Type.INT, (int) GenesysClientConfig.DEFAULT_RETRY_AFTER_CAP.toSeconds(),
                ConfigDef.Range.between(1, 3600), Importance.LOW,
                "The longest Retry-After (seconds) of a 429 the connector waits out inside one poll, as Genesys's own "
                        + "SDK does (180). A longer one (a daily limit) fails the poll as retriable: the task tries "
                        + "again after that wait (an hour at most) without moving its offset.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Retry-After cap (s)");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, GenesysClientConfig.DEFAULT_MAX_RETRIES,
                ConfigDef.Range.between(0, 20), Importance.LOW,
                "How many times a request is retried after a 429, 500, 502, 503, 504 or 408, a timeout, a dropped "
                        + "connection or a truncated answer, with exponential backoff and jitter (or Genesys's "
                        + "Retry-After), before the poll fails as retriable.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Retries");
        def.define(AUTH_RETRY_TIMEOUT_MS, Type.LONG, GenesysClientConfig.DEFAULT_AUTH_RETRY_TIMEOUT.toMillis(),
                ConfigDef.Range.between(0, 3_600_000), Importance.LOW,
                "How long, in milliseconds, refused authentication is retried with backoff before the task fails: "
                        + "the token endpoint refusing the client id and secret, or the API refusing a token just "
                        + "issued. A blip at Genesys's login host passes without a restart; wrong or revoked "
                        + "credentials fail the task after this long, with Genesys's message.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Authentication retry timeout (ms)");

        order = 0;
        def.define(QUERIES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new QueryNamesValidator(), Importance.HIGH,
                "The names of the queries to run, comma-separated. Each name N is one source partition "
                        + "({\"query\":\"N\"}) and is configured by the keys query.N.endpoint, query.N.body, "
                        + "query.N.topic and query.N.start. Queries are spread over tasks.max tasks.",
                QUERIES_GROUP, ++order, Width.LONG, "Queries");

        order = 0;
        def.define(WINDOW_MAX, Type.STRING, "P1D", new SpanValidator("PT5M", "P366D"), Importance.MEDIUM,
                "The longest interval asked for in one request, as an ISO-8601 duration. Backfill goes in windows of "
                        + "this size; it must hold a whole number of the query's buckets (P1D for sub-day and daily "
                        + "granularities, P7D for weekly, P1M for monthly). Larger windows mean fewer requests and "
                        + "larger answers.",
                WINDOWS_GROUP, ++order, Width.SHORT, "Longest window");
        def.define(SETTLE_DELAY, Type.STRING, "PT15M", new SpanValidator("PT0S", "P7D"), Importance.MEDIUM,
                "How long after a bucket ends before it is first fetched, as an ISO-8601 duration. Genesys posts "
                        + "metrics when they are emitted (handle time when handling ends), so a bucket keeps "
                        + "changing after it closes; later changes are caught by the recent restatement pass.",
                WINDOWS_GROUP, ++order, Width.SHORT, "Settle delay");
        def.define(POLL_INTERVAL, Type.STRING, "PT1M", new SpanValidator("PT1S", "PT24H"), Importance.LOW,
                "How often a query that has caught up checks whether its next bucket has settled.",
                WINDOWS_GROUP, ++order, Width.SHORT, "Poll interval");
        def.define(WINDOWS_IN_FLIGHT, Type.INT, 4, ConfigDef.Range.between(1, 32), Importance.LOW,
                "How many windows a task requests at once during a backfill. Genesys takes a second or more per "
                        + "answer, so one request at a time reaches only about 30 a minute; a few in flight let a task "
                        + "use its share of " + RATE_LIMIT + ". Records are still emitted and offsets committed in "
                        + "window order; a task holds at most this many windows' records besides the one being sent.",
                WINDOWS_GROUP, ++order, Width.SHORT, "Windows in flight per task");

        order = 0;
        def.define(OUTPUT_FORMAT, Type.STRING, OutputFormat.WIDE.configValue(),
                ConfigDef.CaseInsensitiveValidString.in("wide", "long"), Importance.MEDIUM,
                "wide: one record per (query, bucket, group) with a field per metric and stat (t_handle_sum). "
                        + "long: one record per (query, bucket, group, metric, qualifier) with a field per stat. "
                        + "Both have string keys that are never null and snake_case names (docs/records.md).",
                OUTPUT_GROUP, ++order, Width.SHORT, "Output format");
        def.define(DERIVED_KPIS, Type.BOOLEAN, true, Importance.LOW,
                "Add derived KPIs to wide records when the query asks for their inputs: avg_handle_ms, avg_talk_ms, "
                        + "avg_hold_ms, avg_acw_ms, avg_answer_ms, avg_abandon_ms, abandon_rate and service_level.",
                OUTPUT_GROUP, ++order, Width.SHORT, "Derived KPIs");
        def.define(HEARTBEAT_TOPIC, Type.STRING, "genesys.heartbeats", new ConfigDef.NonEmptyString(),
                Importance.LOW,
                "The topic of heartbeat records, which carry a query's position: one for every window that "
                        + "returned no data, so that the offset of a quiet query still advances (as Debezium's "
                        + "heartbeats do), and with restatement on one as soon as a window's records are all written "
                        + "(the watermark is now the heartbeat's window end).",
                OUTPUT_GROUP, ++order, Width.MEDIUM, "Heartbeat topic");

        order = 0;
        def.define(RESTATEMENT_HORIZON, Type.STRING, "P14D", new SpanValidator("PT0S", "P92D"), Importance.MEDIUM,
                "How far back the connector follows Genesys's restatements, as an ISO-8601 duration; PT0S turns "
                        + "restatement off (every bucket is then emitted once). Genesys keeps changing closed "
                        + "buckets: metrics post when they are emitted, and a nightly job restates data 48 hours and "
                        + "older with no documented upper bound. Every bucket emitted inside the horizon is "
                        + "remembered (a digest per group, in a source partition of its own) and fetched again by "
                        + "the recent and nightly passes; a group whose numbers changed is emitted again with the same "
                        + "key and revision+1, a group that vanished gets a tombstone. See docs/restatement.md.",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Horizon");
        def.define(RESTATEMENT_RECENT_LOOKBACK, Type.STRING, "P1D", new SpanValidator("PT0S", "P31D"),
                Importance.MEDIUM,
                "The recent past fetched again every " + RESTATEMENT_RECENT_INTERVAL + ", as an ISO-8601 "
                        + "duration back from now, for metrics that post late (a bucket keeps growing for a while "
                        + "after it closes). At most " + RESTATEMENT_HORIZON + " and longer than "
                        + SETTLE_DELAY + "; PT0S leaves the recent past to the nightly pass.",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Recent lookback");
        def.define(RESTATEMENT_RECENT_INTERVAL, Type.STRING, "PT1H", new SpanValidator("PT1M", "P7D"), Importance.LOW,
                "How often the recent past is fetched again, as an ISO-8601 duration. Each recent pass costs about "
                        + RESTATEMENT_RECENT_LOOKBACK + " / " + WINDOW_MAX + " requests per query (rounded up).",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Recent interval");
        def.define(RESTATEMENT_NIGHTLY_TIME, Type.STRING, "04:00", new NightlyTimeValidator(), Importance.LOW,
                "The local time (HH:MM, in each query's timeZone) after which, once a day, the whole horizon is "
                        + "fetched again, to catch what Genesys's nightly job restated; none turns the nightly pass "
                        + "off. Each nightly pass costs about " + RESTATEMENT_HORIZON + " / " + WINDOW_MAX
                        + " requests per query. A pass missed while the connector was stopped runs when it starts.",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Nightly pass time");
        def.define(RESTATEMENT_LOOKBACK, Type.STRING, null, new SpanValidator("PT0S", "P31D").orNull(),
                Importance.LOW,
                "Deprecated: use " + RESTATEMENT_RECENT_LOOKBACK + " (and " + RESTATEMENT_HORIZON + "=PT0S to turn "
                        + "restatement off). When set, it is the recent lookback, and PT0S still turns restatement "
                        + "off; it cannot be set together with the key that replaces it.",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Lookback (deprecated)");
        def.define(RESTATEMENT_INTERVAL, Type.STRING, null, new SpanValidator("PT1M", "P7D").orNull(), Importance.LOW,
                "Deprecated: use " + RESTATEMENT_RECENT_INTERVAL + ". When set, it is the recent interval; it cannot "
                        + "be set together with the key that replaces it.",
                RESTATEMENT_GROUP, ++order, Width.SHORT, "Lookback interval (deprecated)");

        return def;
    }

    private static String regionNames() {
        return Arrays.stream(GenesysRegion.values()).map(GenesysRegion::name).collect(Collectors.joining(", "));
    }

    public Password clientSecret() {
        return getPassword(CLIENT_SECRET);
    }

    public List<String> queryNames() {
        return getList(QUERIES);
    }

    /**
     * The queries, parsed and checked; throws ConfigException listing every problem (validate() reports the same
     * problems key by key before a config gets here).
     */
    public List<QueryDefinition> queries() {
        QueryDefinitionParser.Result result = QueryDefinitionParser.parse(queryNames(), originalsStrings());
        if (!result.ok()) {
            throw new ConfigException(result.errors().values().stream().flatMap(List::stream)
                    .collect(Collectors.joining("; ")));
        }
        return result.queries();
    }

    public IsoSpan windowMax() {
        return IsoSpan.parse(getString(WINDOW_MAX));
    }

    public Duration settleDelay() {
        return toDuration(getString(SETTLE_DELAY));
    }

    public int windowsInFlight() {
        return getInt(WINDOWS_IN_FLIGHT);
    }

    public Duration pollInterval() {
        return toDuration(getString(POLL_INTERVAL));
    }

    /** The restatement settings, the deprecated keys mapped onto the new ones. */
    public RestatementSettings restatement() {
        return RestatementSettings.of(originalsStrings());
    }

    public OutputFormat outputFormat() {
        return OutputFormat.of(getString(OUTPUT_FORMAT));
    }

    public boolean derivedKpis() {
        return getBoolean(DERIVED_KPIS);
    }

    public String heartbeatTopic() {
        return getString(HEARTBEAT_TOPIC).trim();
    }

    /** The API base: the explicit URL when set, else the region's. */
    public URI apiBase() {
        return apiBase(this);
    }

    /** The API base of any config that has the connection keys (this connector's, or the directory source's). */
    public static URI apiBase(AbstractConfig config) {
        String url = config.getString(API_URL).trim();
        if (!url.isEmpty()) {
            return URI.create(url);
        }
        return GenesysRegion.fromName(config.getString(REGION)).apiBase();
    }

    /** Spans used as plain waits: a calendar span counts its days as 24 h. */
    static Duration toDuration(String text) {
        IsoSpan span = IsoSpan.parse(text);
        return span.isCalendarBased() ? Duration.ofSeconds(span.nominalSeconds()) : span.duration();
    }

    private static final class RegionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                GenesysRegion.fromName(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "unknown region; allowed: " + regionNames());
            }
        }

        @Override
        public String toString() {
            return "one of " + regionNames();
        }
    }

    private static final class RegionRecommender implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return Arrays.stream(GenesysRegion.values()).<Object>map(GenesysRegion::name).collect(Collectors.toList());
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }

    private static final class ApiUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            String problem = ApiUrls.problem(text);
            if (problem != null) {
                // Not ConfigException(name, value, ...): that echoes the value, and a URL may carry a password.
                throw new ConfigException(name + ": " + problem);
            }
        }

        @Override
        public String toString() {
            return "an https URL, or http on a loopback host";
        }
    }

    private static final class NightlyTimeValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                RestatementSettings.nightlyTime(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a local time HH:MM, or none";
        }
    }

    private static final class NonEmptyPassword implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((Password) value).value().isEmpty()) {
                // Never echo the value: ConfigException(name, value, ...) would print it.
                throw new ConfigException(name + " must not be empty");
            }
        }

        @Override
        public String toString() {
            return "non-empty";
        }
    }

    private static final class QueryNamesValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            List<String> problems = QueryDefinitionParser.checkNames((List<String>) value);
            if (!problems.isEmpty()) {
                throw new ConfigException(name, value, String.join("; ", problems));
            }
        }

        @Override
        public String toString() {
            return "unique names of letters, digits, '_' or '-'";
        }
    }
}
