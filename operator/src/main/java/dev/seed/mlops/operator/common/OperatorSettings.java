package dev.seed.mlops.operator.common;

import java.util.Set;

/**
 * How the operator is installed: what it watches, where the artifact store is and which images it runs.
 *
 * @param namespaces         namespaces to watch; empty means all
 * @param artifactStore      base URI of the artifact store, e.g. pvc://mlops-store
 * @param trainerImage       image of the prepare and training Jobs
 * @param inferenceImage     image of the inference server
 * @param imagePullPolicy    pull policy of the operator's pods (IfNotPresent for images loaded without a registry)
 * @param jobTtlSeconds      seconds a finished Job is kept before Kubernetes deletes it; results live in status
 * @param storeSecret        name of the Secret, in each namespace, with the object store's settings for pods that
 *                           use s3:// URIs (StoreCredentials); empty: none, the pods use the SDK's default chain
 */
public record OperatorSettings(
        Set<String> namespaces,
        String artifactStore,
        String trainerImage,
        String inferenceImage,
        String imagePullPolicy,
        int jobTtlSeconds,
        String storeSecret) {

    /** Without a store Secret. */
    public OperatorSettings(Set<String> namespaces, String artifactStore, String trainerImage, String inferenceImage,
            String imagePullPolicy, int jobTtlSeconds) {
        this(namespaces, artifactStore, trainerImage, inferenceImage, imagePullPolicy, jobTtlSeconds, "");
    }
}
