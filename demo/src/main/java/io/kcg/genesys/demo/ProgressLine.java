package io.kcg.genesys.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The backfill's progress on one line: windows fetched, records written, the watermark and how far behind it is.
 * On a terminal the line is redrawn in place; otherwise (a log, a CI run) it is printed when it changes, at most
 * every few seconds.
 */
final class ProgressLine {
    private static final DateTimeFormatter WATERMARK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private final PrintStream out;
    private final boolean terminal;
    private final Instant started = Instant.now();
    private String last = "";
    private Instant lastPrinted = Instant.EPOCH;
    private int width;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(int windows, int windowsExpected, long records, Instant watermark, Instant target) {
        String behind = watermark == null ? "no offset committed yet"
                : !watermark.isBefore(target) ? "caught up"
                : human(Duration.between(watermark, target)) + " to go";
        String text = String.format(Locale.ROOT, "[%4ds] windows fetched %d (backfill needs %d)  records %,d  watermark %s (%s)",
                Duration.between(started, Instant.now()).toSeconds(), windows, windowsExpected, records,
                watermark == null ? "-" : WATERMARK.format(watermark), behind);
        if (terminal) {
            out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            out.flush();
            width = text.length();
        } else {
            String withoutClock = text.substring(text.indexOf(']') + 1);
            if (!withoutClock.equals(last) && Duration.between(lastPrinted, Instant.now()).toMillis() >= 2000) {
                out.println(text);
                last = withoutClock;
                lastPrinted = Instant.now();
            }
        }
    }

    /** Ends the line (on a terminal) so that what follows starts on its own line. */
    void finish(int windows, int windowsExpected, long records, Instant watermark, Instant target) {
        lastPrinted = Instant.EPOCH;
        update(windows, windowsExpected, records, watermark, target);
        if (terminal) {
            out.println();
        }
    }

    static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 24 * 60) {
            return minutes / (24 * 60) + "d " + minutes / 60 % 24 + "h";
        }
        return minutes >= 60 ? minutes / 60 + "h " + minutes % 60 + "m" : minutes + "m";
    }
}
