package io.kcg.genesys.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenesysRegionTest {

    @Test
    void eighteenRegionsWithDistinctApiHosts() {
        assertEquals(18, GenesysRegion.values().length);
        Set<String> hosts = new HashSet<>();
        for (GenesysRegion r : GenesysRegion.values()) {
            assertTrue(hosts.add(r.apiBase().getHost()), r.name());
            assertEquals("https", r.apiBase().getScheme());
            assertEquals("api." + r.host(), r.apiBase().getHost());
            assertEquals(URI.create("https://login." + r.host()), r.loginBase());
            assertEquals(r.loginBase(), GenesysRegion.loginBaseFor(r.apiBase()));
        }
        assertEquals(URI.create("https://api.mypurecloud.com"), GenesysRegion.us_east_1.apiBase());
        assertEquals(URI.create("https://api.use2.us-gov-pure.cloud"), GenesysRegion.us_east_2.apiBase());
        assertEquals(URI.create("https://api.edee1.eusc-pure.cloud"), GenesysRegion.eusc_de_east_1.apiBase());
        assertEquals(URI.create("https://api.mypurecloud.com.au"), GenesysRegion.ap_southeast_2.apiBase());
    }

    @Test
    void loginHostIsDerivedLikeTheSdks() {
        assertEquals(URI.create("https://login.mypurecloud.com"),
                GenesysRegion.loginBaseFor(URI.create("https://api.mypurecloud.com")));
        assertEquals(URI.create("https://login.euw2.pure.cloud"),
                GenesysRegion.loginBaseFor(URI.create("https://api.euw2.pure.cloud/")));
        assertEquals(URI.create("https://login.example.test:8443"),
                GenesysRegion.loginBaseFor(URI.create("https://api.example.test:8443")));
        assertEquals(URI.create("https://login.mypurecloud.ie"),
                GenesysRegion.loginBaseFor(URI.create("https://API.mypurecloud.ie")));
    }

    @Test
    void otherBaseUrlsServeTheirOwnLogin() {
        assertEquals(URI.create("http://127.0.0.1:8089"),
                GenesysRegion.loginBaseFor(URI.create("http://127.0.0.1:8089/")));
        assertEquals(URI.create("http://localhost:8089"),
                GenesysRegion.loginBaseFor(URI.create("http://localhost:8089")));
        assertEquals(URI.create("https://genesys-proxy.corp.test/gc"),
                GenesysRegion.loginBaseFor(URI.create("https://genesys-proxy.corp.test/gc")));
    }

    @Test
    void lookupAcceptsSdkNamesAndHosts() {
        assertEquals(GenesysRegion.eu_west_1, GenesysRegion.fromName("eu_west_1"));
        assertEquals(GenesysRegion.eu_west_1, GenesysRegion.fromName(" EU_WEST_1 "));
        assertEquals(GenesysRegion.eu_west_1, GenesysRegion.fromName("eu-west-1"));
        assertEquals(GenesysRegion.eu_west_1, GenesysRegion.fromName("mypurecloud.ie"));
        assertEquals(GenesysRegion.eu_west_2, GenesysRegion.fromName("euw2.pure.cloud"));
        assertEquals(GenesysRegion.eu_west_2, GenesysRegion.fromName("api.euw2.pure.cloud"));
        assertEquals(GenesysRegion.eu_west_2, GenesysRegion.fromName("https://login.euw2.pure.cloud/"));
        assertEquals(GenesysRegion.us_east_1, GenesysRegion.fromName("mypurecloud.com"));
        assertEquals(GenesysRegion.ap_southeast_2, GenesysRegion.fromName("mypurecloud.com.au"));
        assertTrue(GenesysRegion.find("mypurecloud.fr").isEmpty());
        assertTrue(GenesysRegion.find(null).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenesysRegion.fromName("us-east-9"));
        assertTrue(e.getMessage().contains("'us-east-9'") && e.getMessage().contains("eusc_de_east_1"),
                e.getMessage());
    }
}
