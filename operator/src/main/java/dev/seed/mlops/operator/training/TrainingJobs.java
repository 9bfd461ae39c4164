package dev.seed.mlops.operator.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.JobTemplates;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.StoreVolumes;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The training Job of a TrainingJob, built whole from it, the snapshot it trains on and the version it registers. */
public final class TrainingJobs {
    static final String COMPONENT = "train";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingJobs() {
    }

    public static String name(TrainingJob trainingJob) {
        return trainingJob.getMetadata().getName() + "-train";
    }

    /** The Job under its usual name, {@link #name}. */
    public static Job desired(TrainingJob trainingJob, String snapshotUri, long version, String championUri, OperatorSettings settings) {
        return desired(trainingJob, name(trainingJob), snapshotUri, version, championUri, settings);
    }

    /**
     * @param name        the Job's name: {@link #name}, or another when that one is held by another owner
     * @param snapshotUri where the prepared snapshot is
     * @param version     the version number reserved for the model
     * @param championUri the artifact of the version serving now, to score on the same split; null when none
     */
    public static Job desired(TrainingJob trainingJob, String name, String snapshotUri, long version, String championUri, OperatorSettings settings) {
        Map<String, String> labels = Labels.managed(COMPONENT, Labels.TRAINING_JOB, trainingJob);
        labels.put(Labels.MODEL, trainingJob.getSpec().getModel());
        labels.put(Labels.VERSION, String.valueOf(version));
        List<String> args = new ArrayList<>();
        args.addAll(List.of(
                "train",
                "--spec", specJson(trainingJob),
                "--snapshot", snapshotUri,
                "--store", settings.artifactStore(),
                "--version", String.valueOf(version),
                "--termination-log", "/dev/termination-log"));
        if (championUri != null) {
            args.addAll(List.of("--champion", championUri));
        }
        StoreVolumes volumes = new StoreVolumes().add(snapshotUri, false).add(championUri, false).add(settings.artifactStore(), true);
        Job job = JobTemplates.trainerJob(trainingJob, name, labels, args, volumes,
                List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null)), resources(trainingJob),
                trainingJob.getSpec().getBackoffLimit() == null ? 2 : trainingJob.getSpec().getBackoffLimit(),
                trainingJob.getSpec().getActiveDeadlineSeconds(), settings);
        if (trainingJob.getSpec().getImage() != null) {
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setImage(trainingJob.getSpec().getImage());
            if (trainingJob.getSpec().getCommand() != null) {
                container.setCommand(trainingJob.getSpec().getCommand());
            }
        }
        return job;
    }

    private static ResourceRequirements resources(TrainingJob trainingJob) {
        if (trainingJob.getSpec().getResources() != null) {
            return trainingJob.getSpec().getResources();
        }
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                .withLimits(Map.of("memory", new Quantity("2Gi")))
                .build();
    }

    private static String specJson(TrainingJob trainingJob) {
        try {
            return JSON.writeValueAsString(trainingJob.getSpec());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the spec of TrainingJob " + trainingJob.getMetadata().getName(), e);
        }
    }
}
