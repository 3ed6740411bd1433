package io.kcg.genesys.reliability;

import io.kcg.genesys.it.ReadingClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The connector's testing.clock.class for a worker in another JVM: "now" is the instant written in the file named by
 * the system property {@value #FILE_PROPERTY}, which the test rewrites whenever it moves the simulator's clock.
 */
public final class FileClock implements Supplier<Clock> {
    static final String FILE_PROPERTY = "genesys.test.clock.file";

    /** Writes {@code now} for the workers to read (atomically: a reader never sees half a line). */
    static void write(Path file, Instant now) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, now.toString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Clock get() {
        Path file = Path.of(System.getProperty(FILE_PROPERTY));
        return new ReadingClock(() -> {
            try {
                return Instant.parse(Files.readString(file).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
