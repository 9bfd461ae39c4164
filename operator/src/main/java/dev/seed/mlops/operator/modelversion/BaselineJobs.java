package dev.seed.mlops.operator.modelversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.JobTemplates;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.StoreVolumes;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;

/** The baseline Job of a ModelVersion registered by hand: the trainer's {@code baseline} command on a Dataset snapshot. */
final class BaselineJobs {
    static final String COMPONENT = "baseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineJobs() {
    }

    static Job desired(ModelVersion version, BaselinePlanner.BaselineJob job, OperatorSettings settings) {
        Map<String, String> labels = Labels.managed(COMPONENT, Labels.MODEL_VERSION, version);
        List<String> args = List.of(
                "baseline",
                "--spec", specJson(version),
                "--snapshot", job.snapshot().getUri(),
                "--store", settings.artifactStore(),
                "--termination-log", "/dev/termination-log");
        StoreVolumes volumes = new StoreVolumes()
                .add(job.snapshot().getUri(), false)
                .add(settings.artifactStore(), true);
        // It reads and writes one profile.json: a small heap is plenty.
        return JobTemplates.trainerJob(version, job.name(), labels, args, volumes,
                List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null)),
                new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                        .withLimits(Map.of("memory", new Quantity("512Mi")))
                        .build(),
                1, 600L, settings);
    }

    private static String specJson(ModelVersion version) {
        try {
            return JSON.writeValueAsString(version.getSpec());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the spec of ModelVersion " + version.getMetadata().getName(), e);
        }
    }
}
