package dev.seed.mlops.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The claim {@code mlops-store} that Datasets, models and the operator's Jobs share ({@code pvc://mlops-store}), from
 * the cluster's default StorageClass: the node image's local-path provisioner here, K3s' own on rancher/k3s.
 * ReadWriteOnce is enough on a single node, where every pod that mounts it runs; a cluster of several nodes needs a
 * ReadWriteMany class (or an s3:// store).
 */
public final class ArtifactStore {
    public static final String CLAIM = "mlops-store";

    private ArtifactStore() {
    }

    /** Creates the claim; it binds when the first pod that mounts it is scheduled. */
    public static PersistentVolumeClaim create(KubernetesClient client, String namespace) {
        return client.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(CLAIM).withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources().withRequests(Map.of("storage", new Quantity("5Gi"))).endResources()
                .endSpec()
                .build()).serverSideApply();
    }
}
