package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Algorithm;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingJobsTest {
    private static final OperatorSettings SETTINGS = new OperatorSettings(Set.of(), "pvc://mlops-store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600);

    @Test
    void theTrainingJobRunsTheTrainerWithTheSnapshotVersionAndChampion() {
        Job job = TrainingJobs.desired(trainingJob(), "pvc://data/datasets/credit/sha256-ab", 7, "pvc://mlops-store/models/credit-risk/6", SETTINGS);
        Container trainer = job.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(job.getMetadata().getName()).isEqualTo("credit-train-train");
        assertThat(trainer.getImage()).isEqualTo("mlops-trainer:1");
        assertThat(trainer.getArgs()).containsSubsequence("train", "--snapshot", "pvc://data/datasets/credit/sha256-ab",
                "--store", "pvc://mlops-store", "--version", "7", "--champion", "pvc://mlops-store/models/credit-risk/6");
        assertThat(trainer.getVolumeMounts()).extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : ":rw"))
                .containsExactly("/mnt/pvc/data:ro", "/mnt/pvc/mlops-store:rw", "/tmp:rw");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getMetadata().getLabels()).containsEntry("mlops.seed.dev/trainingjob", "credit-train")
                .containsEntry("mlops.seed.dev/version", "7");
    }

    @Test
    void everyContainerIsRestricted() {
        Job job = TrainingJobs.desired(trainingJob(), "pvc://mlops-store/datasets/x", 1, null, SETTINGS);
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0).getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void aCustomTrainerRunsTheUsersImageAndCommand() {
        TrainingJob custom = trainingJob();
        custom.getSpec().setAlgorithm(Algorithm.custom);
        custom.getSpec().setImage("registry.example.com/my-trainer:2");
        custom.getSpec().setCommand(List.of("python", "-m", "train"));

        Container container = TrainingJobs.desired(custom, "pvc://mlops-store/datasets/x", 1, null, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getImage()).isEqualTo("registry.example.com/my-trainer:2");
        assertThat(container.getCommand()).containsExactly("python", "-m", "train");
        assertThat(container.getArgs()).startsWith("train");
    }

    @Test
    void badInputFailsEveryTrainingJobAtOnceAndAnEvictionIsNotCounted() {
        Job run = TrainingJobs.desired(trainingJob(), "pvc://mlops-store/datasets/x", 1, null, SETTINGS);
        Job trial = TrainingJobs.trial(trainingJob(), "credit-train-t0", "pvc://mlops-store/datasets/x", 1, Map.of("max_depth", "3"), null, SETTINGS);

        for (Job job : List.of(run, trial)) {
            assertThat(job.getSpec().getPodFailurePolicy().getRules()).satisfiesExactly(
                    rule -> {
                        assertThat(rule.getAction()).isEqualTo("FailJob");
                        assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("trainer");
                        assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
                        assertThat(rule.getOnExitCodes().getValues()).containsExactly(JobResult.INVALID_INPUT_EXIT_CODE);
                    },
                    rule -> {
                        assertThat(rule.getAction()).isEqualTo("Ignore");
                        assertThat(rule.getOnPodConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
                    });
        }
    }

    @Test
    void oneWorkerIsAPlainJob() {
        Job job = TrainingJobs.desired(trainingJob(), "pvc://mlops-store/datasets/x", 1, null, SETTINGS);

        assertThat(job.getSpec().getCompletionMode()).isNull();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).doesNotContain("--workers");
    }

    @Test
    void threeWorkersAreAnIndexedJobOfThreePodsAtOnceWhoseTrackerIsBehindAServiceSelectingWorkerZero() {
        TrainingJob group = trainingJob();
        group.getSpec().setWorkers(3);

        Job job = TrainingJobs.desired(group, "credit-train-train-r2", "pvc://mlops-store/datasets/x", 1, null, Map.of(), "10.43.0.7", SETTINGS);
        var pod = job.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).as("the run's deadline bounds the group too").isEqualTo(3600L);
        assertThat(trainer.getArgs()).containsSubsequence("--workers", "3", "--tracker", "10.43.0.7:9091",
                "--tracker-bind", "$(POD_IP)", "--worker-timeout", "300");
        assertThat(trainer.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("POD_IP");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
        var service = WorkerGroups.service(group);
        assertThat(service.getMetadata().getName()).isEqualTo("credit-train-workers");
        assertThat(service.getSpec().getSelector()).containsEntry("batch.kubernetes.io/job-completion-index", "0");
        Map<String, String> workerZero = new java.util.HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        workerZero.put("batch.kubernetes.io/job-completion-index", "0");
        assertThat(workerZero).as("the labels the Job controller gives worker 0's pod").containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(9091, 9092);
    }

    @Test
    void theWorkersWaitForEachOtherAsLongAsWorkerStartTimeoutSays() {
        TrainingJob group = trainingJob();
        group.getSpec().setWorkers(2);
        group.getSpec().setWorkerStartTimeout("12m30s");

        Job job = TrainingJobs.desired(group, "credit-train-train", "pvc://mlops-store/datasets/x", 1, null, Map.of(), "10.43.0.7", SETTINGS);

        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsSubsequence("--worker-timeout", "750");
    }

    private static TrainingJob trainingJob() {
        TrainingJob trainingJob = TestObjects.trainingJob("credit-train", "credit");
        trainingJob.getMetadata().setNamespace("ml");
        trainingJob.getMetadata().setUid("uid-1");
        return trainingJob;
    }
}
