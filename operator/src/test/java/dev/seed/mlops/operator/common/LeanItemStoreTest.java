package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {
    @Test
    void keepsObjectsWithoutTheirManagedFields() {
        LeanItemStore<Pod> store = new LeanItemStore<>();
        Pod pod = new PodBuilder().withNewMetadata().withName("server-0").withNamespace("ns").withResourceVersion("7")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update").build())
                .endMetadata().build();

        store.put(store.getKey(pod), pod);

        Pod cached = store.get("ns/server-0");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(store.getKey(pod)).isEqualTo(Cache.metaNamespaceKeyFunc(pod));
    }
}
