package io.kcg.genesys.parse;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * One {@code stats} object of a response: a value per {@link Stat} that was present. Integral stats are
 * {@link Long}s, the others {@link Double}s, which is what a Connect Struct holds. Immutable: built once with a
 * {@link Builder}, then shared freely (a row held back by the parser, the mapper, another thread).
 */
public final class Stats {
    private static final Stat[] ALL = Stat.values();
    private static final Stats EMPTY = new Stats(new Number[ALL.length]);

    private final Number[] values; // by Stat ordinal; null when absent

    private Stats(Number[] values) {
        this.values = values;
    }

    /** Stats with nothing present, as for a metric that came without {@code stats}. */
    public static Stats empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean has(Stat stat) {
        return values[stat.ordinal()] != null;
    }

    public boolean isEmpty() {
        for (Number value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /** The value as a Long (integral stats) or Double (the others), or null when absent. */
    public Number get(Stat stat) {
        return values[stat.ordinal()];
    }

    /** The value of a present integral stat. */
    public long getLong(Stat stat) {
        requireIntegral(stat, true);
        return present(stat).longValue();
    }

    /** The value of a present non-integral stat. */
    public double getDouble(Stat stat) {
        requireIntegral(stat, false);
        return present(stat).doubleValue();
    }

    private Number present(Stat stat) {
        Number value = values[stat.ordinal()];
        if (value == null) {
            throw new NoSuchElementException("stat " + stat.jsonName() + " is absent");
        }
        return value;
    }

    private static void requireIntegral(Stat stat, boolean integral) {
        if (stat.integral() != integral) {
            throw new IllegalArgumentException("stat " + stat.jsonName() + " is " + (stat.integral() ? "integral" : "not integral"));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stats && Arrays.equals(values, ((Stats) o).values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Stat stat : ALL) {
            if (has(stat)) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(stat.jsonName()).append('=').append(get(stat));
            }
        }
        return sb.append('}').toString();
    }

    /** Collects the values of one stats object; {@link #build()} may be called once per set of values. */
    public static final class Builder {
        private final Number[] values = new Number[ALL.length];

        private Builder() {
        }

        public Builder setLong(Stat stat, long value) {
            requireIntegral(stat, true);
            values[stat.ordinal()] = value;
            return this;
        }

        public Builder setDouble(Stat stat, double value) {
            requireIntegral(stat, false);
            values[stat.ordinal()] = value;
            return this;
        }

        /** Immutable stats with the values set so far; the builder stays usable. */
        public Stats build() {
            return new Stats(values.clone());
        }
    }
}
