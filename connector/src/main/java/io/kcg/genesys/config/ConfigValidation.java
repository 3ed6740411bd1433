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
        checkLookback(values, extra, props);
        checkHeartbeatTopic(values, extra, props);
        checkClockClass(values, extra, props);

        if (!hasErrors(values.get(GenesysSourceConfig.QUERIES))) {
            List<String> names = namesOf(props.get(GenesysSourceConfig.QUERIES));
            QueryDefinitionParser.Result result = QueryDefinitionParser.parse(names, props);
            result.errors().forEach((key, messages) -> messages.forEach(m -> addError(values, extra, props, key, m)));
            IsoSpan windowMax = windowMaxOrNull(values, props);
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

    /** A lookback shorter than the settle delay would re-poll nothing that was not just fetched. */
    private static void checkLookback(Map<String, ConfigValue> values, List<ConfigValue> extra, Map<String, String> props) {
        if (hasErrors(values.get(GenesysSourceConfig.RESTATEMENT_LOOKBACK))
                || hasErrors(values.get(GenesysSourceConfig.SETTLE_DELAY))) {
            return;
        }
        long lookback = IsoSpan.parse(valueOf(values, props, GenesysSourceConfig.RESTATEMENT_LOOKBACK)).nominalSeconds();
        long settle = IsoSpan.parse(valueOf(values, props, GenesysSourceConfig.SETTLE_DELAY)).nominalSeconds();
        if (lookback != 0 && lookback <= settle) {
            addError(values, extra, props, GenesysSourceConfig.RESTATEMENT_LOOKBACK, GenesysSourceConfig.RESTATEMENT_LOOKBACK
                    + ": " + valueOf(values, props, GenesysSourceConfig.RESTATEMENT_LOOKBACK) + " must be longer than "
                    + GenesysSourceConfig.SETTLE_DELAY + "=" + valueOf(values, props, GenesysSourceConfig.SETTLE_DELAY)
                    + " (buckets younger than the settle delay are not fetched yet), or PT0S to turn restatement off");
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
