package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetrainProgressTest {

    @Test
    void noTrainingJobMeansNothingInFlight() {
        assertThat(RetrainProgress.of(Optional.empty(), Optional.empty(), serving("m-v1", null))).isEqualTo(RetrainProgress.NONE);
    }

    @Test
    void aRunningOrWaitingTrainingJobIsTraining() {
        assertThat(RetrainProgress.of(job(null, null), Optional.empty(), serving("m-v1", null))).isEqualTo(RetrainProgress.TRAINING);
        assertThat(RetrainProgress.of(job("WaitingForData", null), Optional.empty(), serving("m-v1", null))).isEqualTo(RetrainProgress.TRAINING);
        assertThat(RetrainProgress.of(job("Running", null), Optional.empty(), serving("m-v1", null))).isEqualTo(RetrainProgress.TRAINING);
    }

    @Test
    void aFailedRunEndsTheRetrain() {
        assertThat(RetrainProgress.of(job("Failed", null), Optional.empty(), serving("m-v1", null))).isEqualTo(RetrainProgress.NONE);
    }

    @Test
    void aValidatedVersionOrItsCanaryIsReplacingUntilPromotedOrRejected() {
        assertThat(RetrainProgress.of(job("Succeeded", "m-v2"), version(ModelStage.Validated), serving("m-v1", null))).isEqualTo(RetrainProgress.REPLACING);
        assertThat(RetrainProgress.of(job("Succeeded", "m-v2"), version(ModelStage.Canary), serving("m-v1", "m-v2"))).isEqualTo(RetrainProgress.REPLACING);
        assertThat(RetrainProgress.of(job("Succeeded", "m-v2"), version(ModelStage.Production), serving("m-v2", null))).isEqualTo(RetrainProgress.NONE);
        assertThat(RetrainProgress.of(job("Succeeded", "m-v2"), version(ModelStage.Rejected), serving("m-v1", null))).isEqualTo(RetrainProgress.NONE);
        assertThat(RetrainProgress.of(job("Succeeded", "m-v2"), version(ModelStage.Candidate), serving("m-v1", null))).isEqualTo(RetrainProgress.TRAINING);
    }

    private static Optional<TrainingJob> job(String phase, String modelVersion) {
        TrainingJob job = new TrainingJob();
        if (phase != null) {
            job.setStatus(new TrainingJobStatus());
            job.getStatus().setPhase(phase);
            job.getStatus().setModelVersion(modelVersion);
        }
        return Optional.of(job);
    }

    private static Optional<ModelVersion> version(ModelStage stage) {
        ModelVersion mv = new ModelVersion();
        mv.setStatus(new ModelVersionStatus());
        mv.getStatus().setStage(stage);
        return Optional.of(mv);
    }

    private static InferenceService serving(String stable, String canary) {
        InferenceService isvc = new InferenceService();
        isvc.setStatus(new InferenceServiceStatus());
        ServingVersion serving = new ServingVersion();
        serving.setModelVersion(stable);
        isvc.getStatus().setStable(serving);
        if (canary != null) {
            CanaryStatus canaryStatus = new CanaryStatus();
            canaryStatus.setModelVersion(canary);
            isvc.getStatus().setCanary(canaryStatus);
        }
        return isvc;
    }
}
