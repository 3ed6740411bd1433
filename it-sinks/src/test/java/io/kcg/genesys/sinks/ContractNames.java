package io.kcg.genesys.sinks;

import java.util.Locale;

/**
 * Column names as the record contract v2 defines them, written down here from the contract (not taken from the
 * connector's code), so that a table the sink created is checked against what users were promised.
 */
final class ContractNames {
    private ContractNames() {
    }

    /** Lower snake case of a Genesys camelCase name: {@code queueId} -> {@code queue_id}, {@code nOffered} -> {@code n_offered}. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A long record's column of one stat: its snake case, but {@code current}, reserved in SQL Server, Oracle,
     * Snowflake and BigQuery, is {@code current_value} (the contract gives reserved words a {@code _value} suffix).
     */
    static String longStat(String stat) {
        String name = snake(stat);
        return name.equals("current") ? "current_value" : name;
    }

    /** A wide record's field of one stat of one metric: {@code tHandle} + {@code sum} -> {@code t_handle_sum}. */
    static String metricStat(String metric, String stat) {
        return snake(metric) + "_" + snake(stat);
    }
}
