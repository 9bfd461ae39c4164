package dev.seed.mlops.operator.batch;

import dev.seed.mlops.api.v1alpha1.BatchOutput;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.BatchPredictionSpec;
import dev.seed.mlops.operator.common.JobTemplates;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.StoreVolumes;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Indexed Job of one run, built whole from the BatchPrediction and the run's resolved inputs. The run's identity
 * (model version, artifact, input, output, due time) is on the Job as annotations, so status can be rebuilt from it.
 * The shards run the inference-server image's {@code BatchShard} on the image's own class path: the same classes that
 * serve the model online.
 */
public final class BatchJobs {
    static final String COMPONENT = "batch";
    static final String SHARD_CONTAINER = "shard";
    public static final String OWNER_LABEL = Labels.PREFIX + "batchprediction";
    public static final String RUN_LABEL = Labels.PREFIX + "run";
    static final String MODEL_VERSION = Labels.PREFIX + "model-version";
    static final String ARTIFACT_URI = Labels.PREFIX + "artifact-uri";
    static final String INPUT_URIS = Labels.PREFIX + "input-uris";
    static final String OUTPUT_URI = Labels.PREFIX + "output-uri";
    static final String SCHEDULED_AT = Labels.PREFIX + "scheduled-at";
    /** Set by the Job controller on an Indexed Job's pods. */
    static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    static final String SHARD_MAIN = "dev.seed.mlops.serving.batch.BatchShard";
    /** The inference-server image's Quarkus fast-jar, as a plain class path (docs/images.md). */
    static final String CLASS_PATH = "/app/app/*:/app/lib/main/*:/app/lib/boot/*";

    private BatchJobs() {
    }

    /** An unscheduled BatchPrediction runs once per spec generation: run g&lt;generation&gt;. */
    public static String generationRun(BatchPrediction bp) {
        return "g" + bp.getMetadata().getGeneration();
    }

    /** A scheduled run is named after its due time, in base-36 minutes since the epoch (5 characters until 2085, then 6). */
    public static String scheduledRun(Instant due) {
        return Long.toString(due.getEpochSecond() / 60, 36);
    }

    public static String jobName(BatchPrediction bp, String run) {
        return bp.getMetadata().getName() + "-" + run;
    }

    /** Where a run writes: a directory of its own under output.uri. */
    static String outputUri(BatchOutput output, String run) {
        String base = output.getUri().endsWith("/") ? output.getUri() : output.getUri() + "/";
        return base + run;
    }

    /** What a run of this BatchPrediction starts with, resolved once when it starts. */
    public record RunInputs(String run, String modelVersion, String artifactUri, List<String> inputUris, String outputUri, Instant scheduledAt) {
    }

    public static Job desired(BatchPrediction bp, RunInputs run, OperatorSettings settings) {
        BatchPredictionSpec spec = bp.getSpec();
        Map<String, String> labels = Labels.managed(COMPONENT, OWNER_LABEL, bp);
        labels.put(RUN_LABEL, run.run());
        List<String> args = new ArrayList<>(List.of(
                "-XX:+ExitOnOutOfMemoryError", "-cp", CLASS_PATH, SHARD_MAIN,
                "--artifact", StoreVolumes.localPath(run.artifactUri()),
                "--input", String.join(",", run.inputUris().stream().map(StoreVolumes::localPath).toList()),
                "--output", StoreVolumes.localPath(run.outputUri()),
                "--shards", String.valueOf(spec.getShards()),
                "--termination-log", "/dev/termination-log"));
        if (spec.getOutput().getIdColumn() != null) {
            args.addAll(List.of("--id-column", spec.getOutput().getIdColumn()));
        }
        if (Boolean.TRUE.equals(spec.getOutput().getPassThroughFeatures())) {
            args.add("--pass-through");
        }
        StoreVolumes volumes = new StoreVolumes().add(run.artifactUri(), false).add(run.outputUri(), true);
        run.inputUris().forEach(uri -> volumes.add(uri, false));
        Job template = JobTemplates.trainerJob(bp, jobName(bp, run.run()), labels, args, volumes,
                List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null)), resources(spec),
                0, spec.getActiveDeadlineSeconds(), settings);
        return new JobBuilder(template)
                .editMetadata().withAnnotations(annotations(run)).endMetadata()
                .editSpec()
                    .withBackoffLimit(null)
                    .withTtlSecondsAfterFinished(null)
                    .withCompletionMode("Indexed")
                    .withCompletions(spec.getShards())
                    .withParallelism(spec.getShards())
                    .withBackoffLimitPerIndex(spec.getBackoffLimitPerIndex())
                    .withMaxFailedIndexes(0)
                    .withPodFailurePolicy(JobTemplates.badInputFailsAtOnce(SHARD_CONTAINER))
                    .editTemplate().editSpec().editFirstContainer()
                        .withName(SHARD_CONTAINER)
                        .withImage(settings.inferenceImage())
                        .withCommand("java")
                    .endContainer().endSpec().endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, String> annotations(RunInputs run) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MODEL_VERSION, run.modelVersion());
        annotations.put(ARTIFACT_URI, run.artifactUri());
        annotations.put(INPUT_URIS, String.join(",", run.inputUris()));
        annotations.put(OUTPUT_URI, run.outputUri());
        if (run.scheduledAt() != null) {
            annotations.put(SCHEDULED_AT, run.scheduledAt().toString());
        }
        return annotations;
    }

    private static ResourceRequirements resources(BatchPredictionSpec spec) {
        return spec.getResources() != null ? spec.getResources() : new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")))
                .withLimits(Map.of("memory", new Quantity("1Gi")))
                .build();
    }
}
