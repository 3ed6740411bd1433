package io.kcg.genesys.restate;

import java.util.Arrays;

/**
 * A record key without its bucket start: the series a bucket holds (the query, the group's dimensions and, in the
 * long format, the metric and qualifier). Each value is a String, a sorted string map, or null; see
 * {@link KeyLayout}. Remembered per bucket so that a vanished series' key can be rebuilt for its tombstone.
 */
public final class SeriesKey {
    private final Object[] values;
    private final int hash;

    SeriesKey(Object[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    int size() {
        return values.length;
    }

    Object value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey && ((SeriesKey) o).hash == hash && Arrays.equals(((SeriesKey) o).values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
