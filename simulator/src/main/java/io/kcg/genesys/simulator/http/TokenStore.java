package io.kcg.genesys.simulator.http;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Issued bearer tokens and when they expire, by the simulator's clock (so tests can expire them by advancing it). */
public final class TokenStore {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    /** Every token ever issued, kept after expiry, so a test can look for leaked tokens in logs. */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** A fresh opaque token, valid for lifetime from now. */
    public String issue(Instant now, Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, now.plus(lifetime));
        issued.add(token);
        return token;
    }

    public boolean isValid(String token, Instant now) {
        Instant expiry = token == null ? null : expiryByToken.get(token);
        return expiry != null && now.isBefore(expiry);
    }

    /** Every token issued so far, valid or not. */
    public Set<String> issued() {
        return Set.copyOf(issued);
    }

    /** Every token issued so far becomes unknown, hence rejected. */
    public void expireAll() {
        expiryByToken.clear();
    }
}
