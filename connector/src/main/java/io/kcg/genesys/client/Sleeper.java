package io.kcg.genesys.client;

import java.time.Duration;

/**
 * A test hook for the waits between retries (backoff, Retry-After, refused authentication): tests plug in one that
 * records and returns. Without one the client waits for real, and {@link GenesysClient#close()} ends the wait.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
}
