package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.BaselineStatus;
import dev.seed.mlops.api.v1alpha1.DriftWindow;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.PredictionLogSpec;
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
        Deployment deployment = ServingObjects.deployment(isvc(), version(), 3, SETTINGS);
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
    void theDriftPolicysWindowReachesThePodsThroughTheirRoutingConfigMapNotTheirTemplate() {
        DriftWindow window = new DriftWindow();
        window.setDuration("1h30m");
        Routing routing = new Routing(3, "10.0.0.3:80", java.util.Optional.empty(), 0.05);

        assertThat(RoutingObjects.configMap(isvc(), routing, window).getData())
                .containsEntry("drift.json", "{\"window\":{\"duration\":\"PT1H30M\"}}");
        window.setDuration(null);
        window.setCount(5000L);
        assertThat(RoutingObjects.configMap(isvc(), routing, window).getData()).containsEntry("drift.json", "{\"window\":{\"rows\":5000}}");
        assertThat(RoutingObjects.configMap(isvc(), routing, new DriftWindow()).getData()).as("the server's own window").containsOnlyKeys("routing.json");
        assertThat(RoutingObjects.configMap(isvc(), routing, null).getData()).as("no DriftPolicy").containsOnlyKeys("routing.json");
        assertThat(ServingObjects.deployment(isvc(), version(), 1, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .noneSatisfy(e -> assertThat(e.getName()).startsWith("MLOPS_DRIFT"));
    }

    @Test
    void withAPredictionLogThePodsMountTheStoreWritableAndGetItsSettings() {
        InferenceService isvc = isvc();
        PredictionLogSpec log = new PredictionLogSpec();
        log.setSamplePercent(10);
        log.setRetention("72h");
        isvc.getSpec().setPredictionLog(log);

        Container server = ServingObjects.deployment(isvc, version(), 1, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(server.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/mnt/pvc/mlops-store");
            assertThat(m.getReadOnly()).isFalse();
        });
        assertThat(server.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("MLOPS_PREDICTION_LOG_ENABLED", "true"),
                org.assertj.core.groups.Tuple.tuple("MLOPS_PREDICTION_LOG_SAMPLE_PERCENT", "10"),
                org.assertj.core.groups.Tuple.tuple("MLOPS_PREDICTION_LOG_RETENTION", "PT72H"),
                org.assertj.core.groups.Tuple.tuple("MLOPS_PREDICTION_LOG_SERVICE", "credit"));
        assertThat(server.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MLOPS_PREDICTION_LOG_NAMESPACE");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
    }

    @Test
    void withoutAPredictionLogNothingIsLoggedAndTheStoreStaysReadOnly() {
        Container server = ServingObjects.deployment(isvc(), version(), 1, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(server.getEnv()).noneSatisfy(e -> assertThat(e.getName()).startsWith("MLOPS_PREDICTION_LOG"));
        assertThat(server.getVolumeMounts()).allSatisfy(m -> assertThat(m.getReadOnly()).isNotEqualTo(Boolean.FALSE));
    }

    @Test
    void autoscalingLeavesTheReplicasToTheHorizontalPodAutoscaler() {
        assertThat(ServingObjects.deployment(isvc(), version(), null, SETTINGS).getSpec().getReplicas()).isNull();
    }

    @Test
    void clientsReachOnlyTheStablePodsWhichReadTheirRoutingAsTheirOwnServiceAccount() {
        InferenceService isvc = isvc();
        Deployment deployment = ServingObjects.deployment(isvc, version(), 1, SETTINGS);
        var pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(ServingObjects.trafficService(isvc, 3).getSpec().getSelector())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("mlops.seed.dev/inferenceservice", "credit", "mlops.seed.dev/version", "3"));
        assertThat(pod.getServiceAccountName()).isEqualTo("credit-serving");
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MLOPS_ROUTING_CONFIG_MAP");
            assertThat(e.getValue()).isEqualTo("credit-routing");
        }).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MLOPS_ROUTING_NAMESPACE");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
        var rule = RoutingObjects.role(isvc).getRules();
        assertThat(rule).singleElement().satisfies(r -> {
            assertThat(r.getResources()).containsExactly("configmaps");
            assertThat(r.getResourceNames()).containsExactly("credit-routing");
            assertThat(r.getVerbs()).containsExactly("get", "list", "watch");
        });
        assertThat(RoutingObjects.roleBinding(isvc).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("credit-serving"));
    }

    @Test
    void theRoutingDocumentIsTheServingContracts() {
        Routing routing = new Routing(3, "10.43.0.3:80", java.util.Optional.of(new Routing.Route(4, "10.43.0.4:80", 10, 0)), 0.05);

        assertThat(RoutingObjects.configMap(isvc(), routing, null).getData()).containsExactly(java.util.Map.entry("routing.json",
                "{\"stable\":{\"version\":3,\"address\":\"10.43.0.3:80\",\"grpcAddress\":\"10.43.0.3:8081\"},"
                        + "\"canary\":{\"version\":4,\"address\":\"10.43.0.4:80\",\"grpcAddress\":\"10.43.0.4:8081\","
                        + "\"weight\":10,\"shadow\":0},\"agreementTolerance\":0.05}"));
    }

    @Test
    void grpcClientsReachTheServersGrpcPortThroughEveryService() {
        InferenceService isvc = isvc();
        Container server = ServingObjects.deployment(isvc, version(), 1, SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(server.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("grpc");
            assertThat(port.getContainerPort()).isEqualTo(8081);
        });
        for (var service : java.util.List.of(ServingObjects.trafficService(isvc, 3), ServingObjects.versionService(isvc, 3))) {
            assertThat(service.getSpec().getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo("grpc");
                assertThat(port.getPort()).isEqualTo(8081);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("grpc");
                assertThat(port.getAppProtocol()).isEqualTo("kubernetes.io/h2c");
            });
        }
        assertThat(ServingObjects.grpcAddress("[fd00::7]:80")).isEqualTo("[fd00::7]:8081");
    }

    @Test
    void aModelOnS3IsDownloadedWithTheStoreSecretAndTheRecordedDigestAndNoClaimIsMounted() {
        ModelVersion version = version();
        version.getSpec().getArtifact().setUri("s3://models/store/models/fraud-score/1");
        OperatorSettings s3 = new OperatorSettings(Set.of(), "s3://models/store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600, "mlops-s3");

        Deployment deployment = ServingObjects.deployment(isvc(), version, 1, s3);

        Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(server.getEnv()).anySatisfy(env -> assertThat(env).isEqualTo(new EnvVar("MLOPS_MODEL_URI", "s3://models/store/models/fraud-score/1", null)))
                .anySatisfy(env -> assertThat(env).isEqualTo(new EnvVar("MLOPS_MODEL_DIR", "/tmp/model", null)))
                .anySatisfy(env -> assertThat(env).isEqualTo(new EnvVar("MLOPS_MODEL_SHA256", version.getSpec().getArtifact().getSha256(), null)))
                .filteredOn(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .extracting(env -> env.getName() + "<-" + env.getValueFrom().getSecretKeyRef().getName() + "/"
                        + env.getValueFrom().getSecretKeyRef().getKey() + (env.getValueFrom().getSecretKeyRef().getOptional() ? "?" : ""))
                .containsExactly("AWS_ACCESS_KEY_ID<-mlops-s3/AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY<-mlops-s3/AWS_SECRET_ACCESS_KEY",
                        "AWS_ENDPOINT_URL<-mlops-s3/AWS_ENDPOINT_URL?", "AWS_REGION<-mlops-s3/AWS_REGION?", "MLOPS_S3_PATH_STYLE<-mlops-s3/MLOPS_S3_PATH_STYLE?");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("tmp");
    }

    @Test
    void aModelOnAClaimGetsNoObjectStoreSettings() {
        OperatorSettings s3 = new OperatorSettings(Set.of(), "pvc://mlops-store", "mlops-trainer:1", "mlops-inference:1", "IfNotPresent", 600, "mlops-s3");
        Container server = ServingObjects.deployment(isvc(), version(), 1, s3).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(server.getEnv()).extracting(EnvVar::getName).doesNotContain("AWS_ACCESS_KEY_ID", "MLOPS_MODEL_URI", "MLOPS_MODEL_SHA256");
    }

    @Test
    void aBaselineComputedFromADatasetReachesThePodsOnceReady() {
        ModelVersion version = version();
        String uri = "pvc://baselines/fraud-score/1/sha256-" + "ab".repeat(32);
        BaselineStatus baseline = new BaselineStatus();
        baseline.setPhase(BaselinePhase.Profiling);
        baseline.setUri(uri);
        version.setStatus(new ModelVersionStatus());
        version.getStatus().setBaseline(baseline);
        Container profiling = ServingObjects.deployment(isvc(), version, 1, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(profiling.getEnv()).extracting(EnvVar::getName).doesNotContain("MLOPS_MODEL_BASELINE");

        baseline.setPhase(BaselinePhase.Ready);
        Container ready = ServingObjects.deployment(isvc(), version, 1, SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(ready.getEnv()).contains(new EnvVar("MLOPS_MODEL_BASELINE", "/mnt/pvc/baselines/fraud-score/1/sha256-" + "ab".repeat(32), null));
        assertThat(ready.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/mnt/pvc/baselines");
            assertThat(m.getReadOnly()).isTrue();
        });
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
