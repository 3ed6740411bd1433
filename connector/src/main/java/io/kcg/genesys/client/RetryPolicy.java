package io.kcg.genesys.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What is retried and how long to wait before the next attempt.
 *
 * <h2>Statuses</h2>
 * Retried as Genesys's own SDKs retry them: 429, 502, 503 and 504. Also retried: 500 and 408. The SDKs leave them
 * out because most of the API's POSTs create or change something and must not run twice; an aggregates query only
 * reads, so repeating it is harmless, and a 500 of Genesys is most often a passing back-end failure. A 500 that
 * outlasts the retries fails the call as retriable, never for good. Not retried: 501, 505 and up, every other 4xx
 * (they are answers about the request, not about Genesys's health).
 *
 * <h2>Waits</h2>
 * {@code Retry-After} when Genesys sent one (whole seconds or an HTTP date; 3 s for a 429 without one, as the SDKs
 * do), else exponential back-off with full jitter. A {@code Retry-After} is clamped to {@link #LONGEST_RETRY_AFTER}
 * (a value of years, or one that overflows, must neither throw nor idle a task for years), and the clamp is logged.
 */
final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** A 429 without {@code Retry-After} waits this long, as Genesys's SDKs do. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(3);
    /** The longest {@code Retry-After} believed; longer values (daily limits, garbage) are cut to this. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private static final Pattern SECONDS = Pattern.compile("\\d+");

    private final GenesysClientConfig config;

    RetryPolicy(GenesysClientConfig config) {
        this.config = config;
    }

    /** Whether an answer with this status is worth asking again. */
    static boolean isRetriable(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** How many retries one call makes for transient failures. */
    int maxRetries() {
        return config.maxRetries();
    }

    /** The longest {@code Retry-After} waited out inside a call; a longer one ends the call as retriable. */
    Duration retryAfterCap() {
        return config.retryAfterCap();
    }

    /** Full-jitter exponential back-off before retry {@code retry} (1-based): uniform in [0, min(max, base 2^(n-1))]. */
    Duration backoff(int retry) {
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling(retry) + 1));
    }

    /**
     * The wait before authentication attempt {@code attempt + 1} after {@code attempt} refusals: the back-off's
     * ceiling with "equal jitter" (half fixed, half random), so that refusals are paced even on unlucky draws.
     */
    Duration authBackoff(int attempt) {
        long ceiling = ceiling(attempt);
        return Duration.ofNanos(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private long ceiling(int retry) {
        long base = config.backoffBase().toNanos();
        long max = config.backoffMax().toNanos();
        int shift = Math.max(0, retry - 1);
        return shift >= 62 || base > (max >> shift) ? max : base << shift;
    }

    /**
     * The {@code Retry-After} of an answer, clamped to [0, {@link #LONGEST_RETRY_AFTER}], or empty when there is none
     * or it cannot be read.
     */
    Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock.instant()));
    }

    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        String v = header.trim();
        Duration asked;
        if (SECONDS.matcher(v).matches()) {
            // More digits than a long holds is as absurd as a long number of seconds: both are cut to the longest.
            asked = v.length() > 18 ? null : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                asked = d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException | ArithmeticException e) {
                LOG.warn("Ignoring an unreadable Retry-After header from Genesys: '{}'",
                        ErrorTranslator.printable(v.length() > 64 ? v.substring(0, 64) + "..." : v));
                return Optional.empty();
            }
        }
        if (asked == null || asked.compareTo(LONGEST_RETRY_AFTER) > 0) {
            LOG.warn("Genesys asked to wait {} seconds (Retry-After); waiting {} s at most",
                    ErrorTranslator.printable(v.length() > 24 ? v.substring(0, 24) + "..." : v),
                    LONGEST_RETRY_AFTER.toSeconds());
            return Optional.of(LONGEST_RETRY_AFTER);
        }
        return Optional.of(asked);
    }
}
