package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.batch.BatchJobs;
import dev.seed.mlops.operator.dataset.PrepareJobs;
import dev.seed.mlops.operator.drift.DriftPlan;
import dev.seed.mlops.operator.drift.QualityJobs;
import dev.seed.mlops.operator.training.TrainingJobs;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pod template the operator builds is admitted where the restricted Pod Security Standard is enforced. */
@ExtendWith(ApiServerExtension.class)
class RestrictedPodSecurityIT {
    private static OperatorHarness cluster;

    @BeforeAll
    static void restrictedNamespace(TestApiServer api) {
        cluster = new OperatorHarness(api, "restricted", Map.of("pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest"));
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    static Stream<Job> operatorJobs() {
        var dataset = TestObjects.dataset("credit");
        dataset.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
        dataset.getMetadata().setGeneration(1L);
        var trainingJob = TestObjects.trainingJob("credit-train", "credit");
        trainingJob.getMetadata().setUid("00000000-0000-0000-0000-000000000002");
        var batch = TestObjects.batchPrediction("credit-scores");
        batch.getMetadata().setUid("00000000-0000-0000-0000-000000000003");
        batch.getMetadata().setGeneration(1L);
        var settings = new OperatorSettings(java.util.Set.of(), "pvc://mlops-store", "mlops-trainer:test", "mlops-inference-server:test", "IfNotPresent", 60);
        var group = TestObjects.trainingJob("credit-group", "credit");
        group.getMetadata().setUid("00000000-0000-0000-0000-000000000004");
        group.getSpec().setWorkers(2);
        var policy = new DriftPolicy();
        policy.getMetadata().setName("credit-risk-drift");
        policy.getMetadata().setNamespace("ml");
        policy.getMetadata().setUid("00000000-0000-0000-0000-000000000005");
        return Stream.of(
                QualityJobs.desired(policy, "credit-risk", new DriftPlan.QualityJobOrder("credit-risk-drift-quality-s8n0k", "credit-risk", 2,
                        java.time.Instant.parse("2026-03-01T10:00:00Z"), java.time.Instant.parse("2026-03-02T10:00:00Z")), settings),
                PrepareJobs.desired(dataset, PrepareJobs.name(dataset, null), settings),
                TrainingJobs.desired(trainingJob, "pvc://mlops-store/datasets/credit/sha256-00", 3, "pvc://mlops-store/models/credit-risk/2", settings),
                TrainingJobs.desired(group, "credit-group-train", "pvc://mlops-store/datasets/credit/sha256-00", 3, null, java.util.Map.of(), "10.43.0.9",
                        settings),
                BatchJobs.desired(batch, new BatchJobs.RunInputs("g1", "credit-risk-v2", "pvc://mlops-store/models/credit-risk/2",
                        java.util.List.of("pvc://mlops-store/datasets/credit/sha256-00/test.csv"), "pvc://mlops-store/predictions/credit/g1", null), settings));
    }

    @ParameterizedTest
    @MethodSource("operatorJobs")
    void podsOfTheOperatorsJobsAreAdmitted(Job job) {
        Pod created = createPod(job.getMetadata().getName(), job.getSpec().getTemplate().getSpec());

        assertThat(created.getMetadata().getUid()).isNotBlank();
    }

    /** The Job itself, not only its pods: e.g. a failure policy must name a container the pods have. */
    @ParameterizedTest
    @MethodSource("operatorJobs")
    void theOperatorsJobsAreAcceptedByTheApiServer(Job job) {
        job.getMetadata().setNamespace(cluster.namespace);

        Job accepted = cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).resource(job).dryRun().create();

        assertThat(accepted.getMetadata().getName()).isEqualTo(job.getMetadata().getName());
    }

    @Test
    void theNamespaceReallyEnforcesTheStandard() {
        PodSpec privileged = operatorJobs().findFirst().orElseThrow().getSpec().getTemplate().getSpec();
        privileged.setSecurityContext(null);
        privileged.getContainers().forEach(c -> c.setSecurityContext(null));

        assertThatThrownBy(() -> createPod("unrestricted", privileged))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
    }

    private static Pod createPod(String name, PodSpec spec) {
        return cluster.client.pods().inNamespace(cluster.namespace)
                .resource(new PodBuilder().withNewMetadata().withName(name).endMetadata().withSpec(spec).build()).create();
    }
}
