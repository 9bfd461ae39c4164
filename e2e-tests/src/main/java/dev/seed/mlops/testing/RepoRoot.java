package dev.seed.mlops.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: from the build's system property, else the nearest parent holding mvnw. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path path() {
        String configured = System.getProperty("mlops.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
