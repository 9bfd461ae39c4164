package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.evaluate.Predictions;
import dev.seed.mlops.trainer.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** An XGBoost model with its manifest, ready to score tables: a fresh model, the champion, or any artifact. */
public final class ArtifactModel implements AutoCloseable {
    private final ModelManifest manifest;
    private final Booster booster;
    private final FeatureEncoder encoder;

    private ArtifactModel(ModelManifest manifest, Booster booster) {
        this.manifest = manifest;
        this.booster = booster;
        this.encoder = FeatureEncoder.of(manifest);
    }

    public static ArtifactModel of(ModelManifest manifest, byte[] model) throws XGBoostError, IOException {
        return new ArtifactModel(manifest, XGBoost.loadModel(model));
    }

    /** Loads an artifact directory, refusing formats other than xgboost and a model file whose sha256 differs. */
    public static ArtifactModel load(Path directory) throws XGBoostError, IOException {
        ModelManifest manifest = Json.read(directory.resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        if (manifest.formatVersion() > ModelManifest.CURRENT_FORMAT_VERSION) {
            throw new TrainerException(directory + ": manifest format " + manifest.formatVersion()
                    + " is newer than this trainer reads (" + ModelManifest.CURRENT_FORMAT_VERSION + ")");
        }
        if (!"xgboost".equals(manifest.format())) {
            throw new TrainerException(directory + ": the trainer scores xgboost models, this one is " + manifest.format());
        }
        byte[] model = Files.readAllBytes(directory.resolve(manifest.modelFile()));
        String sha256 = Sha256.hex(model);
        if (!sha256.equals(manifest.modelSha256())) {
            throw new TrainerException(directory + ": " + manifest.modelFile() + " has sha256 " + sha256
                    + ", the manifest says " + manifest.modelSha256());
        }
        return of(manifest, model);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public TaskType task() {
        return TaskType.valueOf(manifest.task());
    }

    public Predictions predict(Table table) throws XGBoostError {
        if (table.rows() == 0) {
            return new Predictions(task(), new float[0][]);
        }
        DMatrix matrix = new DMatrix(encoder.encode(table), table.rows(), encoder.width(), Float.NaN);
        try {
            return new Predictions(task(), booster.predict(matrix));
        } finally {
            matrix.dispose();
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
