package dev.seed.mlops.serving.model;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest;
import java.nio.file.Path;

/**
 * One model version read from its artifact directory, its model file checked against the manifest.
 *
 * @param name           the model name served
 * @param version        the version served
 * @param directory      the artifact directory
 * @param manifest       manifest.json
 * @param profile        profile.json, the drift baseline
 * @param baselineDigest sha256:&lt;hex&gt; of profile.json, so a drift reading names the baseline it used
 */
public record ModelArtifact(
        String name,
        String version,
        Path directory,
        ModelManifest manifest,
        DataProfile profile,
        String baselineDigest) {

    public Path modelFile() {
        return directory.resolve(manifest.modelFile());
    }

    public int featureCount() {
        return manifest.features().size();
    }

    /** Values per predicted row: the class probabilities of a multiclass model, else one value. */
    public int outputWidth() {
        return "multiclass".equals(manifest.task()) ? manifest.numClasses() : 1;
    }

    /** A binary or multiclass model, whose outputs are class probabilities. */
    public boolean isClassifier() {
        return "binary".equals(manifest.task()) || "multiclass".equals(manifest.task());
    }

    public boolean isXgboost() {
        return "xgboost".equals(manifest.format());
    }

    public boolean isOnnx() {
        return "onnx".equals(manifest.format());
    }
}
