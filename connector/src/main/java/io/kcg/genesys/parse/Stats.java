package io.kcg.genesys.parse;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code stats} object: a value per {@link Stat} that was present. Integral stats keep their exact long value;
 * the others keep a double. Mutable only while the parser fills it; treat it as a value afterwards.
 */
public final class Stats {
    private static final Stat[] ALL = Stat.values();
    private static final long[] NONE = new long[0];

    // A response has a Stats per metric row, a million in a large one: only the present values are kept, packed in
    // ordinal order, doubles as their raw bits (one small array instead of two of every stat).
    private long[] values = NONE;
    private int present; // bit i set when ALL[i] was present

    public boolean has(Stat stat) {
        return (present & (1 << stat.ordinal())) != 0;
    }

    /** Bit {@code i} set when the stat of ordinal {@code i} is present: a loop over only the present stats. */
    public int presentBits() {
        return present;
    }

    public boolean isEmpty() {
        return present == 0;
    }

    /** The value of an integral stat; call only when {@link #has(Stat)}. */
    public long getLong(Stat stat) {
        requireIntegral(stat, true);
        return has(stat) ? values[slot(stat)] : 0L;
    }

    /** The value of a non-integral stat; call only when {@link #has(Stat)}. */
    public double getDouble(Stat stat) {
        requireIntegral(stat, false);
        return has(stat) ? Double.longBitsToDouble(values[slot(stat)]) : 0.0;
    }

    /** The value as a boxed Long (integral stats) or Double (the others), or null when absent. */
    public Number get(Stat stat) {
        if (!has(stat)) {
            return null;
        }
        long raw = values[slot(stat)];
        return stat.integral() ? (Number) raw : (Number) Double.longBitsToDouble(raw);
    }

    public Stats setLong(Stat stat, long value) {
        requireIntegral(stat, true);
        put(stat, value);
        return this;
    }

    public Stats setDouble(Stat stat, double value) {
        requireIntegral(stat, false);
        put(stat, Double.doubleToRawLongBits(value));
        return this;
    }

    /** The index of {@code stat}'s value in {@link #values}: the number of present stats before it. */
    private int slot(Stat stat) {
        return Integer.bitCount(present & ((1 << stat.ordinal()) - 1));
    }

    private void put(Stat stat, long raw) {
        int slot = slot(stat);
        if (has(stat)) {
            values[slot] = raw;
            return;
        }
        int count = Integer.bitCount(present);
        if (count == values.length) {
            values = Arrays.copyOf(values, count == 0 ? 4 : count * 2); // 4: a timer's or a service level's stats
        }
        System.arraycopy(values, slot, values, slot + 1, count - slot);
        values[slot] = raw;
        present |= 1 << stat.ordinal();
    }

    private static void requireIntegral(Stat stat, boolean integral) {
        if (stat.integral() != integral) {
            throw new IllegalArgumentException("stat " + stat.jsonName() + " is " + (stat.integral() ? "integral" : "not integral"));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Stats)) {
            return false;
        }
        Stats other = (Stats) o;
        if (present != other.present) {
            return false;
        }
        for (Stat stat : ALL) {
            if (has(stat) && !Objects.equals(get(stat), other.get(stat))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = present;
        for (Stat stat : ALL) {
            if (has(stat)) {
                h = 31 * h + get(stat).hashCode();
            }
        }
        return h;
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

    /** Empties this instance for the next stats object, keeping its array (the parser's reused instance). */
    Stats reset() {
        present = 0;
        return this;
    }

    /** An independent copy, for tools and tests that change stats. */
    public Stats copy() {
        Stats copy = new Stats();
        copy.values = values.length == 0 ? NONE : values.clone();
        copy.present = present;
        return copy;
    }

}
