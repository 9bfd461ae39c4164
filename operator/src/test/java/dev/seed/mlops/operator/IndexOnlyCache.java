package dev.seed.mlops.operator;

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
import java.util.stream.Stream;

/** An informer cache that answers lookups by index and refuses every scan. */
public final class IndexOnlyCache<T extends HasMetadata> implements IndexerResourceCache<T> {
    private final Map<String, Function<T, List<String>>> indexers = new HashMap<>();
    private final Map<String, List<T>> byKey = new HashMap<>();

    public void add(T object) {
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
