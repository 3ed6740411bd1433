package io.kcg.genesys.demo;

/** Counts and sums added over buckets, and the KPIs a contact-center report shows from them. */
final class Totals {
    long offered;
    long answered;
    long abandoned;
    double handleSumMs;
    long handleCount;
    double slNumerator;
    double slDenominator;
    int buckets;

    void add(Bucket b) {
        offered += b.offered();
        answered += b.answered();
        abandoned += b.abandoned();
        handleSumMs += b.handleSumMs();
        handleCount += b.handleCount();
        slNumerator += b.slNumerator();
        slDenominator += b.slDenominator();
        buckets++;
    }

    /** Abandoned / offered, or NaN when nothing was offered. */
    double abandonRate() {
        return offered == 0 ? Double.NaN : (double) abandoned / offered;
    }

    /** Average handle time in ms (talk + hold + after-call work), or NaN when nothing was handled. */
    double averageHandleMs() {
        return handleCount == 0 ? Double.NaN : handleSumMs / handleCount;
    }

    /**
     * Answered within the target / (answered + abandoned), Genesys's oServiceLevel added up over buckets, or NaN when
     * there was nothing to measure.
     */
    double serviceLevel() {
        return slDenominator == 0 ? Double.NaN : slNumerator / slDenominator;
    }

    static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String minutesSeconds(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        long seconds = Math.round(ms / 1000);
        return seconds >= 3600
                ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
