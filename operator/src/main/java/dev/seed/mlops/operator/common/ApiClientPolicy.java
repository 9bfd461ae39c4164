package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.client.Config;

/**
 * How the operator's Kubernetes client treats a failed request: it does not retry it. A reconcile that fails is retried
 * by the Java Operator SDK with backoff, its thread released in between; the client's own retries (ten by default,
 * with exponential backoff) held a reconcile thread about 19 s on a permanent HTTP 500 (issue 19).
 */
public final class ApiClientPolicy {
    private ApiClientPolicy() {
    }

    public static Config apply(Config config) {
        config.setRequestRetryBackoffLimit(0);
        return config;
    }
}
