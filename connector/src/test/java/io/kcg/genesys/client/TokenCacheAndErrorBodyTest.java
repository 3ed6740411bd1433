package io.kcg.genesys.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class TokenCacheAndErrorBodyTest {
    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    private static final Waits WAITS = new Waits(null);

    @Test
    void tokensAreRenewedShortlyBeforeTheyExpire() {
        assertEquals(T.plusSeconds(86399 - 60), TokenCache.renewAt(T, Duration.ofSeconds(86399)));
        assertEquals(T.plusSeconds(300 - 30), TokenCache.renewAt(T, Duration.ofSeconds(300)));
        assertEquals(T.plusSeconds(600 - 60), TokenCache.renewAt(T, Duration.ofSeconds(600)));
    }

    @Test
    void aCachedTokenIsReusedUntilDueOrRefused() throws InterruptedException {
        TokenCache cache = new TokenCache();
        AtomicInteger fetches = new AtomicInteger();
        TokenCache.Fetcher fetcher = () -> new TokenCache.Token("t" + fetches.incrementAndGet(),
                TokenCache.renewAt(T, Duration.ofSeconds(3600)));
        Clock early = Clock.fixed(T.plusSeconds(100), ZoneOffset.UTC);
        assertEquals("t1", cache.get(early, fetcher, WAITS));
        assertEquals("t1", cache.get(early, fetcher, WAITS));
        cache.invalidate("some-older-token");
        assertEquals("t1", cache.get(early, fetcher, WAITS), "only the refused token is dropped");
        cache.invalidate("t1");
        assertEquals("t2", cache.get(early, fetcher, WAITS));
        Clock late = Clock.fixed(T.plusSeconds(3600 - 60), ZoneOffset.UTC);
        assertEquals("t3", cache.get(late, fetcher, WAITS));
        assertEquals(3, fetches.get());
        assertFalse(new TokenCache.Token("secret-token", T).toString().contains("secret-token"));
    }

    @Test
    void errorBodiesOfEveryShape() {
        ErrorBody genesys = ErrorTranslator.read(("{\"message\":\"Value [] is not valid for field type [QueryFilterType]. "
                + "Allowable values are: and, or\",\"code\":\"invalid.value\",\"status\":400,"
                + "\"contextId\":\"7dafa55d-1111\",\"details\":[],\"errors\":[]}").getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid.value", genesys.code());
        assertEquals("7dafa55d-1111", genesys.contextId());
        assertEquals("Value [] is not valid for field type [QueryFilterType]. Allowable values are: and, or",
                genesys.message());
        ErrorBody oauth = ErrorTranslator.read("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid_client", oauth.code());
        assertEquals("bad secret", oauth.message());
        ErrorBody html = ErrorTranslator.read("<html>\n<body>502 Bad Gateway</body>\n</html>".getBytes(StandardCharsets.UTF_8));
        assertNull(html.code());
        assertEquals("<html> <body>502 Bad Gateway</body> </html>", html.message());
        assertEquals(ErrorBody.EMPTY, ErrorTranslator.read(new byte[0]));
        assertEquals(ErrorBody.EMPTY, ErrorTranslator.read("  ".getBytes(StandardCharsets.UTF_8)));
        ErrorBody array = ErrorTranslator.read("[1,2]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1,2]", array.message());
        String longText = "x".repeat(5000);
        assertEquals(300, ErrorTranslator.read(longText.getBytes(StandardCharsets.UTF_8)).message().length());
    }
}
