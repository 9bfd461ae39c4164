package dev.seed.mlops.store;

import java.util.regex.Pattern;

/**
 * An {@code s3://<bucket>/<key>} location. The bucket follows S3's naming rules (3 to 63 lowercase letters, digits,
 * dots and dashes); the key is a prefix for a directory (an artifact, a snapshot) or a whole key for one object.
 */
public record S3Uri(String bucket, String key) {
    public static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]$");

    public S3Uri {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name (3 to 63 lowercase letters, digits, '.', '-')");
        }
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("//") || key.matches("(^|.*/)\\.\\.(/.*|$)")) {
            throw new IllegalArgumentException("'" + key + "' is not an object key: empty, or with a leading '/', '//' or '..'");
        }
    }

    public static boolean isS3(String uri) {
        return uri != null && uri.startsWith(SCHEME);
    }

    /** Parses {@code s3://<bucket>/<key>}; a trailing slash is dropped. */
    public static S3Uri parse(String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("'" + uri + "' is not an s3://<bucket>/<key> URI");
        }
        String rest = uri.substring(SCHEME.length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + uri + "' names a bucket but no key: s3://<bucket>/<key>");
        }
        try {
            return new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
        }
    }

    /** The object or prefix {@code relative} below this one. */
    public S3Uri resolve(String relative) {
        return new S3Uri(bucket, key + "/" + relative);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
