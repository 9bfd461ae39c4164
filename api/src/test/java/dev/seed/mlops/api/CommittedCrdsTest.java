package dev.seed.mlops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs in Git must be exactly what the build generates from the annotated classes. */
class CommittedCrdsTest {
    private static final String HOW_TO_FIX = "regenerate them with: ./mvnw -pl api process-classes -Pupdate-crds";

    @ParameterizedTest
    @ValueSource(strings = {"crds.committed", "crds.chart"})
    void committedCrdsMatchTheGeneratedOnes(String location) throws IOException {
        Path generated = Path.of(System.getProperty("crds.generated"));
        Path committed = Path.of(System.getProperty(location));

        assertThat(names(committed)).as("CRD files in %s; %s", committed, HOW_TO_FIX).isEqualTo(names(generated));
        for (String name : names(generated)) {
            assertThat(Files.readString(committed.resolve(name)))
                    .as("%s is stale; %s", committed.resolve(name), HOW_TO_FIX)
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
    }
}
