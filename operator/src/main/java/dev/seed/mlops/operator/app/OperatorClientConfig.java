package dev.seed.mlops.operator.app;

import dev.seed.mlops.operator.common.ApiClientPolicy;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.arc.Unremovable;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/** The client Quarkus builds for the operator follows {@link ApiClientPolicy}. */
@Singleton
@Unremovable
public class OperatorClientConfig implements KubernetesConfigCustomizer {
    @Override
    public void customize(Config config) {
        ApiClientPolicy.apply(config);
    }
}
