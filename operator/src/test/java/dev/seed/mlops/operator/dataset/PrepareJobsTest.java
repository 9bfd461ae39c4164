package dev.seed.mlops.operator.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrepareJobsTest {
    private static final OperatorSettings SETTINGS = new OperatorSettings(Set.of(), "pvc://mlops-store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600);

    @Test
    void namesFollowTheGenerationAndTheRefreshThatIsDue() {
        Dataset dataset = dataset();

        assertThat(PrepareJobs.name(dataset, null)).isEqualTo("credit-prepare-3");
        assertThat(PrepareJobs.name(dataset, Instant.ofEpochSecond(1_800_000_000L))).isEqualTo("credit-prepare-3-tro8w0");
    }

    @Test
    void thePrepareJobReadsTheSourceReadOnlyAndWritesTheStore() throws Exception {
        Job job = PrepareJobs.desired(dataset(), "credit-prepare-3", SETTINGS);
        Container trainer = job.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(trainer.getArgs()).containsSubsequence("prepare", "--name", "credit", "--spec");
        String spec = trainer.getArgs().get(trainer.getArgs().indexOf("--spec") + 1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec).at("/source/uri").asText())
                .isEqualTo("pvc://mlops-store/datasets/credit-risk/credit.csv");
        assertThat(trainer.getVolumeMounts()).extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : ":rw"))
                .containsExactly("/mnt/pvc/mlops-store:rw", "/tmp:rw");
        assertThat(job.getMetadata().getLabels()).containsEntry("mlops.seed.dev/dataset", "credit").containsEntry("mlops.seed.dev/generation", "3");
        assertThat(trainer.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    }

    @Test
    void badInputFailsThePrepareJobAtOnceAndAnEvictionIsNotCounted() {
        var rules = PrepareJobs.desired(dataset(), "credit-prepare-3", SETTINGS).getSpec().getPodFailurePolicy().getRules();

        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).containsExactly(dev.seed.mlops.artifact.JobResult.INVALID_INPUT_EXIT_CODE);
        });
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("Ignore");
            assertThat(rule.getOnPodConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
        });
    }

    @Test
    void aStoreOnS3GetsTheStoreSecretAndNoClaim() {
        OperatorSettings s3 = new OperatorSettings(Set.of(), "s3://models/store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600, "mlops-s3");

        Dataset dataset = dataset();
        dataset.getSpec().getSource().setUri("s3://datalake/credit/credit.csv");

        Job job = PrepareJobs.desired(dataset, "credit-prepare-3", s3);

        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getEnv()).filteredOn(env -> env.getValueFrom() != null)
                .extracting(env -> env.getName() + "<-" + env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly("AWS_ACCESS_KEY_ID<-mlops-s3/AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY<-mlops-s3/AWS_SECRET_ACCESS_KEY",
                        "AWS_ENDPOINT_URL<-mlops-s3/AWS_ENDPOINT_URL", "AWS_REGION<-mlops-s3/AWS_REGION", "MLOPS_S3_PATH_STYLE<-mlops-s3/MLOPS_S3_PATH_STYLE");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("tmp");
    }

    @Test
    void anS3SourceGetsItsCredentialsFromTheSecret() {
        Dataset dataset = dataset();
        dataset.getSpec().getSource().setUri("s3://datalake/credit/credit.csv");
        LocalObjectRef secret = new LocalObjectRef();
        secret.setName("datalake-credentials");
        dataset.getSpec().getSource().setSecretRef(secret);

        Container trainer = PrepareJobs.desired(dataset, "credit-prepare-3", SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(trainer.getEnv()).filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getName() + "<-" + e.getValueFrom().getSecretKeyRef().getName())
                .containsExactly("AWS_ACCESS_KEY_ID<-datalake-credentials", "AWS_SECRET_ACCESS_KEY<-datalake-credentials",
                        "AWS_ENDPOINT_URL<-datalake-credentials");
    }

    private static Dataset dataset() {
        Dataset dataset = TestObjects.dataset("credit");
        dataset.getMetadata().setNamespace("ml");
        dataset.getMetadata().setUid("uid-1");
        dataset.getMetadata().setGeneration(3L);
        return dataset;
    }
}
