package dev.seed.mlops.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The claim {@code mlops-store} that Datasets, models and the operator's Jobs share ({@code pvc://mlops-store}), bound
 * to a hostPath PersistentVolume on the single node. Pods only name the claim, so the restricted Pod Security
 * Standard admits them; on a real cluster the claim would come from a ReadWriteMany storage class instead.
 */
public final class ArtifactStore {
    public static final String CLAIM = "mlops-store";

    private ArtifactStore() {
    }

    /** Creates the volume in a directory of the node that uid 10001 may write, and its bound claim. */
    public static PersistentVolumeClaim createOnNode(KubernetesClient client, String namespace, LocalNode node)
            throws IOException, InterruptedException {
        String volumeName = namespace + "-" + CLAIM;
        String directory = node.sharedDirectory(volumeName);
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName).endMetadata()
                .withNewSpec()
                    .withCapacity(Map.of("storage", new Quantity("5Gi")))
                    .withAccessModes("ReadWriteMany")
                    .withPersistentVolumeReclaimPolicy("Retain")
                    .withStorageClassName("")
                    .withNewHostPath().withPath(directory).withType("Directory").endHostPath()
                    .withNewClaimRef().withNamespace(namespace).withName(CLAIM).endClaimRef()
                .endSpec()
                .build();
        client.resource(volume).serverSideApply();
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(CLAIM).withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteMany")
                    .withStorageClassName("")
                    .withVolumeName(volumeName)
                    .withNewResources().withRequests(Map.of("storage", new Quantity("5Gi"))).endResources()
                .endSpec()
                .build();
        client.resource(claim).serverSideApply();
        return client.persistentVolumeClaims().inNamespace(namespace).withName(CLAIM)
                .waitUntilCondition(c -> c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()), 2, TimeUnit.MINUTES);
    }
}
