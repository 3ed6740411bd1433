package io.kcg.genesys.client;

import java.util.concurrent.CancellationException;

/**
 * The call was cut short because its {@link GenesysClient} was closed: an in-flight request, a retry wait, a
 * Retry-After wait or a rate-limit wait ended at once. Nothing went wrong with Genesys; a caller that is stopping
 * treats it like any cancelled work (it is a {@link CancellationException}).
 */
public class ClientClosedException extends CancellationException {
    public ClientClosedException(String message) {
        super(message);
    }
}
