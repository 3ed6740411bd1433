package io.kcg.genesys.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stats keeps only the values that are present, packed: every order of setting must read back the same. */
class StatsTest {
    @Test
    void valuesSetInAnyOrderReadBackByStat() {
        Stats stats = new Stats()
                .setDouble(Stat.SUM, 1234.5)
                .setLong(Stat.COUNT, 7)
                .setDouble(Stat.MAX, 900.25)
                .setLong(Stat.P99, Long.MIN_VALUE)
                .setDouble(Stat.MIN, -0.0)
                .setDouble(Stat.TARGET, 0.8);
        assertEquals(1234.5, stats.getDouble(Stat.SUM));
        assertEquals(7L, stats.getLong(Stat.COUNT));
        assertEquals(900.25, stats.getDouble(Stat.MAX));
        assertEquals(Long.MIN_VALUE, stats.getLong(Stat.P99));
        assertEquals(-0.0, stats.getDouble(Stat.MIN));
        assertEquals(0.8, stats.getDouble(Stat.TARGET));
        assertEquals(7L, stats.get(Stat.COUNT));
        assertEquals(1234.5, stats.get(Stat.SUM));
        assertNull(stats.get(Stat.RATIO));
        assertFalse(stats.has(Stat.CURRENT));
    }

    @Test
    void everyStatFitsAndSettingAgainReplaces() {
        Stats stats = new Stats();
        Stat[] all = Stat.values();
        for (int i = all.length - 1; i >= 0; i--) { // highest ordinal first: every insert shifts the rest
            if (all[i].integral()) {
                stats.setLong(all[i], i);
            } else {
                stats.setDouble(all[i], i + 0.5);
            }
        }
        stats.setLong(Stat.COUNT, 99).setDouble(Stat.MAX, -1.0);
        for (int i = 0; i < all.length; i++) {
            Number expected = all[i] == Stat.COUNT ? (Number) 99L : all[i] == Stat.MAX ? (Number) (-1.0)
                    : all[i].integral() ? (Number) (long) i : (Number) (i + 0.5);
            assertEquals(expected, stats.get(all[i]), all[i].jsonName());
        }
    }

    @Test
    void equalityHashAndCopyFollowTheValues() {
        Stats a = new Stats().setLong(Stat.COUNT, 3).setDouble(Stat.SUM, 9.0);
        Stats b = new Stats().setDouble(Stat.SUM, 9.0).setLong(Stat.COUNT, 3);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("{count=3, sum=9.0}", a.toString());
        Stats copy = a.copy().setDouble(Stat.SUM, 10.0);
        assertEquals(9.0, a.getDouble(Stat.SUM), "the copy is independent");
        assertFalse(copy.equals(a));
        assertTrue(new Stats().isEmpty());
        assertEquals(new Stats(), new Stats().copy());
    }

    @Test
    void theWrongAccessorForAStatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Stats().setDouble(Stat.COUNT, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Stats().getLong(Stat.SUM));
    }
}
