package io.kcg.genesys.window;

import java.time.Instant;

/** A half-open interval {@code [start, end)} of whole buckets, fetched with one request. */
public record Window(Instant start, Instant end) {
    public Window {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after its start " + start);
        }
    }

    @Override
    public String toString() {
        return start + "/" + end;
    }
}
