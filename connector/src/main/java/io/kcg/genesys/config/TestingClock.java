package io.kcg.genesys.config;

import org.apache.kafka.connect.errors.ConnectException;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The clock a task plans windows with: the system's, or in the project's own integration tests one supplied by a
 * named class. That key is internal: it is not in the ConfigDef (so neither in the docs nor in validate()'s list),
 * and it is honoured only on a worker JVM started with {@value #ENABLE_PROPERTY}{@code =true}, so a REST caller
 * cannot make a production worker load a class of its choice. The class is checked to be a
 * {@code Supplier<Clock>} before it is initialised.
 */
public final class TestingClock {
    /** The internal connector key naming a {@code Supplier<java.time.Clock>} class. */
    public static final String CLOCK_CLASS = "internal.testing.clock.class";
    /** The worker JVM's system property that allows {@link #CLOCK_CLASS}. */
    public static final String ENABLE_PROPERTY = "kcg.genesys.testing.clock.enabled";

    private TestingClock() {
    }

    /** The system clock, or the testing clock the connector config names where the worker allows one. */
    public static Clock from(Map<String, String> props) {
        String name = props.getOrDefault(CLOCK_CLASS, "").trim();
        if (name.isEmpty()) {
            return Clock.systemUTC();
        }
        String problem = problem(name);
        if (problem != null) {
            throw new ConnectException(problem);
        }
        try {
            @SuppressWarnings("unchecked")
            Supplier<Clock> supplier = (Supplier<Clock>) Class.forName(name, true, TestingClock.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            return supplier.get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConnectException(CLOCK_CLASS + " " + name + " could not supply a clock: " + e, e);
        }
    }

    /** What is wrong with a testing clock class name on this worker, or null when it can be used. */
    public static String problem(String name) {
        if (!Boolean.getBoolean(ENABLE_PROPERTY)) {
            return CLOCK_CLASS + " is internal to the connector's own tests and this worker does not allow it; "
                    + "remove it from the connector config";
        }
        try {
            Class<?> type = Class.forName(name, false, TestingClock.class.getClassLoader()); // not initialised yet
            if (!Supplier.class.isAssignableFrom(type)) {
                return CLOCK_CLASS + " " + name + " does not implement Supplier<java.time.Clock>";
            }
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return CLOCK_CLASS + " " + name + " is not on the plugin's class path";
        }
    }
}
