package dev.seed.mlops.operator.app;

import dev.seed.mlops.operator.common.OperatorSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

/** application.properties (or MLOPS_* environment variables, as the Helm chart sets them). */
@ConfigMapping(prefix = "mlops")
public interface OperatorConfig {
    /** Namespaces to watch, comma separated; empty watches all. */
    Optional<Set<String>> namespaces();

    /** Base URI of the artifact store. */
    @WithDefault("pvc://mlops-store")
    String artifactStore();

    Images images();

    LeaderElection leaderElection();

    /**
     * Name of the Secret, in each namespace, that holds the object store's settings (AWS_ACCESS_KEY_ID,
     * AWS_SECRET_ACCESS_KEY, optional AWS_ENDPOINT_URL, AWS_REGION, MLOPS_S3_PATH_STYLE) for pods that use s3:// URIs.
     */
    Optional<String> storeSecret();

    /** Seconds a finished Job is kept before Kubernetes deletes it. */
    @WithDefault("86400")
    int jobTtlSeconds();

    interface Images {
        @WithDefault("mlops-trainer:0.1.0")
        String trainer();

        @WithDefault("mlops-inference-server:0.1.0")
        String inference();

        @WithDefault("IfNotPresent")
        String pullPolicy();
    }

    interface LeaderElection {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("mlops-operator-leader")
        String leaseName();

        /** Namespace of the Lease; default: the namespace the operator runs in. */
        Optional<String> leaseNamespace();
    }

    default OperatorSettings settings() {
        return new OperatorSettings(namespaces().orElse(Set.of()), artifactStore(), images().trainer(), images().inference(),
                images().pullPolicy(), jobTtlSeconds(), storeSecret().orElse(""));
    }
}
