package dev.seed.mlops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.batch.BatchJobs;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.dataset.PrepareJobs;
import dev.seed.mlops.operator.drift.RetrainJobs;
import dev.seed.mlops.operator.inferenceservice.ServingObjects;
import dev.seed.mlops.operator.training.ModelVersions;
import dev.seed.mlops.operator.training.TrainingJobs;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The name budgets of the API (each kind's MAX_NAME_LENGTH) against the names the operator derives, with the largest
 * numbers they are sized for: every derived name is a DNS-1035 label a label value can hold.
 */
class ChildNamesFitTest {
    private static final int LABEL_VALUE = 63;
    private static final String DNS_1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_1123 = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Test
    void everyRunJobOfTheLongestBatchPredictionAndItsShardsHostnamesFit() {
        BatchPrediction bp = TestObjects.batchPrediction(longest(BatchPrediction.MAX_NAME_LENGTH));
        bp.getMetadata().setGeneration(99_999_999_999L);

        for (String run : List.of(BatchJobs.generationRun(bp), BatchJobs.scheduledRun(Instant.parse("9999-12-31T23:59:00Z")))) {
            String lastShardsHostname = BatchJobs.jobName(bp, run) + "-99";
            assertThat(lastShardsHostname).hasSizeLessThanOrEqualTo(LABEL_VALUE).matches(DNS_1035);
        }
    }

    @Test
    void aPrepareJobOfTheLongestDatasetFitsWithANineDigitGenerationARefreshAndARetry() {
        Dataset dataset = TestObjects.dataset(longest(Dataset.MAX_NAME_LENGTH));
        dataset.getMetadata().setGeneration(999_999_999L);

        String job = retry99(PrepareJobs.name(dataset, Instant.parse("2100-01-01T00:00:00Z")));

        assertThat(job).hasSizeLessThanOrEqualTo(LABEL_VALUE).matches(DNS_1035);
    }

    @Test
    void theTrainJobOfTheLongestTrainingJobFitsWithARetryAndAWorkerIndex() {
        TrainingJob trainingJob = TestObjects.trainingJob(longest(TrainingJob.MAX_NAME_LENGTH), "data");

        String workerPod = retry99(TrainingJobs.name(trainingJob)) + "-9999";

        assertThat(workerPod).hasSizeLessThanOrEqualTo(LABEL_VALUE).matches(DNS_1035);
    }

    @Test
    void everySearchTrialJobOfTheLongestTrainingJobFits() {
        TrainingJob trainingJob = TestObjects.trainingJob(longest(TrainingJob.MAX_NAME_LENGTH), "data");

        String lastTrial = TrainingJobs.trialName(trainingJob, dev.seed.mlops.api.v1alpha1.Search.MAX_TRIALS - 1);

        assertThat(lastTrial).endsWith("-t49").hasSizeLessThanOrEqualTo(LABEL_VALUE).matches(DNS_1035);
    }

    @Test
    void theRetrainOfTheLongestDriftPolicyIsAValidTrainingJobNameUpToTenMillionRetrains() {
        String policy = longest(DriftPolicy.MAX_NAME_LENGTH);
        RetrainTrigger last = new RetrainTrigger();
        last.setTrainingJob(policy + "-retrain-9999998");

        String retrain = RetrainJobs.nextName(policy, last);

        assertThat(retrain).endsWith("-retrain-9999999").hasSizeLessThanOrEqualTo(TrainingJob.MAX_NAME_LENGTH).matches(DNS_1035);
    }

    @Test
    void theServiceOfEachVersionOfTheLongestInferenceServiceFitsUpToANineDigitVersion() {
        InferenceService isvc = TestObjects.inferenceService(longest(InferenceService.MAX_NAME_LENGTH));

        String service = ServingObjects.versionService(isvc, 999_999_999L).getMetadata().getName();

        assertThat(service).hasSizeLessThanOrEqualTo(LABEL_VALUE).matches(DNS_1035);
    }

    @Test
    void theModelVersionATrainingJobRegistersIsAValidModelVersionNameForEveryVersionOfTheLongestModel() {
        String longestModel = ("9-" + "x".repeat(40)).substring(0, 40);

        assertThat(ModelVersions.name(longestModel, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(ModelVersion.MAX_NAME_LENGTH).matches(DNS_1123);
    }

    private static String longest(int length) {
        return ("credit-risk-" + "x".repeat(length)).substring(0, length);
    }

    /** The name a Job gets after 98 others were taken ({@code -r2} to {@code -r98}). */
    private static String retry99(String name) {
        Set<String> taken = IntStream.rangeClosed(2, 98).mapToObj(n -> name + "-r" + n).collect(Collectors.toSet());
        return OwnedJobs.alternativeName(name, taken);
    }
}
