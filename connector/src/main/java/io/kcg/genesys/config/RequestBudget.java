package io.kcg.genesys.config;

import java.time.Duration;

/**
 * What a caught-up query costs in requests per day under its settings: one request per bucket that settles, one
 * per window of each recent pass, one per window of the nightly pass. validate() compares the sum over a config's
 * queries with the rate limit; docs/restatement.md and bench/ state it for the defaults.
 */
public record RequestBudget(double forwardPerDay, double recentPerDay, double nightlyPerDay) {
    private static final double DAY_SECONDS = 86_400;

    public static RequestBudget of(QueryDefinition query, IsoSpan windowMax, RestatementSettings restatement) {
        double bucketSeconds = query.granularity() != null ? query.granularity().span().nominalSeconds()
                : windowMax.nominalSeconds();
        double windowSeconds = windowMax.nominalSeconds();
        double forward = DAY_SECONDS / bucketSeconds;
        double recent = 0;
        double nightly = 0;
        if (restatement.enabled()) {
            if (!restatement.recentLookback().isZero()) {
                recent = DAY_SECONDS / restatement.recentInterval().toSeconds()
                        * windows(restatement.recentLookback(), windowSeconds);
            }
            if (restatement.nightlyTime() != null) {
                nightly = windows(restatement.horizon(), windowSeconds);
            }
        }
        return new RequestBudget(forward, recent, nightly);
    }

    private static double windows(Duration span, double windowSeconds) {
        return Math.ceil(span.toSeconds() / windowSeconds);
    }

    public double restatementPerDay() {
        return recentPerDay + nightlyPerDay;
    }

    public double perDay() {
        return forwardPerDay + recentPerDay + nightlyPerDay;
    }
}
