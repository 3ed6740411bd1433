package io.kcg.genesys.client;

import io.kcg.genesys.parse.Rows;
import io.kcg.genesys.simulator.GenesysSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The token shared in the JVM belongs to the secret that obtained it: a client configured with the same client id
 * but a wrong secret is refused, instead of using the token another client got with the right one.
 */
class TokenPerSecretTest {
    private static final String QUERY = "{\"interval\":\"2026-03-09T00:00:00Z/2026-03-09T01:00:00Z\","
            + "\"metrics\":[\"nOffered\"]}";

    @Test
    void aWrongSecretDoesNotRideOnAnotherClientsToken() {
        try (GenesysSimulator sim = GenesysSimulator.builder().clientId("per-secret").clientSecret("right-secret")
                .fixedClock(Instant.parse("2026-03-10T00:00:00Z")).port(0).build().start()) {
            GenesysClientConfig right = GenesysClientConfig.builder().apiBase(sim.baseUrl()).clientId("per-secret")
                    .clientSecret("right-secret").build();
            try (GenesysClient client = new GenesysClient(right)) {
                client.queryAggregatesWith("conversations", QUERY, Rows.ROWS);
            }
            try (GenesysClient client = new GenesysClient(right.toBuilder().clientSecret("wrong-secret")
                    .authRetryTimeout(Duration.ZERO).build())) {
                assertThrows(GenesysAuthenticationException.class,
                        () -> client.queryAggregatesWith("conversations", QUERY, Rows.ROWS));
            }
            try (GenesysClient client = new GenesysClient(right)) {
                client.queryAggregatesWith("conversations", QUERY, Rows.ROWS); // the right secret's token is still shared
            }
            assertEquals(2, sim.stats().tokenRequests(), "one token for the right secret, one refused attempt");
        }
    }
}
