package io.kcg.genesys.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK 21+ for a process the tests start (Apicurio Registry 3 needs it; Maven and the tests run on 17). Where it
 * looks, in order: the system property {@value #PROPERTY} (the connector's pom sets it from {@value #ENV}), the
 * environment variable {@value #ENV} ({@code .ci/run} exports it), the JVM running the tests if it is 21+, and JDKs
 * installed beside that JVM (the usual layout of /usr/lib/jvm, /Library/Java/JavaVirtualMachines, SDKMAN).
 */
public final class Java21Home {
    public static final String PROPERTY = "genesys.java21.home";
    public static final String ENV = "GENESYS_JAVA21_HOME";
    static final int MIN_FEATURE = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");

    private Java21Home() {
    }

    /** The home of a JDK 21+, or empty; an explicit setting that is no such JDK is an error, not a skip. */
    public static Optional<Path> find() {
        for (String explicit : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            // An unset variable reaches the pom's property as the literal ${env...}.
            if (explicit != null && !explicit.isBlank() && !explicit.contains("${")) {
                Path home = Path.of(explicit.trim());
                if (feature(home) < MIN_FEATURE) {
                    throw new IllegalStateException(PROPERTY + " / " + ENV + " = " + home + " is not a JDK "
                            + MIN_FEATURE + "+ (no bin/java or a release file saying an older version)");
                }
                return Optional.of(home);
            }
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= MIN_FEATURE) {
            return Optional.of(running);
        }
        Path installs = running.getParent();
        if (installs == null || !Files.isDirectory(installs)) {
            return Optional.empty();
        }
        try (Stream<Path> siblings = Files.list(installs)) {
            List<Path> candidates = siblings.filter(home -> feature(home) >= MIN_FEATURE).toList();
            return candidates.stream().max(Comparator.comparingInt(Java21Home::feature));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a test that needs the JDK is skipped. */
    public static String missing(String what) {
        return what + " needs Java " + MIN_FEATURE + "+, and none was found: set " + ENV + " (or -D" + PROPERTY
                + ") to the home of a JDK " + MIN_FEATURE + "+ (.ci/run finds one under /usr/lib/jvm)";
    }

    /** The feature version of the JDK at {@code home} by its release file, or 0 when it is none. */
    static int feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    public static Path java(Path home) {
        return home.resolve("bin/java");
    }
}
