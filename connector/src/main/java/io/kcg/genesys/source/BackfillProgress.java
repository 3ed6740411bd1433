package io.kcg.genesys.source;

import io.kcg.genesys.window.Window;
import io.kcg.genesys.window.WindowPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The INFO line of a query's backfill, at most one per {@link #EVERY}: windows done and to go, the watermark as ISO
 * time, and when the backfill should end at the pace so far. A query that is caught up (live following: one window
 * each time a bucket settles) logs nothing here, and says once when a backfill ends.
 */
final class BackfillProgress {
    static final Duration EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(BackfillProgress.class);

    private final String query;
    private final WindowPlanner planner;
    private final Clock wall;
    private Instant startedAt;   // null: caught up, no backfill under way
    private Instant loggedAt;
    private long windowsDone;

    BackfillProgress(String query, WindowPlanner planner, Clock wall) {
        this.query = query;
        this.planner = planner;
        this.wall = wall;
    }

    /** A forward window was handed to Connect; the watermark is now its end. Returns the line logged, or null. */
    String windowDone(Instant watermark, Instant newestSettledEnd) {
        Instant now = wall.instant();
        boolean caughtUp = !watermark.isBefore(newestSettledEnd);
        if (startedAt == null) {
            if (caughtUp) {
                return null;
            }
            startedAt = now;
            loggedAt = now;
            windowsDone = 0;
        }
        windowsDone++;
        if (caughtUp) {
            String line = "Query " + query + " caught up: watermark " + watermark + ", " + windowsDone + " windows in "
                    + Duration.between(startedAt, now).truncatedTo(ChronoUnit.SECONDS);
            log.info(line);
            startedAt = null;
            return line;
        }
        if (Duration.between(loggedAt, now).compareTo(EVERY) < 0) {
            return null;
        }
        loggedAt = now;
        long toGo = windowsToGo(watermark, newestSettledEnd);
        Duration perWindow = Duration.between(startedAt, now).dividedBy(windowsDone);
        Duration eta = perWindow.multipliedBy(toGo).truncatedTo(ChronoUnit.SECONDS);
        String line = "Query " + query + " backfill: " + windowsDone + " windows done, " + toGo + " to go; watermark "
                + watermark + ", " + Duration.between(watermark, newestSettledEnd) + " behind the newest settled "
                + "bucket; ETA " + eta + " (" + now.plus(eta).truncatedTo(ChronoUnit.SECONDS) + ")";
        log.info(line);
        return line;
    }

    /** How many windows of at most window.max lie between the watermark and the newest settled bucket. */
    private long windowsToGo(Instant watermark, Instant newestSettledEnd) {
        long count = 0;
        Instant at = watermark;
        for (Optional<Window> next = planner.nextWithin(at, newestSettledEnd); next.isPresent();
                next = planner.nextWithin(at, newestSettledEnd)) {
            at = next.get().end();
            count++;
        }
        return count;
    }
}
