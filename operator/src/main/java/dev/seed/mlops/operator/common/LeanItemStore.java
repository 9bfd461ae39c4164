package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import java.util.Optional;
import java.util.Set;

/**
 * An informer cache that keeps objects without their managedFields, which no reconciler reads from a cache it uses this
 * store for. managedFields is a tree of every field each manager set, often larger than the object itself once several
 * managers (the operator, controllers, kubelets) wrote it; at a thousand services the copies in every informer were a
 * large share of the operator's heap (issue 19).
 * <p>
 * One store serves one informer: JOSDK gives every informer of a configuration the same store, and when it watches
 * several namespaces (an informer each) a relist of one namespace would drop the others' objects. So it is used only
 * where one informer watches all namespaces or the only one.
 */
public final class LeanItemStore<T extends HasMetadata> extends BasicItemStore<T> {
    public LeanItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    /** A store for a configuration that watches these namespaces (empty: all), unless they need an informer each. */
    public static <T extends HasMetadata> Optional<ItemStore<T>> forNamespaces(Set<String> namespaces) {
        return namespaces.size() <= 1 ? Optional.of(new LeanItemStore<>()) : Optional.empty();
    }

    /** The informer configuration with a lean store where {@link #forNamespaces} allows one. */
    public static <T extends HasMetadata> InformerEventSourceConfiguration.Builder<T> lean(InformerEventSourceConfiguration.Builder<T> informer,
            Set<String> namespaces) {
        LeanItemStore.<T>forNamespaces(namespaces).ifPresent(informer::withItemStore);
        return informer;
    }

    @Override
    public T put(String key, T object) {
        object.getMetadata().setManagedFields(null);
        return super.put(key, object);
    }
}
