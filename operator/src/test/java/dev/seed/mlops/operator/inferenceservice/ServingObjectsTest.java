package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftWindow;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServingObjectsTest {
    private static final OperatorSettings SETTINGS = new OperatorSettings(Set.of(), "pvc://mlops-store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600);

    @Test
    void aVersionsPodsLoadItsArtifactReadOnlyAndDrainBeforeStopping() {
        Deployment deployment = ServingObjects.deployment(isvc(), version(), 3, null, SETTINGS);
        Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(deployment.getMetadata().getName()).isEqualTo("credit-v1");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(server.getImage()).isEqualTo("mlops-inference:1");
        assertThat(server.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("MLOPS_MODEL_DIR", "/mnt/pvc/mlops-store/models/fraud-score/1"),
                        org.assertj.core.groups.Tuple.tuple("MLOPS_MODEL_NAME", "credit-risk"));
        assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(server.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(ServingObjects.DRAIN_SECONDS);
        assertThat(server.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/mnt/pvc/mlops-store");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(server.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("mlops.seed.dev/inferenceservice", "credit").containsEntry("mlops.seed.dev/version", "1");
    }

    @Test
    void theDriftPolicysWindowReachesTheServer() {
        DriftWindow window = new DriftWindow();
        window.setDuration("1h30m");

        Container server = ServingObjects.deployment(isvc(), version(), 1, window, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(server.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MLOPS_DRIFT_WINDOW_DURATION");
            assertThat(e.getValue()).isEqualTo("PT1H30M");
        });
    }

    @Test
    void autoscalingLeavesTheReplicasToTheHorizontalPodAutoscaler() {
        assertThat(ServingObjects.deployment(isvc(), version(), null, null, SETTINGS).getSpec().getReplicas()).isNull();
    }

    private static InferenceService isvc() {
        InferenceService isvc = TestObjects.inferenceService("credit");
        isvc.getMetadata().setNamespace("ml");
        isvc.getMetadata().setUid("uid-1");
        return isvc;
    }

    private static ModelVersion version() {
        return TestObjects.handMadeModelVersion("fraud-score-v1");
    }
}
