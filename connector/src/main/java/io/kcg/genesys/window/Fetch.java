package io.kcg.genesys.window;

/**
 * One request a query is about to make: its next forward window, or a window of a restatement pass, the recent one
 * (the last hours again, for late postings) or the nightly one (the whole horizon again, after Genesys's nightly
 * restatement).
 */
public record Fetch(Window window, Kind kind) {
    /** Why a window is fetched. */
    public enum Kind {
        FORWARD("window"), RECENT_PASS("recent-pass window"), NIGHTLY_PASS("nightly-pass window");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    public static Fetch forward(Window window) {
        return new Fetch(window, Kind.FORWARD);
    }

    /** A window fetched again, behind the watermark, to find what Genesys changed since it was emitted. */
    public boolean restatement() {
        return kind != Kind.FORWARD;
    }

    @Override
    public String toString() {
        return kind.label + " " + window;
    }
}
