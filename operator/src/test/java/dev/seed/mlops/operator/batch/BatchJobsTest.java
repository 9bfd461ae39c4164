package dev.seed.mlops.operator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchJobsTest {

    @Test
    void aRunOnS3PassesItsUrisAsTheyAreWithTheStoreSecretAndMountsNoClaim() {
        OperatorSettings settings = new OperatorSettings(Set.of(), "s3://lake/store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600, "mlops-s3");
        BatchJobs.RunInputs run = new BatchJobs.RunInputs("g1", "credit-v3", "s3://lake/store/models/credit/3",
                List.of("s3://lake/scoring/in.csv.gz"), "s3://lake/scores/g1", null);

        Job job = BatchJobs.desired(TestObjects.batchPrediction("credit-scores"), run, settings);

        var pod = job.getSpec().getTemplate().getSpec();
        List<String> args = pod.getContainers().get(0).getArgs();
        assertThat(args.get(args.indexOf("--artifact") + 1)).isEqualTo("s3://lake/store/models/credit/3");
        assertThat(args.get(args.indexOf("--input") + 1)).isEqualTo("s3://lake/scoring/in.csv.gz");
        assertThat(args.get(args.indexOf("--output") + 1)).isEqualTo("s3://lake/scores/g1");
        assertThat(pod.getContainers().get(0).getEnv()).filteredOn(env -> env.getValueFrom() != null)
                .extracting(env -> env.getName() + "<-" + env.getValueFrom().getSecretKeyRef().getName())
                .contains("AWS_ACCESS_KEY_ID<-mlops-s3", "AWS_SECRET_ACCESS_KEY<-mlops-s3", "AWS_ENDPOINT_URL<-mlops-s3");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("tmp");
    }
}
