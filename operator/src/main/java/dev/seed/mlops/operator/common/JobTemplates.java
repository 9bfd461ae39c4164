package dev.seed.mlops.operator.common;

import dev.seed.mlops.artifact.JobResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the batch Jobs that run the trainer image: owned, labelled, restricted, with their result in the termination
 * message, and failed at once on bad input.
 */
public final class JobTemplates {
    private JobTemplates() {
    }

    /**
     * A Job of one trainer container.
     *
     * @param owner   the custom resource that owns the Job (deleted with it)
     * @param name    the Job's name
     * @param labels  labels of the Job and its pods
     * @param args    the trainer's command line
     * @param volumes the claims the command reads and writes
     */
    public static Job trainerJob(HasMetadata owner, String name, Map<String, String> labels, List<String> args,
            StoreVolumes volumes, List<EnvVar> env, ResourceRequirements resources, int backoffLimit,
            Long activeDeadlineSeconds, OperatorSettings settings) {
        Container container = new ContainerBuilder()
                .withName("trainer")
                .withImage(settings.trainerImage())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withArgs(args)
                .withEnv(StoreCredentials.withStoreSettings(env, volumes, settings))
                .withResources(resources)
                .withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(mountsWithTmp(volumes))
                .build();
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controller(owner))
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(backoffLimit)
                    .withActiveDeadlineSeconds(activeDeadlineSeconds)
                    .withTtlSecondsAfterFinished(settings.jobTtlSeconds())
                    .withPodFailurePolicy(badInputFailsAtOnce("trainer"))
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withSecurityContext(PodSecurity.pod())
                            .withContainers(container)
                            .withVolumes(volumesWithTmp(volumes))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Bad input (exit code {@link JobResult#INVALID_INPUT_EXIT_CODE} of the named container: the spec, the data) fails
     * the Job at once, since a retry would fail the same way. A pod evicted or preempted (condition DisruptionTarget) is
     * not the command's failure and does not count against the Job's backoff limits. A Job that renames the container
     * sets the policy again with the new name: the API server refuses a policy naming a container the pod lacks.
     */
    public static PodFailurePolicy badInputFailsAtOnce(String container) {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                    .withAction("FailJob")
                    .withNewOnExitCodes().withContainerName(container).withOperator("In").withValues(JobResult.INVALID_INPUT_EXIT_CODE).endOnExitCodes()
                .endRule()
                .addNewRule()
                    .withAction("Ignore")
                    .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule()
                .build();
    }

    /** The root filesystem is read-only, so the JVM and the trainer's temporary files get an emptyDir. */
    private static List<io.fabric8.kubernetes.api.model.Volume> volumesWithTmp(StoreVolumes volumes) {
        List<io.fabric8.kubernetes.api.model.Volume> all = new ArrayList<>(volumes.volumes());
        all.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        return all;
    }

    private static List<io.fabric8.kubernetes.api.model.VolumeMount> mountsWithTmp(StoreVolumes volumes) {
        List<io.fabric8.kubernetes.api.model.VolumeMount> all = new ArrayList<>(volumes.mounts());
        all.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        return all;
    }
}
