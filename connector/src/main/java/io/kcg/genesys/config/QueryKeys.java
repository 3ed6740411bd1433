package io.kcg.genesys.config;

import java.util.List;

/**
 * The per-query keys {@code query.<name>.*}. They cannot live in a static ConfigDef because their names depend on
 * {@code queries}; the connector's {@code validate()} checks them and these definitions document them.
 */
public final class QueryKeys {
    public static final String PREFIX = "query.";
    public static final String ENDPOINT = "endpoint";
    public static final String BODY = "body";
    public static final String TOPIC = "topic";
    public static final String START = "start";

    public static final String DEFAULT_ENDPOINT = "conversations";
    public static final String DEFAULT_START = "P1D";
    public static final String DEFAULT_TOPIC_PREFIX = "genesys.";

    /** One documented per-query key. */
    public record Key(String suffix, String defaultValue, String documentation) {
        public String template() {
            return PREFIX + "<name>." + suffix;
        }
    }

    public static final List<Key> KEYS = List.of(
            new Key(ENDPOINT, DEFAULT_ENDPOINT, "The analytics aggregates endpoint the query is sent to: the segment X "
                    + "of POST /api/v2/analytics/X/aggregates/query, e.g. conversations, users, flows, evaluations, "
                    + "surveys, bots, journeys, knowledge, transcripts, resolutions, summaries, actions, "
                    + "agentcopilots, flowexecutions, taskmanagement. Lowercase letters only."),
            new Key(BODY, null, "The aggregation query as JSON, exactly as Genesys takes it but without 'interval' "
                    + "(the connector sets it per window): metrics (required), granularity, timeZone, groupBy, "
                    + "filter, views, flattenMultivaluedDimensions. Granularity must be one of "
                    + Granularity.allowed() + " and divide window.max; timeZone an IANA zone (default UTC)."),
            new Key(TOPIC, DEFAULT_TOPIC_PREFIX + "<name>", "The topic the query's records go to. Queries may share a "
                    + "topic; in the wide format each query has its own value schema, so with a schema registry use "
                    + "RecordNameStrategy for such a topic."),
            new Key(START, DEFAULT_START, "Where the query starts when it has no offset yet: an ISO instant "
                    + "(2026-03-01T00:00:00Z), a date in the query's time zone (2026-03-01), or a span back from now "
                    + "(P30D). Aligned down to a bucket boundary. Ignored once the query has an offset; reset or "
                    + "alter the offset to backfill again."));

    private QueryKeys() {
    }

    public static String key(String queryName, String suffix) {
        return PREFIX + queryName + "." + suffix;
    }
}
