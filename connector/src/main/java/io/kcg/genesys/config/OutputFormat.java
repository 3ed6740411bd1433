package io.kcg.genesys.config;

import java.util.Locale;

/** The record shape: one record per (bucket, group) with a field per stat, or one per (bucket, group, metric). */
public enum OutputFormat {
    WIDE, LONG;

    public static OutputFormat of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
