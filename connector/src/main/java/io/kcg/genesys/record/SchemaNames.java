package io.kcg.genesys.record;

/** The Avro namespace and record names of everything the connector emits. */
public final class SchemaNames {
    public static final String NAMESPACE = "io.kcg.genesys";
    public static final String WIDE_NAMESPACE = NAMESPACE + ".wide";
    public static final String LONG_VALUE = NAMESPACE + ".MetricRow";
    public static final String LONG_KEY = NAMESPACE + ".MetricRowKey";
    public static final String HEARTBEAT_VALUE = NAMESPACE + ".Heartbeat";
    public static final String HEARTBEAT_KEY = NAMESPACE + ".HeartbeatKey";

    private SchemaNames() {
    }

    public static String wideValue(String queryName) {
        return WIDE_NAMESPACE + "." + AvroNames.recordName(queryName);
    }

    public static String wideKey(String queryName) {
        return WIDE_NAMESPACE + "." + AvroNames.recordName(queryName) + "Key";
    }
}
