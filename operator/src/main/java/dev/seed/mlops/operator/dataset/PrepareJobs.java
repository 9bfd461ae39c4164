package dev.seed.mlops.operator.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.common.JobTemplates;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.StoreVolumes;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The prepare Job of a Dataset, built whole from the Dataset alone. */
public final class PrepareJobs {
    static final String COMPONENT = "prepare";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> S3_KEYS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL");

    private PrepareJobs() {
    }

    /** The first prepare of a spec generation is named after the generation; a refresh also after its due time. */
    public static String name(Dataset dataset, Instant refreshDue) {
        String base = dataset.getMetadata().getName() + "-prepare-" + dataset.getMetadata().getGeneration();
        return refreshDue == null ? base : base + "-" + Long.toString(refreshDue.getEpochSecond(), 36);
    }

    public static Job desired(Dataset dataset, String name, OperatorSettings settings) {
        Map<String, String> labels = Labels.managed(COMPONENT, Labels.DATASET, dataset);
        labels.put(Labels.GENERATION, String.valueOf(dataset.getMetadata().getGeneration()));
        List<String> args = List.of(
                "prepare",
                "--name", dataset.getMetadata().getName(),
                "--spec", specJson(dataset),
                "--store", settings.artifactStore(),
                "--termination-log", "/dev/termination-log");
        StoreVolumes volumes = new StoreVolumes()
                .add(dataset.getSpec().getSource().getUri(), false)
                .add(settings.artifactStore(), true);
        return JobTemplates.trainerJob(dataset, name, labels, args, volumes, s3Credentials(dataset),
                new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi")))
                        .withLimits(Map.of("memory", new Quantity("2Gi")))
                        .build(),
                1, 3600L, settings);
    }

    private static List<EnvVar> s3Credentials(Dataset dataset) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null));
        if (dataset.getSpec().getSource().getSecretRef() != null) {
            String secret = dataset.getSpec().getSource().getSecretRef().getName();
            S3_KEYS.forEach(key -> env.add(new EnvVarBuilder().withName(key)
                    .withNewValueFrom().withNewSecretKeyRef(key, secret, !key.equals("AWS_SECRET_ACCESS_KEY") && !key.equals("AWS_ACCESS_KEY_ID")).endValueFrom()
                    .build()));
        }
        return env;
    }

    private static String specJson(Dataset dataset) {
        try {
            return JSON.writeValueAsString(dataset.getSpec());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the spec of Dataset " + dataset.getMetadata().getName(), e);
        }
    }
}
