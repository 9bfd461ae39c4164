package dev.seed.mlops.operator;

import dev.seed.mlops.api.v1alpha1.InferenceService;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.drift.DriftProviders;
import dev.seed.mlops.operator.inferenceservice.CanaryMetrics;
import dev.seed.mlops.operator.inferenceservice.PodCanaryMetrics;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator running in the test JVM against the real API server, watching one namespace with the permissions the
 * Helm chart grants it (see {@link OperatorServiceAccount}), plus what the test needs
 * to play the parts a cluster would: the Job controller and the kubelet, by writing Job and Pod status.
 */
public final class OperatorHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String namespace;
    public final KubernetesClient client;
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final OperatorSettings settings;
    /** What the operator sent to the API server. */
    public final ApiRequests requests = new ApiRequests();
    private final Operator operator;
    private final KubernetesClient operatorClient;

    static {
        org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
        org.awaitility.Awaitility.ignoreExceptionsByDefault();
    }

    public OperatorHarness(TestApiServer api, String namespace, Map<String, String> namespaceLabels) {
        this(api, namespace, namespaceLabels, DriftProviders.builtIn());
    }

    /** @param driftProviders where DriftPolicies read drift: a test double drives the policy loop through the interface */
    public OperatorHarness(TestApiServer api, String namespace, Map<String, String> namespaceLabels, DriftProviders driftProviders) {
        this(api, namespace, namespaceLabels, null, driftProviders);
    }

    /** @param canaryMetrics where canary analysis reads: a test double drives the canary through the interface */
    public OperatorHarness(TestApiServer api, String namespace, Map<String, String> namespaceLabels, CanaryMetrics canaryMetrics) {
        this(api, namespace, namespaceLabels, canaryMetrics, DriftProviders.builtIn());
    }

    public OperatorHarness(TestApiServer api, String namespace, Map<String, String> namespaceLabels, CanaryMetrics canaryMetrics,
            DriftProviders driftProviders) {
        this(api, namespace, namespaceLabels, canaryMetrics, driftProviders, kind -> true);
    }

    /**
     * Every reconciler but the InferenceService's: the test plays that controller and writes InferenceServices' status
     * itself, which the real one would otherwise rewrite.
     */
    public static OperatorHarness playingInferenceServices(TestApiServer api, String namespace, DriftProviders driftProviders) {
        return new OperatorHarness(api, namespace, Map.of(), null, driftProviders, kind -> kind != InferenceService.class);
    }

    /** Only the reconcilers of these kinds: the test plays every other controller by writing their objects and status. */
    public static OperatorHarness reconcilingOnly(TestApiServer api, String namespace, DriftProviders driftProviders,
            Set<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> kinds) {
        return new OperatorHarness(api, namespace, Map.of(), null, driftProviders, kinds::contains);
    }

    /**
     * Stops one informer event source of a running controller, as JOSDK's shutdown does to each (off, then cleared)
     * while reconciles already running go on.
     */
    public void stopInformer(String controller, Class<?> type, String name) {
        var registered = (io.javaoperatorsdk.operator.processing.Controller<?>) operator.getRegisteredController(controller).orElseThrow();
        registered.getEventSourceManager().getEventSourceFor(type, name).stop();
    }

    private OperatorHarness(TestApiServer api, String namespace, Map<String, String> namespaceLabels, CanaryMetrics canaryMetrics,
            DriftProviders driftProviders, java.util.function.Predicate<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> reconciled) {
        this.namespace = namespace;
        this.client = api.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(namespaceLabels)
                .endMetadata().build()).serverSideApply();
        this.settings = new OperatorSettings(Set.of(namespace), "pvc://mlops-store", "mlops-trainer:test",
                "mlops-inference-server:test", "IfNotPresent", 3600);
        this.operatorClient = OperatorServiceAccount.clientFor(client, namespace, requests);
        this.operator = MlopsOperator.create(operatorClient, settings, registry, Clock.systemUTC(),
                canaryMetrics == null ? new PodCanaryMetrics(Clock.systemUTC()) : canaryMetrics, driftProviders, reconciled);
        operator.start();
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** What the kubelet does when a pod of the Job ends: a pod whose container terminated with the result as its message. */
    public Pod podEnded(Job job, int index, int exitCode, JobResult result) throws Exception {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(job.getMetadata().getName() + "-" + index).withLabels(labels).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build()).create();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .addNewContainerStatus()
                    .withName("trainer").withImage(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(exitCode).withMessage(JSON.writeValueAsString(result))
                        .withReason(exitCode == 0 ? "Completed" : "Error").withStartedAt(now).withFinishedAt(now).endTerminated().endState()
                .endContainerStatus()
                .build());
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    /** What the Job controller writes when the Job succeeded. */
    public void jobSucceeded(Job job) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        updateJobStatus(job.getMetadata().getName(), status -> {
            status.setStartTime(now);
            status.setCompletionTime(now);
            status.setSucceeded(1);
            status.setConditions(new ArrayList<>(List.of(condition("SuccessCriteriaMet", "CompletionsReached", now),
                    condition("Complete", "CompletionsReached", now))));
        });
    }

    /** What the Job controller writes when every index of an Indexed Job succeeded. */
    public void indexedJobSucceeded(Job job) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int completions = job.getSpec().getCompletions();
        updateJobStatus(job.getMetadata().getName(), status -> {
            status.setStartTime(now);
            status.setCompletionTime(now);
            status.setSucceeded(completions);
            status.setCompletedIndexes(completions == 1 ? "0" : "0-" + (completions - 1));
            status.setConditions(new ArrayList<>(List.of(condition("SuccessCriteriaMet", "CompletionsReached", now),
                    condition("Complete", "CompletionsReached", now))));
        });
    }

    /** What the Job controller writes after a failed pod it will retry. */
    public void jobPodFailed(Job job, int failedSoFar) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        updateJobStatus(job.getMetadata().getName(), status -> {
            status.setStartTime(now);
            status.setFailed(failedSoFar);
        });
    }

    /** What the Job controller writes when the Job failed for good. */
    public void jobFailed(Job job, int failed, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        updateJobStatus(job.getMetadata().getName(), status -> {
            status.setStartTime(now);
            status.setFailed(failed);
            JobCondition target = condition("FailureTarget", reason, now);
            target.setMessage(message);
            JobCondition failedCondition = condition("Failed", reason, now);
            failedCondition.setMessage(message);
            status.setConditions(new ArrayList<>(List.of(target, failedCondition)));
        });
    }

    /** What the Deployment controller and kubelet do: the Deployment's pods are all ready. */
    public void deploymentReady(String name) {
        for (int attempt = 1; ; attempt++) {
            var deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
            int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration())
                    .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                    .build());
            try {
                client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                // The operator changed the Deployment meanwhile, as it may: read it again, like a controller would.
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The kubelet's part: a running, ready serving pod whose IP is loopback, where a test's inference server listens. */
    public void readyServingPod(String name, String inferenceService, String version) {
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name)
                    .withLabels(Map.of(Labels.INFERENCE_SERVICE, inferenceService, Labels.VERSION, version)).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage("mlops-inference-server:test").endContainer().endSpec()
                .build()).create();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase("Running").withPodIP("127.0.0.1").addNewPodIP("127.0.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .build());
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    public List<Event> events(String objectName) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> objectName.equals(e.getInvolvedObject().getName())).toList();
    }

    public List<String> eventReasons(String objectName) {
        return events(objectName).stream().map(Event::getReason).toList();
    }

    private void updateJobStatus(String name, java.util.function.Consumer<io.fabric8.kubernetes.api.model.batch.v1.JobStatus> change) {
        Job current = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (current.getStatus() == null) {
            current.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
        }
        String startTime = current.getStatus().getStartTime();
        change.accept(current.getStatus());
        if (startTime != null) {
            current.getStatus().setStartTime(startTime);
        }
        client.batch().v1().jobs().inNamespace(namespace).resource(current).updateStatus();
    }

    private static JobCondition condition(String type, String reason, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
                .withLastTransitionTime(now).withLastProbeTime(now).build();
    }

    @Override
    public void close() {
        operator.stop();
        operatorClient.close();
    }
}
