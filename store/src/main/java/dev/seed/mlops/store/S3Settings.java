package dev.seed.mlops.store;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach the object store, from the environment the operator fills from a Secret (docs/api.md); the AWS
 * names where AWS has one, so a Secret made for the AWS CLI works as it is:
 * {@value #ENDPOINT} (unset: AWS's own endpoint for the region), {@value #REGION} (default us-east-1),
 * {@value #PATH_STYLE} ({@code true} for most S3-compatible servers: {@code <endpoint>/<bucket>/<key>} rather than
 * {@code <bucket>.<endpoint>}), {@value #ACCESS_KEY_ID} and {@value #SECRET_ACCESS_KEY} (unset: the SDK's default
 * chain, e.g. a web identity token or an instance role).
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<String> accessKeyId,
                         Optional<String> secretAccessKey) {
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String REGION = "AWS_REGION";
    public static final String PATH_STYLE = "MLOPS_S3_PATH_STYLE";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** Every variable, in the order the operator passes them from the store Secret (keys of the same names). */
    public static final List<String> VARIABLES = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, ENDPOINT, REGION, PATH_STYLE);
    public static final String DEFAULT_REGION = "us-east-1";

    public static S3Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static S3Settings from(Map<String, String> env) {
        Optional<URI> endpoint = value(env, ENDPOINT).map(text -> {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ObjectStoreException(ENDPOINT + " must be an http:// or https:// URL, not '" + text + "'");
            }
            return uri;
        });
        String pathStyle = value(env, PATH_STYLE).orElse("false");
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
            throw new ObjectStoreException(PATH_STYLE + " must be true or false, not '" + pathStyle + "'");
        }
        Optional<String> keyId = value(env, ACCESS_KEY_ID);
        Optional<String> secret = value(env, SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ObjectStoreException("set both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + ", or neither");
        }
        return new S3Settings(endpoint, value(env, REGION).orElse(DEFAULT_REGION), Boolean.parseBoolean(pathStyle), keyId, secret);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Without the secret, so the settings can be logged. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", region=" + region
                + ", pathStyle=" + pathStyle + ", credentials=" + (accessKeyId.isPresent() ? "static" : "default chain") + "]";
    }
}
