package io.kcg.genesys.source;

import org.apache.kafka.connect.errors.ConnectException;

import java.time.Clock;
import java.util.function.Supplier;

/** The clock a task plans windows with: the system's, or for tests and demos one supplied by a named class. */
final class Clocks {
    private Clocks() {
    }

    @SuppressWarnings("unchecked")
    static Clock from(String supplierClass) {
        if (supplierClass == null || supplierClass.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            Class<?> type = Class.forName(supplierClass.trim(), true, Clocks.class.getClassLoader());
            return ((Supplier<Clock>) type.getDeclaredConstructor().newInstance()).get();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConnectException("testing.clock.class " + supplierClass
                    + " must name a public class implementing Supplier<java.time.Clock> with a no-arg constructor", e);
        }
    }
}
