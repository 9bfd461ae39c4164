package dev.seed.mlops.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A namespace that enforces the restricted Pod Security Standard: every pod the operator makes must pass it. */
public final class RestrictedNamespace {
    private RestrictedNamespace() {
    }

    public static Namespace create(KubernetesClient client, String name) {
        return client.resource(new NamespaceBuilder()
                .withNewMetadata()
                    .withName(name)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                    .addToLabels("pod-security.kubernetes.io/warn", "restricted")
                .endMetadata()
                .build()).serverSideApply();
    }
}
