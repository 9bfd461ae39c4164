package dev.seed.mlops.cluster;

import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Map;

/**
 * Where the operator keeps Datasets, snapshots, models and prediction logs ({@link ClaimStore}, the chart's default, or
 * {@link S3ArtifactStore}), and how the sample Dataset's source data gets there.
 */
public interface ArtifactStore {
    /** The chart's values that point the operator at this store. */
    Map<String, String> chartValues();

    /** Makes what pods in the namespace need to use the store: the claim, or the Secret with the server and credentials. */
    void prepare(KubernetesClient client, String namespace);

    /** The sample Dataset's {@code spec.source.uri} on this store. */
    String sourceUri();

    /** Writes (or replaces, whole) the sample Dataset's source: 20,000 customers of this population and label rule. */
    void writeSource(KubernetesClient client, String namespace, Population population, Concept concept, long seed) throws IOException;

    /** One phrase for the narration, e.g. "the claim mlops-store". */
    String describe();
}
