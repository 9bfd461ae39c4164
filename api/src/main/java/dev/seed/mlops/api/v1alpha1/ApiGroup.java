package dev.seed.mlops.api.v1alpha1;

/** Names and shared validation expressions of the API group; referenced by annotations, so constants only. */
public final class ApiGroup {
    public static final String GROUP = "mlops.seed.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** A Go-style duration such as 30s, 5m, 1h30m. */
    public static final String DURATION_RULE = "self.matches('^([0-9]+(ms|s|m|h))+$')";
    public static final String DURATION_MESSAGE = "must be a duration such as 30s, 5m or 1h30m";

    /** An RFC 1123 label: what a model name must be so that it can name Deployments and label values. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public static final String SHA256_HEX = "^[a-f0-9]{64}$";
    public static final String SNAPSHOT_DIGEST = "^sha256:[a-f0-9]{64}$";

    private ApiGroup() {
    }
}
