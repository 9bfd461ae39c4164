package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicasOwnersStoreTest {
    private final ReplicasOwnersStore store = new ReplicasOwnersStore();

    private static ManagedFieldsEntry entry(String manager, String operation, Map<String, Object> tree) {
        FieldsV1 fields = new FieldsV1();
        tree.forEach(fields::setAdditionalProperty);
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withFieldsType("FieldsV1").withFieldsV1(fields).build();
    }

    private static Deployment deployment(ManagedFieldsEntry... entries) {
        return new DeploymentBuilder().withNewMetadata().withName("s0-v1").withNamespace("ns").withResourceVersion("3")
                .withManagedFields(entries).endMetadata().build();
    }

    private static Map<String, Object> spec(boolean replicas) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (replicas) {
            spec.put("f:replicas", Map.of());
        }
        spec.put("f:template", Map.of("f:spec", Map.of("f:containers", Map.of("k:{\"name\":\"server\"}", Map.of(".", Map.of(), "f:image", Map.of())))));
        return Map.of("f:spec", spec);
    }

    private Deployment cached(Deployment deployment) {
        store.put(store.getKey(deployment), deployment);
        return store.get("ns/s0-v1");
    }

    @Test
    void keepsOnlyTheEntriesThatOwnSpecReplicasAndOnlyThatField() {
        Deployment cached = cached(deployment(entry(ServingApplier.FIELD_MANAGER, "Apply", spec(true)),
                entry("kube-controller-manager", "Update", Map.of("f:status", Map.of("f:replicas", Map.of())))));

        List<ManagedFieldsEntry> kept = cached.getMetadata().getManagedFields();
        assertThat(kept).singleElement().satisfies(entry -> {
            assertThat(entry.getManager()).isEqualTo(ServingApplier.FIELD_MANAGER);
            assertThat(entry.getOperation()).isEqualTo("Apply");
            assertThat(entry.getFieldsV1().getAdditionalProperties()).isEqualTo(Map.of("f:spec", Map.of("f:replicas", Map.of())));
        });
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("3");
    }

    @Test
    void theApplierDecidesWhoOwnsTheReplicasFromTheCacheAsFromTheFullObject() {
        Deployment owned = deployment(entry(ServingApplier.FIELD_MANAGER, "Apply", spec(true)));
        Deployment handedOver = deployment(entry(ServingApplier.FIELD_MANAGER, "Apply", spec(false)), entry("hpa-handover", "Apply", spec(true)));
        Deployment scaledByKubectl = deployment(entry(ServingApplier.FIELD_MANAGER, "Apply", spec(false)), entry("kubectl", "Update", spec(true)));

        for (Deployment full : List.of(owned, handedOver, scaledByKubectl)) {
            boolean expected = ServingApplier.ownsReplicas(full);
            assertThat(ServingApplier.ownsReplicas(cached(full))).isEqualTo(expected);
        }
        assertThat(ServingApplier.ownsReplicas(cached(deployment(entry(ServingApplier.FIELD_MANAGER, "Apply", spec(true)))))).isTrue();
    }
}
