package io.kcg.genesys.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts an ISO-8601 span between a minimum and a maximum (nominal lengths), naming both when it refuses. */
final class SpanValidator implements ConfigDef.Validator {
    private final IsoSpan min;
    private final IsoSpan max;

    SpanValidator(String min, String max) {
        this.min = IsoSpan.parse(min);
        this.max = IsoSpan.parse(max);
    }

    @Override
    public void ensureValid(String name, Object value) {
        IsoSpan span;
        try {
            span = IsoSpan.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
        boolean negative = !span.isPositive() && span.nominalSeconds() != 0;
        if (negative || span.nominalSeconds() < min.nominalSeconds()
                || span.nominalSeconds() > max.nominalSeconds()) {
            throw new ConfigException(name, value, "must be an ISO-8601 duration from " + min + " to " + max);
        }
    }

    @Override
    public String toString() {
        return "ISO-8601 duration from " + min + " to " + max;
    }

    /** The same check, but a key left unset (null) passes: for keys whose absence means something. */
    ConfigDef.Validator orNull() {
        SpanValidator spans = this;
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    spans.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return spans + ", or unset";
            }
        };
    }
}
