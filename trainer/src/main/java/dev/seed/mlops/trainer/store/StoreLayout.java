package dev.seed.mlops.trainer.store;

import dev.seed.mlops.trainer.TrainerException;
import java.util.regex.Pattern;

/** Where snapshots and model artifacts live inside the artifact store (see the model-artifact contract). */
public final class StoreLayout {
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private StoreLayout() {
    }

    /** {@code datasets/<name>/sha256-<hex>}: a snapshot is addressed by the digest of its source bytes. */
    public static String snapshot(String datasetName, String sourceSha256Hex) {
        return "datasets/" + checkName("dataset", datasetName) + "/sha256-" + sourceSha256Hex;
    }

    /** {@code models/<model>/<version>}. */
    public static String modelArtifact(String model, int version) {
        if (version < 1) {
            throw new TrainerException("version must be a positive integer, got " + version);
        }
        return "models/" + checkName("model", model) + "/" + version;
    }

    /**
     * {@code baselines/<model>/<version>/sha256-<hex>}: the drift baseline of a model brought by hand, by the digest of
     * the snapshot it was profiled from ({@code sha256:<hex>}).
     */
    public static String baseline(String model, long version, String snapshotDigest) {
        if (version < 1) {
            throw new TrainerException("version must be a positive integer, got " + version);
        }
        if (snapshotDigest == null || !snapshotDigest.matches("sha256:[a-f0-9]{64}")) {
            throw new TrainerException("the snapshot's profile has no digest sha256:<64 hex digits>, but " + snapshotDigest);
        }
        return "baselines/" + checkName("model", model) + "/" + version + "/" + snapshotDigest.replace(':', '-');
    }

    private static String checkName(String what, String name) {
        if (name == null || name.length() > 253 || !DNS_LABEL.matcher(name).matches()) {
            throw new TrainerException(what + " name '" + name + "' must be a DNS label (lowercase letters, digits, '-')");
        }
        return name;
    }
}
