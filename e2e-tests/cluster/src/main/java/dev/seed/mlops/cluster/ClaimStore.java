package dev.seed.mlops.cluster;

import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Map;

/**
 * The chart's default store: the claim {@code mlops-store} that Datasets, models and the operator's Jobs share
 * ({@code pvc://mlops-store}), from the cluster's default StorageClass: the node image's local-path provisioner here,
 * K3s' own on rancher/k3s. ReadWriteOnce is enough on a single node, where every pod that mounts it runs; a cluster of
 * several nodes needs a ReadWriteMany class (or an s3:// store). The source data is written by a Job that mounts it.
 */
public final class ClaimStore implements ArtifactStore {
    public static final String CLAIM = "mlops-store";
    public static final ClaimStore INSTANCE = new ClaimStore();

    private ClaimStore() {
    }

    @Override
    public Map<String, String> chartValues() {
        return Map.of("artifactStore.uri", "pvc://" + CLAIM);
    }

    /** Creates the claim; it binds when the first pod that mounts it is scheduled. */
    @Override
    public void prepare(KubernetesClient client, String namespace) {
        client.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(CLAIM).withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources().withRequests(Map.of("storage", new Quantity("5Gi"))).endResources()
                .endSpec()
                .build()).serverSideApply();
    }

    @Override
    public String sourceUri() {
        return SampleDataJob.SOURCE;
    }

    @Override
    public void writeSource(KubernetesClient client, String namespace, Population population, Concept concept, long seed) throws IOException {
        SampleDataJob.run(client, namespace, ProductImages.TRAINER, population, concept, seed);
    }

    @Override
    public String describe() {
        return "the claim " + CLAIM;
    }
}
