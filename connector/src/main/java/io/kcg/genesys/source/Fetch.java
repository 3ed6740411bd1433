package io.kcg.genesys.source;

import io.kcg.genesys.window.Window;

/** One request a task is about to make: the next window of a query, or a window of its lookback fetched again. */
record Fetch(Window window, boolean restatement) {
    @Override
    public String toString() {
        return (restatement ? "lookback window " : "window ") + window;
    }
}
