package io.kcg.genesys.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The waits of one client (back-off, Retry-After, refused authentication, the rate limiter), all ended at once by
 * {@link #close()}, so that a stopping task does not sit out a two-minute Retry-After. Retry waits go to the test
 * {@link Sleeper} when one is set; rate-limiter waits are always real.
 */
final class Waits implements AutoCloseable {
    private final Sleeper testSleeper;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param testSleeper where retry waits go instead of a real wait, or null */
    Waits(Sleeper testSleeper) {
        this.testSleeper = testSleeper;
    }

    /** Waits before a retry. @throws ClientClosedException when closed before or during the wait */
    void retryWait(Duration wait) throws InterruptedException {
        checkOpen();
        if (testSleeper != null) {
            testSleeper.sleep(wait);
            checkOpen();
        } else {
            realWait(wait.toNanos());
        }
    }

    /** Waits for real. @throws ClientClosedException when closed before or during the wait */
    void realWait(long nanos) throws InterruptedException {
        checkOpen();
        if (nanos > 0 && closed.await(nanos, TimeUnit.NANOSECONDS)) {
            throw new ClientClosedException("The wait ended: the Genesys client is closed");
        }
    }

    void checkOpen() {
        if (closed.getCount() == 0) {
            throw new ClientClosedException("The Genesys client is closed");
        }
    }

    /** Ends every wait in progress, and the ones to come. */
    @Override
    public void close() {
        closed.countDown();
    }
}
