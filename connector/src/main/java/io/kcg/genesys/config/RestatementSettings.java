package io.kcg.genesys.config;

import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a query follows Genesys's restatements: how far back it remembers what it emitted ({@code horizon}, zero when
 * restatement is off), how far back and how often it fetches the recent past again, and the local time after which
 * it fetches the whole horizon again each night (null: no nightly pass). The deprecated keys
 * {@code restatement.lookback} and {@code restatement.interval} map onto the recent pass; {@code notes} says so.
 */
public record RestatementSettings(Duration horizon, Duration recentLookback, Duration recentInterval,
                                  LocalTime nightlyTime, List<String> notes) {

    public boolean enabled() {
        return !horizon.isZero();
    }

    /**
     * The settings of a connector config (the keys as given, defaults for the rest); ConfigException when a
     * deprecated key is set together with the key that replaces it.
     */
    public static RestatementSettings of(Map<String, String> props) {
        String conflict = conflict(props);
        if (conflict != null) {
            throw new ConfigException(conflict);
        }
        List<String> notes = new ArrayList<>();
        Duration horizon = span(props, GenesysSourceConfig.RESTATEMENT_HORIZON);
        Duration recentLookback = span(props, GenesysSourceConfig.RESTATEMENT_RECENT_LOOKBACK);
        Duration recentInterval = span(props, GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL);
        String oldLookback = props.get(GenesysSourceConfig.RESTATEMENT_LOOKBACK);
        if (oldLookback != null) {
            Duration lookback = GenesysSourceConfig.toDuration(oldLookback);
            if (lookback.isZero()) {
                horizon = Duration.ZERO;
                notes.add(GenesysSourceConfig.RESTATEMENT_LOOKBACK + "=PT0S is deprecated: restatement is off; write "
                        + GenesysSourceConfig.RESTATEMENT_HORIZON + "=PT0S instead");
            } else {
                recentLookback = lookback;
                horizon = horizon.compareTo(lookback) < 0 ? lookback : horizon;
                notes.add(GenesysSourceConfig.RESTATEMENT_LOOKBACK + "=" + oldLookback + " is deprecated: it is taken "
                        + "as " + GenesysSourceConfig.RESTATEMENT_RECENT_LOOKBACK + "; rename it");
            }
        }
        String oldInterval = props.get(GenesysSourceConfig.RESTATEMENT_INTERVAL);
        if (oldInterval != null) {
            recentInterval = GenesysSourceConfig.toDuration(oldInterval);
            notes.add(GenesysSourceConfig.RESTATEMENT_INTERVAL + "=" + oldInterval + " is deprecated: it is taken as "
                    + GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL + "; rename it");
        }
        LocalTime nightly = nightlyTime(valueOf(props, GenesysSourceConfig.RESTATEMENT_NIGHTLY_TIME));
        return new RestatementSettings(horizon, recentLookback, recentInterval, nightly, List.copyOf(notes));
    }

    /** The settings as a user writes them, for logs: {@code horizon P14D, recent P1D every PT1H, nightly after 04:00}. */
    public String describe() {
        if (!enabled()) {
            return "off";
        }
        return "horizon " + text(horizon) + ", recent " + (recentLookback.isZero() ? "off" : text(recentLookback)
                + " every " + text(recentInterval)) + ", nightly " + (nightlyTime == null ? "off" : "after "
                + nightlyTime);
    }

    /** A span as ISO-8601, in days when it is whole days (P14D rather than PT336H). */
    static String text(Duration span) {
        return !span.isZero() && span.toSeconds() % 86_400 == 0 ? "P" + span.toDays() + "D" : span.toString();
    }

    /** What is wrong with setting a deprecated key together with its replacement, or null. */
    static String conflict(Map<String, String> props) {
        if (props.get(GenesysSourceConfig.RESTATEMENT_LOOKBACK) != null) {
            for (String replacement : List.of(GenesysSourceConfig.RESTATEMENT_RECENT_LOOKBACK,
                    GenesysSourceConfig.RESTATEMENT_HORIZON)) {
                if (props.get(replacement) != null) {
                    return GenesysSourceConfig.RESTATEMENT_LOOKBACK + " is deprecated and cannot be set together with "
                            + replacement + "; remove it (" + GenesysSourceConfig.RESTATEMENT_HORIZON
                            + "=PT0S turns restatement off)";
                }
            }
        }
        if (props.get(GenesysSourceConfig.RESTATEMENT_INTERVAL) != null
                && props.get(GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL) != null) {
            return GenesysSourceConfig.RESTATEMENT_INTERVAL + " is deprecated and cannot be set together with "
                    + GenesysSourceConfig.RESTATEMENT_RECENT_INTERVAL + "; remove it";
        }
        return null;
    }

    /** The nightly pass's local time for {@code text} (HH:MM), or null for {@code none}. */
    public static LocalTime nightlyTime(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            if (!trimmed.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:MM", trimmed, 0);
            }
            return LocalTime.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a local time such as 04:00, nor none");
        }
    }

    private static Duration span(Map<String, String> props, String key) {
        return GenesysSourceConfig.toDuration(valueOf(props, key));
    }

    private static String valueOf(Map<String, String> props, String key) {
        String value = props.get(key);
        return value != null ? value : String.valueOf(GenesysSourceConfig.CONFIG_DEF.configKeys().get(key).defaultValue);
    }
}
