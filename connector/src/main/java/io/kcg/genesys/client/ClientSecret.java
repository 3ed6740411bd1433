package io.kcg.genesys.client;

import java.util.Objects;

/**
 * An OAuth client secret. {@link #toString()} never shows it, so it cannot leak through a config dump, a log line or
 * an exception message by accident; only {@link #value()} reveals it, for the token request.
 */
public final class ClientSecret {
    private final String value;

    private ClientSecret(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when the secret is null or blank (the message does not include it) */
    public static ClientSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The OAuth client secret is missing");
        }
        return new ClientSecret(value);
    }

    /** The secret itself. Do not log it. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "[hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSecret && Objects.equals(((ClientSecret) o).value, value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
