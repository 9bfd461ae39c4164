package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.operator.common.LeanItemStore;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The serving Deployments' informer cache, with managedFields cut down to what {@link ServingApplier} reads from it:
 * which managers' entries hold {@code spec.replicas}. A Deployment's managedFields hold the tree of every field of its
 * pod template the operator applied and of its status the controller-manager wrote, several times the rest of the
 * object (at 100 services the heap held 2,253 managedFields entries and 113,682 maps, much of them such trees: class
 * histogram, issue 19).
 * Used where {@link LeanItemStore} would be: one informer for all watched namespaces.
 */
final class ReplicasOwnersStore extends BasicItemStore<Deployment> {
    private static final String SPEC = "f:spec";
    private static final String REPLICAS = "f:replicas";

    ReplicasOwnersStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    static Optional<ItemStore<Deployment>> forNamespaces(Set<String> namespaces) {
        return LeanItemStore.<Deployment>forNamespaces(namespaces).map(lean -> new ReplicasOwnersStore());
    }

    @Override
    public Deployment put(String key, Deployment deployment) {
        List<ManagedFieldsEntry> fields = deployment.getMetadata().getManagedFields();
        if (fields != null) {
            deployment.getMetadata().setManagedFields(fields.stream().filter(ReplicasOwnersStore::holdsReplicas)
                    .map(entry -> new ManagedFieldsEntryBuilder().withManager(entry.getManager()).withOperation(entry.getOperation())
                            .withFieldsType(entry.getFieldsType()).withFieldsV1(replicasOnly()).build())
                    .toList());
        }
        return super.put(key, deployment);
    }

    private static boolean holdsReplicas(ManagedFieldsEntry entry) {
        return entry.getFieldsV1() != null && entry.getFieldsV1().getAdditionalProperties().get(SPEC) instanceof Map<?, ?> spec
                && spec.containsKey(REPLICAS);
    }

    private static FieldsV1 replicasOnly() {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty(SPEC, Map.of(REPLICAS, Map.of()));
        return fields;
    }
}
