package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The object-store settings of pods that read or write s3:// URIs: environment variables taken from the store Secret
 * (Helm value artifactStore.s3.secretName, a Secret of that name in each namespace), keys named as the variables.
 * The values never appear in specs, status, events or logs: the pod reads them from the Secret.
 */
public final class StoreCredentials {
    /** Required keys; the names the AWS SDK and CLI use. */
    public static final List<String> REQUIRED = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    /** Optional keys: endpoint of an S3-compatible server, region (default us-east-1), path-style addressing. */
    public static final List<String> OPTIONAL = List.of("AWS_ENDPOINT_URL", "AWS_REGION", "MLOPS_S3_PATH_STYLE");

    private StoreCredentials() {
    }

    /**
     * {@code env} and, when the pod uses the object store and a store Secret is configured, the store's variables
     * that {@code env} does not set already (a Dataset's own secretRef wins).
     */
    public static List<EnvVar> withStoreSettings(List<EnvVar> env, StoreVolumes volumes, OperatorSettings settings) {
        if (!volumes.usesObjectStore() || settings.storeSecret().isEmpty()) {
            return env;
        }
        Set<String> present = env.stream().map(EnvVar::getName).collect(Collectors.toSet());
        List<EnvVar> all = new ArrayList<>(env);
        for (String key : REQUIRED) {
            if (!present.contains(key)) {
                all.add(fromSecret(key, settings.storeSecret(), false));
            }
        }
        for (String key : OPTIONAL) {
            if (!present.contains(key)) {
                all.add(fromSecret(key, settings.storeSecret(), true));
            }
        }
        return all;
    }

    private static EnvVar fromSecret(String key, String secret, boolean optional) {
        return new EnvVarBuilder().withName(key)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, optional).endValueFrom()
                .build();
    }
}
