package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.operator.common.JobTemplates;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.StoreVolumes;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Job of one quality evaluation: the trainer's {@code evaluate-quality} on the trainer image, reading the service's
 * prediction logs, label files and model manifests from the artifact store (mounted read-only), its figures in the
 * termination message.
 */
public final class QualityJobs {
    /** Selects the quality Jobs and their pods, for the policy's informers. */
    static final String SELECTOR = Labels.selector(Labels.DRIFT_POLICY) + "," + Labels.COMPONENT + "=" + QualityEvaluations.COMPONENT;
    /** An evaluation reads the logs of one window; one that takes longer than this is stuck. */
    static final long DEADLINE_SECONDS = 1800;

    private QualityJobs() {
    }

    public static Job desired(DriftPolicy policy, String inferenceService, DriftPlan.QualityJobOrder order, OperatorSettings settings) {
        return desired(policy, order.name(), Labels.managed(QualityEvaluations.COMPONENT, Labels.DRIFT_POLICY, policy), inferenceService,
                order.model(), List.of(order.version()), order.from(), order.until(), settings);
    }

    /**
     * A quality Job for any owner (a DriftPolicy's evaluation, an InferenceService's canary comparison): the listed
     * versions of {@code model} scored over (from, until].
     */
    public static Job desired(HasMetadata owner, String name, Map<String, String> labels, String inferenceService, String model,
            List<Long> versions, Instant from, Instant until, OperatorSettings settings) {
        List<String> args = List.of(
                "evaluate-quality",
                "--store", settings.artifactStore(),
                "--namespace", owner.getMetadata().getNamespace(),
                "--inference-service", inferenceService,
                "--model", model,
                "--versions", versions.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--from", Timestamps.format(from),
                "--until", Timestamps.format(until),
                "--termination-log", "/dev/termination-log");
        return JobTemplates.trainerJob(owner, name, labels, args,
                new StoreVolumes().add(settings.artifactStore(), false),
                List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null)),
                new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
                        .withLimits(Map.of("memory", new Quantity("1Gi")))
                        .build(),
                1, DEADLINE_SECONDS, settings);
    }
}
