package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts the PersistentVolumeClaims that pvc:// URIs name at {@value #PVC_ROOT}/&lt;claim&gt;, where the trainer and the
 * inference server resolve them. Each claim is mounted once, writable only where the pod writes.
 */
public final class StoreVolumes {
    public static final String PVC_ROOT = "/mnt/pvc";

    private final Map<String, Boolean> claims = new LinkedHashMap<>();
    private boolean objectStore;

    /**
     * Adds the claim of a pvc:// URI; other schemes need no volume (an s3:// URI makes the pod an object-store
     * user, see {@link StoreCredentials}). A writable request wins over a read-only one.
     */
    public StoreVolumes add(String uri, boolean writable) {
        claimOf(uri).ifPresent(claim -> claims.merge(claim, writable, Boolean::logicalOr));
        objectStore |= uri != null && uri.startsWith("s3://");
        return this;
    }

    /** Whether one of the URIs added is on S3, so the pod needs the object store's settings. */
    public boolean usesObjectStore() {
        return objectStore;
    }

    public List<Volume> volumes() {
        return claims.keySet().stream().map(claim -> new VolumeBuilder()
                .withName(volumeName(claim))
                .withNewPersistentVolumeClaim(claim, false)
                .build()).toList();
    }

    public List<VolumeMount> mounts() {
        return claims.entrySet().stream().map(claim -> new VolumeMountBuilder()
                .withName(volumeName(claim.getKey()))
                .withMountPath(PVC_ROOT + "/" + claim.getKey())
                .withReadOnly(!claim.getValue())
                .build()).toList();
    }

    public static java.util.Optional<String> claimOf(String uri) {
        if (uri == null || !uri.startsWith("pvc://")) {
            return java.util.Optional.empty();
        }
        String rest = uri.substring("pvc://".length());
        int slash = rest.indexOf('/');
        return java.util.Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** Where a pvc:// URI is inside a pod with these mounts; other URIs are passed through unchanged. */
    public static String localPath(String uri) {
        return uri.startsWith("pvc://") ? PVC_ROOT + "/" + uri.substring("pvc://".length()) : uri;
    }

    private static String volumeName(String claim) {
        return ("pvc-" + claim).length() > 63 ? ("pvc-" + claim).substring(0, 63) : "pvc-" + claim;
    }
}
