package dev.seed.mlops.e2e.api;

import dev.seed.mlops.testing.RepoRoot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The YAML in config/samples/, read as a user's kubectl would send it (not through our Java classes). */
final class Samples {
    static final Path DIR = RepoRoot.path().resolve("config/samples");

    private Samples() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String fileName) {
        try {
            return Serialization.unmarshal(Files.readString(DIR.resolve(fileName)), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GenericKubernetesResource resource(Map<String, Object> object) {
        return Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
    }
}
