package io.kcg.genesys.parse;

import org.junit.jupiter.api.Test;

import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stats is an immutable value: what the builder held when it built, read back by stat. */
class StatsTest {
    @Test
    void valuesReadBackByStatAsLongsAndDoubles() {
        Stats stats = Stats.builder()
                .setDouble(Stat.SUM, 1234.5)
                .setLong(Stat.COUNT, 7)
                .setDouble(Stat.MAX, 900.25)
                .setLong(Stat.P99, Long.MIN_VALUE)
                .setDouble(Stat.MIN, -0.0)
                .build();
        assertEquals(1234.5, stats.getDouble(Stat.SUM));
        assertEquals(7L, stats.getLong(Stat.COUNT));
        assertEquals(Long.MIN_VALUE, stats.getLong(Stat.P99));
        assertEquals(-0.0, stats.getDouble(Stat.MIN));
        assertEquals(7L, stats.get(Stat.COUNT));
        assertEquals(1234.5, stats.get(Stat.SUM));
        assertNull(stats.get(Stat.RATIO));
        assertFalse(stats.has(Stat.CURRENT));
        assertThrows(NoSuchElementException.class, () -> stats.getDouble(Stat.RATIO));
    }

    @Test
    void equalityHashAndTextFollowTheValues() {
        Stats a = Stats.builder().setLong(Stat.COUNT, 3).setDouble(Stat.SUM, 9.0).build();
        Stats b = Stats.builder().setDouble(Stat.SUM, 9.0).setLong(Stat.COUNT, 3).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("{count=3, sum=9.0}", a.toString());
        assertFalse(a.equals(Stats.builder().setLong(Stat.COUNT, 3).build()));
        assertTrue(Stats.empty().isEmpty());
        assertEquals(Stats.empty(), Stats.builder().build());
    }

    @Test
    void aBuiltStatsKeepsItsValuesWhenTheBuilderGoesOn() {
        Stats.Builder builder = Stats.builder().setLong(Stat.COUNT, 1);
        Stats first = builder.build();
        Stats second = builder.setLong(Stat.COUNT, 2).setDouble(Stat.SUM, 5.0).build();
        assertEquals(1L, first.getLong(Stat.COUNT));
        assertFalse(first.has(Stat.SUM));
        assertEquals(2L, second.getLong(Stat.COUNT));
    }

    @Test
    void theWrongAccessorForAStatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.builder().setDouble(Stat.COUNT, 1.0));
        Stats sum = Stats.builder().setDouble(Stat.SUM, 1.0).build();
        assertThrows(IllegalArgumentException.class, () -> sum.getLong(Stat.SUM));
    }
}
