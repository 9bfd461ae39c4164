package dev.seed.mlops.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.CliRun;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TestDatasets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three classes that a numeric and a categorical feature separate, with label noise: the whole path, multiclass. */
class MulticlassTrainingTest {
    @TempDir
    Path work;

    @Test
    void learnsThreeClassesAndProfilesThePredictedClass() throws IOException {
        DatasetSpec spec = TestDatasets.threeClasses(work.resolve("three.csv"));

        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "kinds", "--store", work.resolve("store").toString());
        assertThat(prepared.exitCode()).isZero();
        CliRun trained = CliRun.run(work, "train", "--spec", "{\"model\":\"kinds\",\"hyperparameters\":{\"max_depth\":\"3\",\"nthread\":\"1\"}}",
                "--snapshot", prepared.result().uri(), "--store", work.resolve("store").toString(), "--version", "1");
        assertThat(trained.exitCode()).as("%s", trained.result()).isZero();

        JobResult result = trained.result();
        assertThat(result.metrics().get("accuracy")).isGreaterThan(0.8);
        assertThat(result.metrics().get("auc")).isGreaterThan(0.9);
        assertThat(result.metrics().get("logLoss")).isLessThan(0.6);
        DataProfile profile = Json.read(Path.of(result.uri()).resolve(ArtifactFiles.PROFILE), DataProfile.class);
        FeatureProfile predicted = profile.features().get(profile.features().size() - 1);
        assertThat(predicted.name()).isEqualTo(ArtifactFiles.PREDICTION);
        assertThat(predicted.type()).isEqualTo("categorical");
        assertThat(predicted.categories()).containsExactlyInAnyOrder("0", "1", "2");
    }
}
