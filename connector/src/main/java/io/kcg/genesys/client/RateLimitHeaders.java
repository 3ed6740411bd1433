package io.kcg.genesys.client;

import java.net.http.HttpHeaders;
import java.util.regex.Pattern;

/**
 * Genesys's {@code inin-ratelimit-*} headers of one answer: the requests the OAuth client may send in the current
 * window ({@code allowed}), those it sent ({@code count}) and the seconds until the window resets ({@code reset}).
 * A header that is absent or not a plain number reads as 0 (unknown), a huge one as {@code Integer.MAX_VALUE}: odd
 * headers never fail a request.
 */
record RateLimitHeaders(int allowed, int count, long resetSeconds) {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    static RateLimitHeaders of(HttpHeaders headers) {
        return new RateLimitHeaders(number(headers, "inin-ratelimit-allowed"), number(headers, "inin-ratelimit-count"),
                number(headers, "inin-ratelimit-reset"));
    }

    private static int number(HttpHeaders headers, String name) {
        String v = headers.firstValue(name).orElse("").trim();
        return NUMBER.matcher(v).matches() ? (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v)) : 0;
    }
}
