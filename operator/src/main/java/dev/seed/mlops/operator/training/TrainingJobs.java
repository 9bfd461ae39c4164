package dev.seed.mlops.operator.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
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
import java.util.TreeMap;

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
        return desired(trainingJob, name, snapshotUri, version, championUri, trainingJob.getSpec().getHyperparameters(), null, settings);
    }

    /**
     * The run's training Job with these hyperparameters: the spec's own, or after a search the best trial's merged into them.
     *
     * @param trackerAddress with more than one worker, the address of the Service in front of worker 0's tracker
     *                       ({@link WorkerGroups#service}); null for one worker
     */
    public static Job desired(TrainingJob trainingJob, String name, String snapshotUri, long version, String championUri,
            Map<String, String> hyperparameters, String trackerAddress, OperatorSettings settings) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--spec", specJson(trainingJob, hyperparameters, false),
                "--snapshot", snapshotUri,
                "--store", settings.artifactStore(),
                "--version", String.valueOf(version),
                "--termination-log", "/dev/termination-log"));
        if (championUri != null) {
            args.addAll(List.of("--champion", championUri));
        }
        boolean group = WorkerGroups.workers(trainingJob) > 1;
        if (group) {
            args.addAll(WorkerGroups.trainerArgs(trainingJob, trackerAddress));
        }
        StoreVolumes volumes = new StoreVolumes().add(snapshotUri, false).add(championUri, false).add(settings.artifactStore(), true);
        Job job = build(trainingJob, name, version, args, volumes, settings);
        if (group) {
            WorkerGroups.asGroup(job, trainingJob);
        }
        if (trainingJob.getSpec().getImage() != null) {
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            container.setImage(trainingJob.getSpec().getImage());
            if (trainingJob.getSpec().getCommand() != null) {
                container.setCommand(trainingJob.getSpec().getCommand());
            }
        }
        return job;
    }

    /** Trial n of a search: {@code <name>-t<n>}. */
    public static String trialName(TrainingJob trainingJob, int n) {
        return trainingJob.getMetadata().getName() + "-t" + n;
    }

    /**
     * A search trial: the trainer with the trial's values over the spec's hyperparameters, judged on the validation split
     * (--trial); it publishes nothing, so the store is mounted read-only. The same resources and retries as the run.
     *
     * @param stopWorseThan the median stopping rule's bar for the trial, or null
     */
    public static Job trial(TrainingJob trainingJob, String name, String snapshotUri, long version, Map<String, String> parameters,
            Double stopWorseThan, OperatorSettings settings) {
        Map<String, String> hyperparameters = new TreeMap<>(trainingJob.getSpec().getHyperparameters() == null ? Map.of()
                : trainingJob.getSpec().getHyperparameters());
        hyperparameters.putAll(parameters);
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--spec", specJson(trainingJob, hyperparameters, true),
                "--snapshot", snapshotUri,
                "--store", settings.artifactStore(),
                "--version", String.valueOf(version),
                "--trial",
                "--termination-log", "/dev/termination-log"));
        if (stopWorseThan != null) {
            args.addAll(List.of("--stop-worse-than", String.valueOf(stopWorseThan)));
        }
        return build(trainingJob, name, version, args, new StoreVolumes().add(snapshotUri, false).add(settings.artifactStore(), false), settings);
    }

    private static Job build(TrainingJob trainingJob, String name, long version, List<String> args, StoreVolumes volumes, OperatorSettings settings) {
        Map<String, String> labels = Labels.managed(COMPONENT, Labels.TRAINING_JOB, trainingJob);
        labels.put(Labels.MODEL, trainingJob.getSpec().getModel());
        labels.put(Labels.VERSION, String.valueOf(version));
        Job job = JobTemplates.trainerJob(trainingJob, name, labels, args, volumes,
                List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", null)), resources(trainingJob),
                trainingJob.getSpec().getBackoffLimit() == null ? 2 : trainingJob.getSpec().getBackoffLimit(),
                trainingJob.getSpec().getActiveDeadlineSeconds(), settings);
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

    /**
     * The spec the trainer reads, with these hyperparameters. A trial keeps the search (its objective and early stopping
     * rule); the run's own training is a single run to the trainer.
     */
    private static String specJson(TrainingJob trainingJob, Map<String, String> hyperparameters, boolean keepSearch) {
        try {
            ObjectNode spec = JSON.valueToTree(trainingJob.getSpec());
            if (!keepSearch) {
                spec.remove("search");
            }
            spec.set("hyperparameters", JSON.valueToTree(hyperparameters));
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot serialise the spec of TrainingJob " + trainingJob.getMetadata().getName(), e);
        }
    }
}
