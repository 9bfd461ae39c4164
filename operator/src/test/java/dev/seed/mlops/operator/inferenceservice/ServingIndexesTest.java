package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A ModelVersion event finds the services of its model through an index, never by scanning every service (issue 19). */
class ServingIndexesTest {

    @Test
    void aModelVersionFindsTheServicesOfItsModelWithoutAScan() {
        IndexOnlyCache<InferenceService> services = new IndexOnlyCache<>();
        ServingIndexes.indexServices(services);
        IntStream.range(0, 100).forEach(i -> services.add(service("s" + i, "model-" + i % 50, "team-a")));
        services.add(service("other-namespace", "model-7", "team-b"));
        ModelVersion mv = TestObjects.handMadeModelVersion("model-7-v2");
        mv.getMetadata().setNamespace("team-a");
        mv.getSpec().setModel("model-7");

        assertThat(ServingIndexes.servicesOf(services, mv))
                .containsExactlyInAnyOrder(new ResourceID("s7", "team-a"), new ResourceID("s57", "team-a"));
    }

    private static InferenceService service(String name, String model, String namespace) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getMetadata().setNamespace(namespace);
        isvc.getSpec().setModel(model);
        return isvc;
    }

    /** An informer cache that answers lookups by index and refuses every scan. */
    private static final class IndexOnlyCache<T extends HasMetadata> implements IndexerResourceCache<T> {
        private final Map<String, Function<T, List<String>>> indexers = new HashMap<>();
        private final Map<String, List<T>> byKey = new HashMap<>();

        void add(T object) {
            indexers.forEach((index, keys) -> keys.apply(object)
                    .forEach(key -> byKey.computeIfAbsent(index + "=" + key, k -> new ArrayList<>()).add(object)));
        }

        @Override
        public void addIndexers(Map<String, Function<T, List<String>>> more) {
            indexers.putAll(more);
        }

        @Override
        public List<T> byIndex(String index, String key) {
            return byKey.getOrDefault(index + "=" + key, List.of());
        }

        @Override
        public Stream<T> list(String namespace, Predicate<T> predicate) {
            throw new AssertionError("scanned every object of namespace " + namespace);
        }

        @Override
        public Stream<T> list(Predicate<T> predicate) {
            throw new AssertionError("scanned every object");
        }

        @Override
        public Optional<T> get(ResourceID id) {
            throw new AssertionError("not used");
        }

        @Override
        public Stream<ResourceID> keys() {
            throw new AssertionError("scanned every key");
        }
    }
}
