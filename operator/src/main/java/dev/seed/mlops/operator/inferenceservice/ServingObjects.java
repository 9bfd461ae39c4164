package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.BaselineStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.PredictionLogSpec;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.PodSecurity;
import dev.seed.mlops.operator.common.StoreCredentials;
import dev.seed.mlops.operator.common.StoreVolumes;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects an InferenceService owns, each built whole from the InferenceService and the versions it serves:
 * a Deployment per version, the traffic Service over the stable version's pods, a Service per version (where the stable
 * pods route and analysis reaches one version), a PodDisruptionBudget and, with autoscaling, a HorizontalPodAutoscaler
 * on the stable Deployment. The routing objects are {@link RoutingObjects}.
 */
public final class ServingObjects {
    static final String COMPONENT = "inference";
    static final int HTTP_PORT = 8080;
    /** The port of every Service: where the stable pods route and clients call. */
    static final int SERVICE_PORT = 80;
    /** The inference server's gRPC port (Open Inference Protocol), the same number on the pods and the Services. */
    static final int GRPC_PORT = 8081;
    /** Seconds a terminating pod keeps serving while Services drop it, so a rollout loses no request. */
    static final long DRAIN_SECONDS = 5;

    /** Where a model from S3 is downloaded: in the pod's /tmp emptyDir. */
    static final String S3_MODEL_DIR = "/tmp/model";

    private ServingObjects() {
    }

    public static String deploymentName(InferenceService isvc, long version) {
        return isvc.getMetadata().getName() + "-v" + version;
    }

    /**
     * The pod template depends on the InferenceService and the version only: what changes while pods run (the routing,
     * the DriftPolicy's window) reaches them through the routing ConfigMap ({@link RoutingObjects}), so it rolls no pod.
     *
     * @param replicas the version's replica count, or null to leave it to the HorizontalPodAutoscaler
     */
    public static Deployment deployment(InferenceService isvc, ModelVersion version, Integer replicas, OperatorSettings settings) {
        long number = version.getSpec().getVersion();
        Map<String, String> labels = versionLabels(isvc, number);
        String artifact = version.getSpec().getArtifact().getUri();
        PredictionLogSpec predictionLog = isvc.getSpec().getPredictionLog();
        // the prediction log is written into the store the model is read from (docs/prediction-log.md)
        StoreVolumes volumes = new StoreVolumes().add(artifact, predictionLog != null);
        List<EnvVar> env = new ArrayList<>(modelLocation(version));
        computedBaseline(version).ifPresent(baseline -> {
            volumes.add(baseline, false);
            env.add(new EnvVar("MLOPS_MODEL_BASELINE", StoreVolumes.localPath(baseline), null));
        });
        env.addAll(List.of(
                new EnvVar("MLOPS_MODEL_NAME", isvc.getSpec().getModel(), null),
                new EnvVar("MLOPS_MODEL_VERSION", String.valueOf(number), null),
                new EnvVar("MLOPS_ROUTING_CONFIG_MAP", RoutingObjects.configMapName(isvc), null),
                new EnvVarBuilder().withName("MLOPS_ROUTING_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
                        .endFieldRef().endValueFrom().build(),
                new EnvVar("DJL_CACHE_DIR", "/tmp/djl", null),
                new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 " + jvmOptions(isvc), null)));
        if (predictionLog != null) {
            env.addAll(predictionLogEnv(isvc, predictionLog));
        }
        var container = new ContainerBuilder()
                .withName("server")
                .withImage(image(isvc, settings))
                .withImagePullPolicy(settings.imagePullPolicy())
                .withEnv(StoreCredentials.withStoreSettings(env, volumes, settings))
                .addNewPort().withName("http").withContainerPort(HTTP_PORT).endPort()
                .addNewPort().withName("grpc").withContainerPort(GRPC_PORT).endPort()
                .withResources(resources(isvc))
                .withNewReadinessProbe().withNewHttpGet().withPath("/v2/health/ready").withPort(new IntOrString("http")).endHttpGet()
                    .withPeriodSeconds(2).withFailureThreshold(1).endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/v2/health/live").withPort(new IntOrString("http")).endHttpGet()
                    .withInitialDelaySeconds(30).withPeriodSeconds(10).endLivenessProbe()
                .withNewStartupProbe().withNewHttpGet().withPath("/v2/health/live").withPort(new IntOrString("http")).endHttpGet()
                    .withPeriodSeconds(2).withFailureThreshold(60).endStartupProbe()
                .withNewLifecycle().withNewPreStop().withNewSleep(DRAIN_SECONDS).endPreStop().endLifecycle()
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(volumes.mounts())
                .addToVolumeMounts(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .build();
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(deploymentName(isvc, number))
                    .withNamespace(isvc.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controller(isvc))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(selector(isvc, number)).endSelector()
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels)
                            .withAnnotations(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", String.valueOf(HTTP_PORT), "prometheus.io/path", "/metrics"))
                        .endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(RoutingObjects.serviceAccountName(isvc))
                            .withAutomountServiceAccountToken(true)
                            .withEnableServiceLinks(false)
                            .withTerminationGracePeriodSeconds(30L)
                            .withSecurityContext(PodSecurity.pod())
                            .withContainers(container)
                            .withVolumes(volumes.volumes())
                            .addToVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * A pvc:// artifact is read where its claim is mounted; an s3:// one is downloaded into the pod's /tmp at start,
     * checked against its published.json and against the sha256 the ModelVersion records.
     */
    private static List<EnvVar> modelLocation(ModelVersion version) {
        String artifact = version.getSpec().getArtifact().getUri();
        if (!artifact.startsWith("s3://")) {
            return List.of(new EnvVar("MLOPS_MODEL_DIR", StoreVolumes.localPath(artifact), null));
        }
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar("MLOPS_MODEL_DIR", S3_MODEL_DIR, null),
                new EnvVar("MLOPS_MODEL_URI", artifact, null)));
        if (version.getSpec().getArtifact().getSha256() != null) {
            env.add(new EnvVar("MLOPS_MODEL_SHA256", version.getSpec().getArtifact().getSha256(), null));
        }
        return env;
    }

    /**
     * The baseline a Job computed for a version registered by hand (status.baseline, from spec.baseline.dataset); a
     * trained version's is in its artifact. Pods made before it was Ready are replaced by ones that measure drift.
     */
    private static Optional<String> computedBaseline(ModelVersion version) {
        BaselineStatus baseline = version.getStatus() == null ? null : version.getStatus().getBaseline();
        return baseline != null && baseline.getPhase() == BaselinePhase.Ready && baseline.getUri() != null
                ? Optional.of(baseline.getUri()) : Optional.empty();
    }

    /** The inference server's prediction log settings; the pod's own name comes from its host name. */
    private static List<EnvVar> predictionLogEnv(InferenceService isvc, PredictionLogSpec log) {
        return List.of(
                new EnvVar("MLOPS_PREDICTION_LOG_ENABLED", "true", null),
                new EnvVar("MLOPS_PREDICTION_LOG_SAMPLE_PERCENT", String.valueOf(log.getSamplePercent() == null ? 100 : log.getSamplePercent()), null),
                new EnvVar("MLOPS_PREDICTION_LOG_RETENTION", Durations.parse(log.getRetention() == null ? "168h" : log.getRetention()).toString(), null),
                new EnvVarBuilder().withName("MLOPS_PREDICTION_LOG_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
                        .endFieldRef().endValueFrom().build(),
                new EnvVar("MLOPS_PREDICTION_LOG_SERVICE", isvc.getMetadata().getName(), null));
    }

    /** The traffic Service: the stable version's ready pods, which answer or route each request. */
    public static Service trafficService(InferenceService isvc, long stableVersion) {
        return service(isvc, isvc.getMetadata().getName(), selector(isvc, stableVersion), serviceLabels(isvc));
    }

    /** A Service per version, for analysis and for reaching one version on purpose. */
    public static Service versionService(InferenceService isvc, long version) {
        return service(isvc, deploymentName(isvc, version), selector(isvc, version), versionLabels(isvc, version));
    }

    public static PodDisruptionBudget disruptionBudget(InferenceService isvc) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(isvc.getMetadata().getName()).withNamespace(isvc.getMetadata().getNamespace())
                    .withLabels(serviceLabels(isvc)).withOwnerReferences(Owners.controller(isvc)).endMetadata()
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(Map.of(Labels.INFERENCE_SERVICE, isvc.getMetadata().getName(), Labels.COMPONENT, COMPONENT)).endSelector()
                .endSpec()
                .build();
    }

    public static HorizontalPodAutoscaler autoscaler(InferenceService isvc, long stableVersion) {
        var autoscaling = isvc.getSpec().getAutoscaling();
        var metric = autoscaling.getTargetCPUUtilization() != null
                ? new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu")
                    .withNewTarget().withType("Utilization").withAverageUtilization(autoscaling.getTargetCPUUtilization()).endTarget()
                    .endResource().build()
                : new MetricSpecBuilder().withType("Pods").withNewPods().withNewMetric().withName("mlops_inference_requests_per_second").endMetric()
                    .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(String.valueOf(autoscaling.getTargetRPS()))).endTarget()
                    .endPods().build();
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(isvc.getMetadata().getName()).withNamespace(isvc.getMetadata().getNamespace())
                    .withLabels(serviceLabels(isvc)).withOwnerReferences(Owners.controller(isvc)).endMetadata()
                .withNewSpec()
                    .withNewScaleTargetRef("apps/v1", "Deployment", deploymentName(isvc, stableVersion))
                    .withMinReplicas(autoscaling.getMinReplicas())
                    .withMaxReplicas(autoscaling.getMaxReplicas())
                    .withMetrics(metric)
                .endSpec()
                .build();
    }

    /** The version a Deployment this operator made serves, from its label. */
    static long versionOf(Deployment deployment) {
        return Long.parseLong(deployment.getMetadata().getLabels().get(Labels.VERSION));
    }

    /** Each version's Service address (ClusterIP:port), from the per-version Services the caches show. */
    static Map<Long, String> addresses(Collection<Service> services) {
        Map<Long, String> addresses = new HashMap<>();
        for (Service service : services) {
            String version = service.getMetadata().getLabels().get(Labels.VERSION);
            String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
            if (version != null && ip != null && !ip.isEmpty() && !"None".equals(ip)) {
                addresses.put(Long.parseLong(version), (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + SERVICE_PORT);
            }
        }
        return addresses;
    }

    /** The gRPC port of the Service at {@code address} (a ClusterIP:port of {@link #addresses}). */
    static String grpcAddress(String address) {
        return address.substring(0, address.lastIndexOf(':') + 1) + GRPC_PORT;
    }

    static Workload workload(Deployment deployment) {
        Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        return new Workload(versionOf(deployment), deployment.getSpec().getReplicas(), ready == null ? 0 : ready);
    }

    /** The ready pods of one version, with an IP to scrape. */
    static List<CanaryMetrics.ServingPod> readyPods(List<Pod> pods, long version) {
        return pods.stream()
                .filter(p -> String.valueOf(version).equals(p.getMetadata().getLabels().get(Labels.VERSION)))
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null && p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(p -> new CanaryMetrics.ServingPod(p.getMetadata().getUid(), p.getStatus().getPodIP()))
                .toList();
    }

    public static Map<String, String> selector(InferenceService isvc, long version) {
        return Map.of(Labels.INFERENCE_SERVICE, isvc.getMetadata().getName(), Labels.VERSION, String.valueOf(version));
    }

    private static Service service(InferenceService isvc, String name, Map<String, String> selector, Map<String, String> labels) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(isvc.getMetadata().getNamespace()).withLabels(labels)
                    .withOwnerReferences(Owners.controller(isvc)).endMetadata()
                .withNewSpec()
                    .withSelector(selector)
                    .addNewPort().withName("http").withPort(SERVICE_PORT).withTargetPort(new IntOrString("http")).endPort()
                    .addNewPort().withName("grpc").withPort(GRPC_PORT).withTargetPort(new IntOrString("grpc"))
                        .withAppProtocol("kubernetes.io/h2c").endPort()
                .endSpec()
                .build();
    }

    static Map<String, String> serviceLabels(InferenceService isvc) {
        Map<String, String> labels = Labels.managed(COMPONENT, Labels.INFERENCE_SERVICE, isvc);
        labels.put(Labels.MODEL, isvc.getSpec().getModel());
        return labels;
    }

    private static Map<String, String> versionLabels(InferenceService isvc, long version) {
        Map<String, String> labels = new LinkedHashMap<>(serviceLabels(isvc));
        labels.put(Labels.VERSION, String.valueOf(version));
        return labels;
    }


    private static String image(InferenceService isvc, OperatorSettings settings) {
        return isvc.getSpec().getRuntime() != null && isvc.getSpec().getRuntime().getImage() != null
                ? isvc.getSpec().getRuntime().getImage() : settings.inferenceImage();
    }

    private static String jvmOptions(InferenceService isvc) {
        return isvc.getSpec().getRuntime() != null && isvc.getSpec().getRuntime().getJvmOptions() != null
                ? isvc.getSpec().getRuntime().getJvmOptions() : "";
    }

    private static ResourceRequirements resources(InferenceService isvc) {
        return isvc.getSpec().getResources() != null ? isvc.getSpec().getResources() : new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
                .withLimits(Map.of("memory", new Quantity("1Gi")))
                .build();
    }
}
