package dev.seed.mlops.api.v1alpha1;

/** Names and shared validation expressions of the API group; referenced by annotations, so constants only. */
public final class ApiGroup {
    public static final String GROUP = "mlops.seed.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /**
     * A duration as Go's time.ParseDuration reads it, without a sign: numbers with optional fractions, each with a unit
     * (h, m, s, ms, us or µs, ns), e.g. 30s, 1.5h, 1h30m; or 0. The operator's Durations.parse reads the same strings.
     */
    public static final String DURATION_RULE = "self.matches('^(0|(([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$')";
    public static final String DURATION_HINT = " must be a duration such as 30s, 1.5h or 1h30m (units h, m, s, ms, us, ns; no sign)";
    /** The end of a duration rule's messageExpression, which starts with a double quote and the field's name. */
    public static final String DURATION_MESSAGE = DURATION_HINT + ", not '\" + self + \"'\"";
    /** A duration that is longer than zero (a valid duration that is not is refused by this rule, an invalid one by DURATION_RULE). */
    public static final String POSITIVE_DURATION_RULE = "!(" + DURATION_RULE + ") || duration(self) > duration('0s')";
    /** A duration of at least a minute, for what starts a Job each time (a valid duration that is not is refused by this rule). */
    public static final String AT_LEAST_A_MINUTE_RULE = "!(" + DURATION_RULE + ") || duration(self) >= duration('1m')";

    /*
     * Rules of a ResourceRequirements field, per well-known resource (cpu, memory, ephemeral-storage, nvidia.com/gpu):
     * each request and limit is a quantity, and no request exceeds its limit. Iterating over every key of the maps
     * would exceed the API server's CEL cost budget, since the core schema does not bound them; other resources are
     * checked by the API server when the operator creates the pod.
     */
    public static final String CPU_QUANTITY_RULE = "(!has(self.requests) || !('cpu' in self.requests) || isQuantity(string(self.requests['cpu']))) && (!has(self.limits) || !('cpu' in self.limits) || isQuantity(string(self.limits['cpu'])))";
    public static final String CPU_QUANTITY_MESSAGE = "requests.cpu and limits.cpu must be quantities such as 500m, 1 or 2.5, with no space before the unit";
    public static final String CPU_WITHIN_LIMIT_RULE = "!has(self.requests) || !has(self.limits) || !('cpu' in self.requests) || !('cpu' in self.limits)"
            + " || !isQuantity(string(self.requests['cpu'])) || !isQuantity(string(self.limits['cpu']))"
            + " || quantity(string(self.requests['cpu'])).compareTo(quantity(string(self.limits['cpu']))) <= 0";
    public static final String CPU_WITHIN_LIMIT_MESSAGE = "requests.cpu must not exceed limits.cpu";
    public static final String MEMORY_QUANTITY_RULE = "(!has(self.requests) || !('memory' in self.requests) || isQuantity(string(self.requests['memory']))) && (!has(self.limits) || !('memory' in self.limits) || isQuantity(string(self.limits['memory'])))";
    public static final String MEMORY_QUANTITY_MESSAGE = "requests.memory and limits.memory must be quantities such as 512Mi or 1Gi (binary units Ki, Mi, Gi; decimal k, M, G), with no space before the unit";
    public static final String MEMORY_WITHIN_LIMIT_RULE = "!has(self.requests) || !has(self.limits) || !('memory' in self.requests) || !('memory' in self.limits)"
            + " || !isQuantity(string(self.requests['memory'])) || !isQuantity(string(self.limits['memory']))"
            + " || quantity(string(self.requests['memory'])).compareTo(quantity(string(self.limits['memory']))) <= 0";
    public static final String MEMORY_WITHIN_LIMIT_MESSAGE = "requests.memory must not exceed limits.memory";
    public static final String STORAGE_QUANTITY_RULE = "(!has(self.requests) || !('ephemeral-storage' in self.requests) || isQuantity(string(self.requests['ephemeral-storage']))) && (!has(self.limits) || !('ephemeral-storage' in self.limits) || isQuantity(string(self.limits['ephemeral-storage'])))";
    public static final String STORAGE_QUANTITY_MESSAGE = "requests.ephemeral-storage and limits.ephemeral-storage must be quantities such as 512Mi or 10Gi (binary units Ki, Mi, Gi; decimal k, M, G), with no space before the unit";
    public static final String STORAGE_WITHIN_LIMIT_RULE = "!has(self.requests) || !has(self.limits) || !('ephemeral-storage' in self.requests) || !('ephemeral-storage' in self.limits)"
            + " || !isQuantity(string(self.requests['ephemeral-storage'])) || !isQuantity(string(self.limits['ephemeral-storage']))"
            + " || quantity(string(self.requests['ephemeral-storage'])).compareTo(quantity(string(self.limits['ephemeral-storage']))) <= 0";
    public static final String STORAGE_WITHIN_LIMIT_MESSAGE = "requests.ephemeral-storage must not exceed limits.ephemeral-storage";
    public static final String GPU_QUANTITY_RULE = "(!has(self.requests) || !('nvidia.com/gpu' in self.requests) || isQuantity(string(self.requests['nvidia.com/gpu']))) && (!has(self.limits) || !('nvidia.com/gpu' in self.limits) || isQuantity(string(self.limits['nvidia.com/gpu'])))";
    public static final String GPU_QUANTITY_MESSAGE = "requests.nvidia.com/gpu and limits.nvidia.com/gpu must be quantities such as 1 or 2, with no space before the unit";
    public static final String GPU_WITHIN_LIMIT_RULE = "!has(self.requests) || !has(self.limits) || !('nvidia.com/gpu' in self.requests) || !('nvidia.com/gpu' in self.limits)"
            + " || !isQuantity(string(self.requests['nvidia.com/gpu'])) || !isQuantity(string(self.limits['nvidia.com/gpu']))"
            + " || quantity(string(self.requests['nvidia.com/gpu'])).compareTo(quantity(string(self.limits['nvidia.com/gpu']))) <= 0";
    public static final String GPU_WITHIN_LIMIT_MESSAGE = "requests.nvidia.com/gpu must not exceed limits.nvidia.com/gpu";

    /** An RFC 1123 label: what a model name must be so that it can name Deployments and label values. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_LABEL_RULE = "self.matches('" + DNS_LABEL + "')";
    public static final String DNS_LABEL_MESSAGE = " must be a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit";
    /** An RFC 1123 subdomain: what the name of an object in the cluster may be. */
    public static final String OBJECT_NAME_RULE = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')";
    public static final String OBJECT_NAME_MESSAGE = " must be an object name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";

    /** A sha256 as 64 lowercase hex digits; the message says so in words, since @Pattern would show the regex. */
    public static final String SHA256_HEX_RULE = "self.matches('^[a-f0-9]{64}$')";
    public static final String SHA256_HEX_MESSAGE = " must be a sha256 of 64 lowercase hex digits (0-9, a-f)";
    /** A Dataset snapshot digest: sha256: and 64 lowercase hex digits. */
    public static final String SNAPSHOT_DIGEST_RULE = "self.matches('^sha256:[a-f0-9]{64}$')";
    public static final String SNAPSHOT_DIGEST_MESSAGE = " must be a snapshot digest: sha256: followed by 64 lowercase hex digits (0-9, a-f), as in a Dataset's status";
    /**
     * An s3:// URI whose key has an empty segment ({@code //}) or a {@code ..} segment: S3 would store it under a key no
     * reader resolves to (the store's clients refuse such keys), so admission refuses it first.
     */
    public static final String S3_KEY_RULE = "!self.matches('^s3://.+//') && !self.matches('^s3://[^/]*/(.*/)?[.][.](/.*)?$')";
    public static final String S3_KEY_MESSAGE = "an s3:// key must not have an empty segment (//) or a '..' segment";
    /** The end of a messageExpression that echoes a string value; it follows a double-quoted CEL string without its closing quote. */
    public static final String NOT_VALUE = ", not '\" + self + \"'\"";

    private ApiGroup() {
    }
}
