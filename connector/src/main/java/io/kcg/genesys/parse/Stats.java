package io.kcg.genesys.parse;

import java.util.Objects;

/**
 * One {@code stats} object: a value per {@link Stat} that was present. Integral stats keep their exact long value;
 * the others keep a double. Mutable only while the parser fills it; treat it as a value afterwards.
 */
public final class Stats {
    private static final Stat[] ALL = Stat.values();

    private final long[] longs = new long[ALL.length];
    private final double[] doubles = new double[ALL.length];
    private int present; // bit i set when ALL[i] was present

    public boolean has(Stat stat) {
        return (present & (1 << stat.ordinal())) != 0;
    }

    public boolean isEmpty() {
        return present == 0;
    }

    /** The value of an integral stat; call only when {@link #has(Stat)}. */
    public long getLong(Stat stat) {
        requireIntegral(stat, true);
        return longs[stat.ordinal()];
    }

    /** The value of a non-integral stat; call only when {@link #has(Stat)}. */
    public double getDouble(Stat stat) {
        requireIntegral(stat, false);
        return doubles[stat.ordinal()];
    }

    /** The value as a boxed Long (integral stats) or Double (the others), or null when absent. */
    public Number get(Stat stat) {
        if (!has(stat)) {
            return null;
        }
        return stat.integral() ? (Number) longs[stat.ordinal()] : (Number) doubles[stat.ordinal()];
    }

    public Stats setLong(Stat stat, long value) {
        requireIntegral(stat, true);
        longs[stat.ordinal()] = value;
        present |= 1 << stat.ordinal();
        return this;
    }

    public Stats setDouble(Stat stat, double value) {
        requireIntegral(stat, false);
        doubles[stat.ordinal()] = value;
        present |= 1 << stat.ordinal();
        return this;
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

    /** An independent copy, for tools and tests that change stats. */
    public Stats copy() {
        Stats copy = new Stats();
        System.arraycopy(longs, 0, copy.longs, 0, longs.length);
        System.arraycopy(doubles, 0, copy.doubles, 0, doubles.length);
        copy.present = present;
        return copy;
    }

}
