package io.kcg.genesys.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One OAuth access token, shared by every client of the same OAuth client. It is renewed shortly before it expires
 * (60 s or 10 % of its lifetime early, whichever is less) and when the API refuses it. Only one thread fetches at a
 * time; the others wait for its result, or give up when their own client closes. The token value never leaves this
 * class except as the bearer header value.
 */
final class TokenCache {
    /** Fetches a new token; called with the lock held. */
    interface Fetcher {
        Token fetch() throws InterruptedException;
    }

    /** A token and when to stop using it. */
    record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    /**
     * The cached token, or a new one from {@code fetcher} when there is none or it is due for renewal.
     *
     * @throws ClientClosedException when {@code waits} closes while another thread's fetch holds the lock
     */
    String get(Clock clock, Fetcher fetcher, Waits waits) throws InterruptedException {
        Token t = current;
        if (t != null && clock.instant().isBefore(t.renewAt())) {
            return t.value();
        }
        while (!lock.tryLock(50, TimeUnit.MILLISECONDS)) {
            waits.checkOpen(); // the fetch of another client holds the lock for up to its request timeout
        }
        try {
            t = current;
            if (t != null && clock.instant().isBefore(t.renewAt())) {
                return t.value(); // another thread renewed it while this one waited
            }
            t = fetcher.fetch();
            current = t;
            return t.value();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code refused} if it is still the cached token (the API answered 401 with it). */
    void invalidate(String refused) {
        lock.lock();
        try {
            Token t = current;
            if (t != null && t.value().equals(refused)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** When to renew a token issued at {@code issuedAt} that lives {@code expiresIn}. */
    static Instant renewAt(Instant issuedAt, Duration expiresIn) {
        Duration early = expiresIn.dividedBy(10);
        if (early.compareTo(Duration.ofSeconds(60)) > 0) {
            early = Duration.ofSeconds(60);
        }
        return issuedAt.plus(expiresIn).minus(early);
    }
}
