package io.kcg.genesys.source;

import io.kcg.genesys.config.TestingClock;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate() names the key and what is allowed for every bad config a user is likely to write. */
class ConnectorValidateTest {
    static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", GenesysAggregatesSourceConnector.class.getName());
        props.put("genesys.region", "eu_west_1");
        props.put("genesys.client.id", "client");
        props.put("genesys.client.secret", "secret");
        props.put("queries", "queues");
        props.put("query.queues.body", "{\"granularity\":\"PT30M\",\"timeZone\":\"Europe/Dublin\","
                + "\"groupBy\":[\"queueId\"],\"metrics\":[\"nOffered\",\"tHandle\"]}");
        props.put("query.queues.start", "P30D");
        return props;
    }

    static Map<String, List<String>> errors(Map<String, String> props) {
        Config config = new GenesysAggregatesSourceConnector().validate(props);
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages, (a, b) -> a));
    }

    @Test
    void aValidConfigHasNoErrors() {
        assertEquals(Map.of(), errors(valid()));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("body not JSON", "query.queues.body", "{\"metrics\":[\"nOffered\"", "not valid JSON"),
                Arguments.of("body with interval", "query.queues.body",
                        "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"metrics\":[\"nOffered\"]}", "interval"),
                Arguments.of("unknown granularity", "query.queues.body",
                        "{\"granularity\":\"PT7M\",\"metrics\":[\"nOffered\"]}", "PT30M"),
                Arguments.of("unknown time zone", "query.queues.body",
                        "{\"timeZone\":\"Mars/Olympus\",\"metrics\":[\"nOffered\"]}", "IANA"),
                Arguments.of("no metrics", "query.queues.body", "{\"granularity\":\"PT30M\"}", "metrics"),
                Arguments.of("empty metrics", "query.queues.body", "{\"metrics\":[]}", "at least one metric"),
                Arguments.of("granularity not dividing the window", "query.queues.body",
                        "{\"granularity\":\"P7D\",\"metrics\":[\"nOffered\"]}", "window.max"),
                Arguments.of("start in the future", "query.queues.start", "2999-01-01T00:00:00Z", "future"),
                Arguments.of("start not a time", "query.queues.start", "yesterday", "ISO"),
                Arguments.of("endpoint with a path", "query.queues.endpoint", "conversations/details", "lowercase"),
                Arguments.of("bad topic", "query.queues.topic", "bad topic!", "topic"),
                Arguments.of("unknown region", "genesys.region", "mars_north_1", "us_east_1"),
                Arguments.of("http to a remote host", "genesys.api.url", "http://api.mypurecloud.com", "https"),
                Arguments.of("http to a shorthand loopback (the client refused it at task start)", "genesys.api.url",
                        "http://127.1:8089", "127.x.y.z"),
                Arguments.of("negative authentication budget", "genesys.auth.retry.timeout.ms", "-1", "at least 0"),
                Arguments.of("negative settle delay", "window.settle.delay", "-PT5M", "ISO-8601 duration"),
                Arguments.of("absurd window", "window.max", "P10Y", "ISO-8601 duration"),
                Arguments.of("unknown output format", "output.format", "csv", "WIDE, LONG"),
                Arguments.of("duplicate query names", "queries", "queues,queues", "twice"),
                Arguments.of("empty client id", "genesys.client.id", "", "genesys.client.id"),
                Arguments.of("lookback shorter than the settle delay", "restatement.lookback", "PT10M", "longer than"),
                Arguments.of("lookback too long", "restatement.lookback", "P90D", "ISO-8601 duration"),
                Arguments.of("recent lookback shorter than the settle delay", "restatement.recent.lookback", "PT10M",
                        "longer than window.settle.delay"),
                Arguments.of("recent lookback beyond the horizon", "restatement.recent.lookback", "P20D",
                        "longer than restatement.horizon"),
                Arguments.of("horizon too long", "restatement.horizon", "P100D", "ISO-8601 duration"),
                Arguments.of("nightly time not a time", "restatement.nightly.time", "25:00", "local time"),
                Arguments.of("nightly time without minutes", "restatement.nightly.time", "4", "local time"),
                Arguments.of("recent interval too short", "restatement.recent.interval", "PT10S", "ISO-8601 duration"),
                Arguments.of("rate limit zero", "genesys.rate.limit.per.minute", "0", "at least 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadValueIsReportedAgainstItsKey(String what, String key, String value, String hint) {
        Map<String, String> props = valid();
        props.put(key, value);
        if (key.equals("genesys.api.url")) {
            props.remove("genesys.region");
        }
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.containsKey(key), what + ": expected an error on " + key + ", got " + errors);
        String message = String.join(" ", errors.get(key));
        assertTrue(message.contains(hint), what + ": '" + message + "' should mention " + hint);
    }

    @Test
    void aDeprecatedRestatementKeyWithItsReplacementIsRefusedAndAloneItStillWorks() {
        Map<String, String> both = valid();
        both.put("restatement.lookback", "P2D");
        both.put("restatement.recent.lookback", "P1D");
        assertTrue(String.join(" ", errors(both).get("restatement.lookback")).contains("cannot be set together"),
                errors(both).toString());
        Map<String, String> old = valid();
        old.put("restatement.lookback", "PT0S");
        old.put("restatement.interval", "PT2H");
        assertEquals(Map.of(), errors(old));
        io.kcg.genesys.config.RestatementSettings settings = new io.kcg.genesys.config.GenesysSourceConfig(old)
                .restatement();
        assertFalse(settings.enabled(), "restatement.lookback=PT0S still turns restatement off");
        assertEquals(2, settings.notes().size(), settings.notes().toString());
    }

    @Test
    void aHorizonTheMemoryCannotHoldIsRefusedNamingTheQuery() {
        Map<String, String> props = valid();
        props.put("query.queues.body", "{\"granularity\":\"PT5M\",\"metrics\":[\"nOffered\"]}");
        props.put("restatement.horizon", "P60D");
        String message = String.join(" ", errors(props).get("restatement.horizon"));
        assertTrue(message.contains("query queues") && message.contains("17280"), message);
        props.put("restatement.horizon", "P14D");
        assertEquals(Map.of(), errors(props));
    }

    @Test
    void passesThatWouldExceedTheRateLimitAreRefused() {
        Map<String, String> props = valid();
        props.put("window.max", "PT1H");
        props.put("restatement.recent.lookback", "P2D");
        props.put("restatement.recent.interval", "PT1M"); // 48 requests a minute per query
        props.put("genesys.rate.limit.per.minute", "40");
        String message = String.join(" ", errors(props).get("restatement.recent.interval"));
        assertTrue(message.contains("more than genesys.rate.limit.per.minute=40"), message);
        props.put("genesys.rate.limit.per.minute", "180");
        assertEquals(Map.of(), errors(props));
    }

    @Test
    void theInternalTestingClockIsRefusedWhereTheWorkerDoesNotAllowIt() {
        Map<String, String> props = valid();
        props.put(TestingClock.CLOCK_CLASS, "io.kcg.genesys.it.SimulatedClock");
        String before = System.clearProperty(TestingClock.ENABLE_PROPERTY);
        try {
            assertTrue(String.join(" ", errors(props).get(TestingClock.CLOCK_CLASS)).contains("does not allow it"));
            assertFalse(io.kcg.genesys.config.GenesysSourceConfig.CONFIG_DEF.names().contains(TestingClock.CLOCK_CLASS));
        } finally {
            if (before != null) {
                System.setProperty(TestingClock.ENABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void regionOrUrlIsRequiredButNotBoth() {
        Map<String, String> none = valid();
        none.remove("genesys.region");
        assertTrue(errors(none).containsKey("genesys.region"));
        Map<String, String> both = valid();
        both.put("genesys.api.url", "https://api.mypurecloud.ie");
        assertTrue(errors(both).containsKey("genesys.api.url"));
    }

    @Test
    void aPasswordInTheApiUrlIsRefusedWithoutBeingEchoed() {
        Map<String, String> props = valid();
        props.remove("genesys.region");
        props.put("genesys.api.url", "https://admin:hunter2-pw@api.mypurecloud.com");
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.containsKey("genesys.api.url"), errors.toString());
        assertFalse(errors.toString().contains("hunter2-pw"), errors.toString());
    }

    @Test
    void heartbeatsNeedATopicOfTheirOwn() {
        Map<String, String> props = valid();
        props.put("heartbeat.topic", "genesys.queues");
        assertTrue(errors(props).containsKey("heartbeat.topic"), errors(props).toString());
    }

    @Test
    void wideQueriesWhoseRecordNamesCollideAreRefused() {
        Map<String, String> props = valid();
        props.put("queries", "queues,Queues");
        props.put("query.Queues.body", props.get("query.queues.body"));
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.containsKey("queries") && errors.get("queries").get(0).contains("io.kcg.genesys.wide.Queues"),
                errors.toString());
    }

    @Test
    void namesThatMeetOnOneFieldAreReportedOnTheQueryBody() {
        Map<String, String> props = valid();
        props.put("query.queues.body", "{\"groupBy\":[\"queueId\"],\"metrics\":[\"tHandle\"],\"views\":["
                + "{\"name\":\"t_handle\",\"target\":\"tHandle\",\"function\":\"rangeBound\",\"range\":{\"gte\":1}}]}");
        List<String> wide = errors(props).get("query.queues.body");
        assertTrue(wide != null && wide.get(0).contains("by metric tHandle and by view t_handle"), errors(props).toString());

        props = valid();
        props.put("query.queues.body", "{\"groupBy\":[\"metric\"],\"metrics\":[\"tHandle\"]}");
        assertEquals(Map.of(), errors(props), "a dimension called metric is fine in the wide format");
        props.put("output.format", "long");
        List<String> longFormat = errors(props).get("query.queues.body");
        assertTrue(longFormat != null && longFormat.get(0).contains("'metric' would be defined twice"),
                errors(props).toString());
    }

    @Test
    void theSecretNeverAppearsInErrors() {
        Map<String, String> props = valid();
        props.put("genesys.client.secret", "s3cr3t-value-42");
        props.put("query.queues.body", "{");
        assertFalse(errors(props).toString().contains("s3cr3t-value-42"));
    }
}
