package io.kcg.genesys.simulator.model;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * How a day's volume spreads over its slots (UTC): low at night, a late-morning peak and an afternoon peak, and
 * weekends at 60 % of weekdays.
 */
final class ArrivalCurve {

    private static final long SLOT_MS = ModelConstants.SLOT.toMillis();
    private static final long DAY_MS = 86_400_000L;
    private static final int SLOTS_PER_DAY = (int) (DAY_MS / SLOT_MS);
    private static final double WEEKEND_FACTOR = 0.6;

    /** The share of a day's volume that arrives in each slot of the day; sums to 1. */
    private static final double[] SLOT_SHARE = new double[SLOTS_PER_DAY];
    private static final double PEAK_SHARE;

    static {
        double total = 0;
        for (int s = 0; s < SLOTS_PER_DAY; s++) {
            double hour = (s + 0.5) * 24.0 / SLOTS_PER_DAY;
            SLOT_SHARE[s] = 0.15 + bell(hour, 10.5, 1.6) + 0.85 * bell(hour, 15.0, 1.8);
            total += SLOT_SHARE[s];
        }
        double peak = 0;
        for (int s = 0; s < SLOTS_PER_DAY; s++) {
            SLOT_SHARE[s] /= total;
            peak = Math.max(peak, SLOT_SHARE[s]);
        }
        PEAK_SHARE = peak;
    }

    private ArrivalCurve() {
    }

    /** The mean number of arrivals in the slot starting at slotStartMs. */
    static double expectedArrivals(int dailyVolume, double queueScale, long slotStartMs) {
        int slotOfDay = (int) Math.floorMod(Math.floorDiv(slotStartMs, SLOT_MS), (long) SLOTS_PER_DAY);
        DayOfWeek day = LocalDate.ofEpochDay(Math.floorDiv(slotStartMs, DAY_MS)).getDayOfWeek();
        double weekday = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND_FACTOR : 1.0;
        return dailyVolume * queueScale * weekday * SLOT_SHARE[slotOfDay];
    }

    /** How busy the time of day is, from about 0.13 at night to 1 at the peak (weekday shape). */
    static double busyness(long ms) {
        int slotOfDay = (int) Math.floorMod(Math.floorDiv(ms, SLOT_MS), (long) SLOTS_PER_DAY);
        return SLOT_SHARE[slotOfDay] / PEAK_SHARE;
    }

    private static double bell(double x, double mean, double sigma) {
        double z = (x - mean) / sigma;
        return Math.exp(-0.5 * z * z);
    }
}
