package io.kcg.genesys.client;

import org.junit.jupiter.api.Test;

import io.kcg.genesys.config.ApiUrls;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenesysClientConfigTest {
    private static final String SECRET = "s3cr3t-Value-xyz";

    private static GenesysClientConfig.Builder base() {
        return GenesysClientConfig.builder().clientId("my-client").clientSecret(SECRET);
    }

    @Test
    void defaults() {
        GenesysClientConfig c = base().region(GenesysRegion.eu_west_2).build();
        assertEquals(URI.create("https://api.euw2.pure.cloud"), c.apiBase());
        assertEquals(URI.create("https://login.euw2.pure.cloud"), c.loginBase());
        assertEquals(180, c.requestsPerMinute());
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ofSeconds(60), c.requestTimeout());
        assertEquals(Duration.ofSeconds(180), c.retryAfterCap());
        assertEquals(5, c.maxRetries());
        assertEquals(Duration.ofSeconds(1), c.backoffBase());
        assertEquals(Duration.ofSeconds(60), c.backoffMax());
        assertEquals(256L * 1024 * 1024, c.maxResponseBytes());
        assertEquals(Duration.ofMinutes(5), c.authRetryTimeout());
        assertEquals(SECRET, c.clientSecret().value());
    }

    @Test
    void secretNeverShows() {
        GenesysClientConfig c = base().apiBase("http://127.0.0.1:8089").build();
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertTrue(c.toString().contains("clientSecret=[hidden]"), c.toString());
        assertEquals("[hidden]", c.clientSecret().toString());
        assertFalse(c.toBuilder().build().toString().contains(SECRET));
    }

    @Test
    void missingValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GenesysClientConfig.builder().clientId("x").clientSecret("y").build())
                .getMessage().contains("base URL"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GenesysClientConfig.builder().region(GenesysRegion.us_east_1).clientSecret("y").build())
                .getMessage().contains("client id"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GenesysClientConfig.builder().region(GenesysRegion.us_east_1).clientId("x").build())
                .getMessage().contains("client secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base().region(GenesysRegion.us_east_1).clientSecret(" ")).getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> base().region(GenesysRegion.us_east_1)
                .requestsPerMinute(0).build());
        assertThrows(IllegalArgumentException.class, () -> base().region(GenesysRegion.us_east_1)
                .maxRetries(-1).build());
        assertThrows(IllegalArgumentException.class, () -> base().region(GenesysRegion.us_east_1)
                .backoffBase(Duration.ofSeconds(10)).backoffMax(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> base().region(GenesysRegion.us_east_1)
                .requestTimeout(Duration.ZERO).build());
    }

    @Test
    void plainHttpOnlyForLoopbackHosts() {
        for (String ok : new String[] {"http://127.0.0.1:8089", "http://127.1.2.3", "http://localhost:1/",
                "http://LOCALHOST", "http://[::1]:8089", "http://[0:0:0:0:0:0:0:1]", "https://api.mypurecloud.com"}) {
            GenesysClientConfig c = base().apiBase(ok).build();
            assertFalse(c.apiBase().toString().endsWith("/"), ok);
        }
        for (String bad : new String[] {"http://api.mypurecloud.com", "http://10.0.0.1:8089",
                "http://localhost.evil.test", "http://127.0.0.1.evil.test", "http://128.0.0.1", "http://[::2]"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> base().apiBase(bad).build(), bad);
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("must use https"), e.getMessage());
        }
        IllegalArgumentException login = assertThrows(IllegalArgumentException.class,
                () -> base().region(GenesysRegion.us_east_1).loginBase(URI.create("http://login.mypurecloud.com")).build());
        assertTrue(login.getMessage().contains("http://login.mypurecloud.com"), login.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base().apiBase("ftp://127.0.0.1").build());
        assertThrows(IllegalArgumentException.class, () -> base().apiBase("https://u:p@api.mypurecloud.com").build());
        assertThrows(IllegalArgumentException.class, () -> base().apiBase("https://api.mypurecloud.com?x=1").build());
        assertThrows(IllegalArgumentException.class, () -> base().apiBase("api.mypurecloud.com").build());
    }

    @Test
    void theClientAcceptsExactlyTheUrlsApiUrlsAccepts() {
        for (String url : new String[] {"http://127.0.0.1:8089", "http://127.1:8089", "http://0177.0.0.1",
                "http://127.000.000.001", "http://2130706433", "http://localhost", "http://[::1]:1",
                "http://[::ffff:127.0.0.1]", "https://api.mypurecloud.com", "http://api.mypurecloud.com",
                "https://u:p@api.mypurecloud.com", "https://api.mypurecloud.com?x", "ftp://127.0.0.1", "//x",
                "http://127.0.0.1.nip.io", "http://127.01.0.1:8089", "http://127.0.0.255"}) {
            String problem = ApiUrls.problem(url);
            boolean built;
            try {
                base().apiBase(url).build();
                built = true;
            } catch (IllegalArgumentException e) {
                built = false;
                assertTrue(problem != null && e.getMessage().endsWith(problem), url + ": " + e.getMessage());
            }
            assertEquals(problem == null, built, url + ": ApiUrls says " + problem);
        }
        assertTrue(ApiUrls.problem("http://127.1:8089").contains("127.x.y.z"), "shorthand loopback is refused");
    }

    @Test
    void loginBaseIsDerivedOrExplicit() {
        assertEquals(URI.create("http://127.0.0.1:8089"), base().apiBase("http://127.0.0.1:8089/").build().loginBase());
        assertEquals(URI.create("https://login.mypurecloud.com"),
                base().apiBase("https://api.mypurecloud.com").build().loginBase());
        assertEquals(URI.create("http://127.0.0.1:9000"), base().apiBase("http://127.0.0.1:8089")
                .loginBase(URI.create("http://127.0.0.1:9000/")).build().loginBase());
    }
}
