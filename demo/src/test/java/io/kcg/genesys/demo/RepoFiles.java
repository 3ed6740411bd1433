package io.kcg.genesys.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the integration tests find the repository and what `package` built in it. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }

    /** A file `mvn package` builds; fails with the command to run when it is missing. */
    static Path built(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: run `mvn -DskipTests package` from the repository root "
                    + "(mvn verify builds it before the integration tests)");
        }
        return path;
    }
}
