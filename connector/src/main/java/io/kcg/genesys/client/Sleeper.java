package io.kcg.genesys.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How the client waits between retries (Retry-After, backoff). Tests plug in one that records and returns. */
@FunctionalInterface
public interface Sleeper {
    /** Really sleeps. */
    Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
