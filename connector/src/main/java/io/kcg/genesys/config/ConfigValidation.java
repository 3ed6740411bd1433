package io.kcg.genesys.config;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that span several keys, run by the connector's {@code validate()} after the per-key validators. Each
 * error is attached to the key a user has to change.
 */
public final class ConfigValidation {
    /** The most buckets a query's restatement horizon may hold: each is an offset the worker keeps in memory. */
    public static final int MAX_HORIZON_BUCKETS = 10_000;

    private ConfigValidation() {
    }

    /** Adds cross-key errors to {@code config} (which holds the per-key results) and returns it. */
    public static Config validate(Map<String, String> props, Config config, Instant now) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : config.configValues()) {
            values.put(value.name(), value);
        }
        List<ConfigValue> extra = new ArrayList<>();

        checkRegionOrUrl(values, extra, props);

        RestatementSettings restatement = checkRestatement(values, extra, props);
        checkHeartbeatTopic(values, extra, props);
        checkClockClass(values, extra, props);

        if (!hasErrors(values.get(GenesysSourceConfig.QUERIES))) {
            List<String> names = namesOf(props.get(GenesysSourceConfig.QUERIES));
            QueryDefinitionParser.Result result = QueryDefinitionParser.parse(names, props);
            result.errors().forEach((key, messages) -> messages.forEach(m -> addError(values, extra, props, key, m)));
            IsoSpan windowMax = windowMaxOrNull(values, props);
            if (restatement != null && windowMax != null) {
                checkRestatementCost(result.queries(), windowMax, restatement, values, extra, props);
            }
            for (QueryDefinition query : result.queries()) {
                checkQueryAgainstWindows(query, windowMax, now, values, extra, props);
                if (query.topic().equals(valueOf(values, props, GenesysSourceConfig.HEARTBEAT_TOPIC).trim())) {
                    addError(values, extra, props, GenesysSourceConfig.HEARTBEAT_TOPIC, GenesysSourceConfig.HEARTBEAT_TOPIC
                            + ": '" + query.topic() + "' is also the topic of query " + query.name()
                            + "; heartbeats need a topic of their own");
                }
            }
        }

        List<ConfigValue> all = new ArrayList<>(values.values());
        all.addAll(extra);
        return new Config(all);
    }

    /**
     * The cross-key checks of the connection keys alone, for the directory source, whose config shares them: adds
     * the errors to {@code config} and returns it.
     */
    public static Config validateConnection(Map<String, String> props, Config config) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : config.configValues()) {
            values.put(value.name(), value);
        }
        List<ConfigValue> extra = new ArrayList<>();
        checkRegionOrUrl(values, extra, props);
        List<ConfigValue> all = new ArrayList<>(values.values());
        all.addAll(extra);
        return new Config(all);
    }

    /** Exactly one of the region and the explicit API URL. */
    private static void checkRegionOrUrl(Map<String, ConfigValue> values, List<ConfigValue> extra,
                                         Map<String, String> props) {
        String region = props.getOrDefault(GenesysSourceConfig.REGION, "").trim();
        String apiUrl = props.getOrDefault(GenesysSourceConfig.API_URL, "").trim();
        if (region.isEmpty() && apiUrl.isEmpty()) {
            addError(values, extra, props, GenesysSourceConfig.REGION, GenesysSourceConfig.REGION + ": set the region "
                    + "of the org (e.g. us_east_1, eu_west_1) or " + GenesysSourceConfig.API_URL);
        } else if (!region.isEmpty() && !apiUrl.isEmpty()) {
            addError(values, extra, props, GenesysSourceConfig.API_URL, GenesysSourceConfig.API_URL + ": set either "
                    + GenesysSourceConfig.REGION + " or " + GenesysSourceConfig.API_URL + ", not both");
        }
    }

    /** Connect would only fail to create the topic once the task runs. */
    private static void checkHeartbeatTopic(Map<String, ConfigValue> values, List<ConfigValue> extra,
                                            Map<String, String> props) {
        String topic = valueOf(values, props, GenesysSourceConfig.HEARTBEAT_TOPIC).trim();
        if (!hasErrors(values.get(GenesysSourceConfig.HEARTBEAT_TOPIC)) && !topic.isEmpty()
                && !QueryDefinitionParser.isTopicName(topic)) {
            addError(values, extra, props, GenesysSourceConfig.HEARTBEAT_TOPIC, GenesysSourceConfig.HEARTBEAT_TOPIC
                    + ": topic '" + topic + "' must be 1-249 letters, digits, '.', '_' or '-'");
        }
    }

    /** The internal testing clock: refused where the worker does not allow it, checked where it does. */
    private static void checkClockClass(Map<String, ConfigValue> values, List<ConfigValue> extra,
                                        Map<String, String> props) {
        String name = props.getOrDefault(TestingClock.CLOCK_CLASS, "").trim();
        String problem = name.isEmpty() ? null : TestingClock.problem(name);
        if (problem != null) {
            addError(values, extra, props, TestingClock.CLOCK_CLASS, problem);
        }
    }

    /**
     * The restatement keys together: a deprecated key is not set with its replacement, the recent lookback is longer
     * than the settle delay (else it re-polls nothing that was not just fetched) and not longer than the horizon.
     * Returns the settings when they are sound, else null.
     */
    private static RestatementSettings checkRestatement(Map<String, ConfigValue> values, List<ConfigValue> extra,
                                                        Map<String, String> props) {
        for (String key : List.of(GenesysSourceConfig.RESTATEMENT_HORIZON, GenesysSourceConfig.RESTATEMENT_RECENT_LOOKBACK,
                GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL, GenesysSourceConfig.RESTATEMENT_NIGHTLY_TIME,
                GenesysSourceConfig.RESTATEMENT_LOOKBACK, GenesysSourceConfig.RESTATEMENT_INTERVAL,
                GenesysSourceConfig.SETTLE_DELAY)) {
            if (hasErrors(values.get(key))) {
                return null;
            }
        }
        String conflict = RestatementSettings.conflict(props);
        if (conflict != null) {
            String key = props.get(GenesysSourceConfig.RESTATEMENT_LOOKBACK) != null
                    ? GenesysSourceConfig.RESTATEMENT_LOOKBACK : GenesysSourceConfig.RESTATEMENT_INTERVAL;
            addError(values, extra, props, key, key + ": " + conflict);
            return null;
        }
        RestatementSettings settings = RestatementSettings.of(props);
        if (!settings.enabled() || settings.recentLookback().isZero()) {
            return settings;
        }
        String lookbackKey = props.get(GenesysSourceConfig.RESTATEMENT_LOOKBACK) != null
                ? GenesysSourceConfig.RESTATEMENT_LOOKBACK : GenesysSourceConfig.RESTATEMENT_RECENT_LOOKBACK;
        String lookback = valueOf(values, props, lookbackKey);
        long settle = IsoSpan.parse(valueOf(values, props, GenesysSourceConfig.SETTLE_DELAY)).nominalSeconds();
        if (settings.recentLookback().toSeconds() <= settle) {
            addError(values, extra, props, lookbackKey, lookbackKey + ": " + lookback + " must be longer than "
                    + GenesysSourceConfig.SETTLE_DELAY + "=" + valueOf(values, props, GenesysSourceConfig.SETTLE_DELAY)
                    + " (buckets younger than the settle delay are not fetched yet), or PT0S for no recent passes");
            return null;
        }
        if (settings.recentLookback().compareTo(settings.horizon()) > 0) {
            addError(values, extra, props, lookbackKey, lookbackKey + ": " + lookback + " is longer than "
                    + GenesysSourceConfig.RESTATEMENT_HORIZON + "=" + valueOf(values, props,
                    GenesysSourceConfig.RESTATEMENT_HORIZON) + ": only buckets inside the horizon are remembered");
            return null;
        }
        return settings;
    }

    /**
     * What a config asks of the memory and the rate limit: a query's horizon must hold at most
     * {@link #MAX_HORIZON_BUCKETS} buckets (each is an offset the worker keeps), and the queries caught up must need
     * fewer requests than the rate limit allows.
     */
    private static void checkRestatementCost(List<QueryDefinition> queries, IsoSpan windowMax,
                                             RestatementSettings restatement, Map<String, ConfigValue> values,
                                             List<ConfigValue> extra, Map<String, String> props) {
        if (!restatement.enabled()) {
            return;
        }
        double perMinute = 0;
        double restatingPerMinute = 0;
        for (QueryDefinition query : queries) {
            long bucketSeconds = query.granularity() != null ? query.granularity().span().nominalSeconds()
                    : windowMax.nominalSeconds();
            long buckets = restatement.horizon().toSeconds() / Math.max(1, bucketSeconds);
            if (buckets > MAX_HORIZON_BUCKETS) {
                addError(values, extra, props, GenesysSourceConfig.RESTATEMENT_HORIZON,
                        GenesysSourceConfig.RESTATEMENT_HORIZON + ": query " + query.name() + " has buckets of "
                                + (query.granularity() != null ? query.granularity() : windowMax) + ", so a horizon of "
                                + restatement.horizon() + " holds " + buckets + " of them, more than the "
                                + MAX_HORIZON_BUCKETS + " bucket memories a query keeps; shorten the horizon or use a "
                                + "coarser granularity");
            }
            RequestBudget budget = RequestBudget.of(query, windowMax, restatement);
            perMinute += budget.perDay() / 1440;
            restatingPerMinute += budget.restatementPerDay() / 1440;
        }
        if (hasErrors(values.get(GenesysSourceConfig.RATE_LIMIT))) {
            return;
        }
        int limit = Integer.parseInt(valueOf(values, props, GenesysSourceConfig.RATE_LIMIT));
        if (perMinute > limit) {
            addError(values, extra, props, GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL,
                    GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL + ": caught up, the queries need about "
                            + Math.round(perMinute) + " requests a minute (" + Math.round(restatingPerMinute)
                            + " of them for restatement), more than " + GenesysSourceConfig.RATE_LIMIT + "=" + limit
                            + " allows; fetch the recent past less often or less far back, or use a larger "
                            + GenesysSourceConfig.WINDOW_MAX);
        }
    }

    private static void checkQueryAgainstWindows(QueryDefinition query, IsoSpan windowMax, Instant now,
                                                 Map<String, ConfigValue> values, List<ConfigValue> extra,
                                                 Map<String, String> props) {
        String bodyKey = QueryKeys.key(query.name(), QueryKeys.BODY);
        Granularity granularity = query.granularity();
        if (windowMax != null && granularity != null && !granularity.divides(windowMax)) {
            addError(values, extra, props, bodyKey, bodyKey + ": granularity " + granularity + " does not divide "
                    + GenesysSourceConfig.WINDOW_MAX + "=" + windowMax + "; use a window of whole "
                    + (granularity.isSubDay() ? "days or hours that are a multiple of " + granularity
                    : granularity.span().period().getMonths() > 0 ? "months (P1M)" : "multiples of " + granularity)
                    + ", or another granularity");
        }
        if (windowMax != null && granularity == null) {
            try {
                Granularity.of(windowMax.toString());
            } catch (IllegalArgumentException e) {
                addError(values, extra, props, bodyKey, bodyKey + ": has no granularity, so every window is one bucket "
                        + "and " + GenesysSourceConfig.WINDOW_MAX + "=" + windowMax + " must be a bucket size: one of "
                        + Granularity.allowed() + "; or set a granularity in the body");
            }
        }
        String startKey = QueryKeys.key(query.name(), QueryKeys.START);
        if (!query.start().isRelative() && query.start().resolve(now, query.timeZone()).isAfter(now)) {
            addError(values, extra, props, startKey, startKey + ": start " + query.start()
                    + " is in the future; use a past instant or a span back from now such as P30D");
        }
    }

    private static IsoSpan windowMaxOrNull(Map<String, ConfigValue> values, Map<String, String> props) {
        if (hasErrors(values.get(GenesysSourceConfig.WINDOW_MAX))) {
            return null;
        }
        return IsoSpan.parse(valueOf(values, props, GenesysSourceConfig.WINDOW_MAX));
    }

    /** The value a key has after defaults, as text. */
    private static String valueOf(Map<String, ConfigValue> values, Map<String, String> props, String key) {
        Object value = values.containsKey(key) ? values.get(key).value() : null;
        return value != null ? value.toString()
                : props.getOrDefault(key, String.valueOf(GenesysSourceConfig.CONFIG_DEF.configKeys().get(key).defaultValue));
    }

    private static List<String> namesOf(String text) {
        List<String> names = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.trim().isEmpty()) {
                    names.add(part.trim());
                }
            }
        }
        return names;
    }

    private static boolean hasErrors(ConfigValue value) {
        return value != null && !value.errorMessages().isEmpty();
    }

    private static void addError(Map<String, ConfigValue> values, List<ConfigValue> extra, Map<String, String> props,
                                 String key, String message) {
        ConfigValue value = values.get(key);
        if (value == null) {
            for (ConfigValue candidate : extra) {
                if (candidate.name().equals(key)) {
                    value = candidate;
                }
            }
        }
        if (value == null) {
            // A per-query key: not in the static ConfigDef, so it gets a ConfigValue of its own.
            value = new ConfigValue(key, props.get(key), new ArrayList<>(), new ArrayList<>());
            extra.add(value);
        }
        value.addErrorMessage(message);
    }
}
