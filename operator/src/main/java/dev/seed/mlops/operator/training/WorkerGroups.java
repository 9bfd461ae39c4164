package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Owners;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training run on several workers: the training Job becomes an Indexed Job of one pod per worker (the index is the
 * trainer's rank), and a headless Service gives worker 0, which runs XGBoost's tracker, a name the others connect to:
 * {@code <job>-0.<service>}. Worker 0 binds the tracker on its own pod IP, which the others' connections reach through
 * that name once it resolves. The group is one attempt: any worker's failure fails the Job at once (backoffLimit 0),
 * and the planner starts the next attempt as a new Job, so an attempt counts once however many workers failed.
 */
public final class WorkerGroups {
    /** The tracker's port in worker 0's pod. */
    static final int TRACKER_PORT = 9091;
    /** How long the tracker waits for every worker to connect, and a worker for the tracker's name, before the attempt fails. */
    static final int FORM_TIMEOUT_SECONDS = 300;
    private static final String POD_IP = "POD_IP";

    private WorkerGroups() {
    }

    /** How many pods train a run: 1 unless the spec says more. */
    public static int workers(TrainingJob trainingJob) {
        return trainingJob.getSpec().getWorkers() == null ? 1 : trainingJob.getSpec().getWorkers();
    }

    /** The headless Service of a run's workers: {@code <name>-workers}. */
    public static String serviceName(TrainingJob trainingJob) {
        return trainingJob.getMetadata().getName() + "-workers";
    }

    /** The trainer's arguments for a worker of the Job {@code jobName}; its rank comes from the Indexed Job's completion index. */
    static List<String> trainerArgs(TrainingJob trainingJob, String jobName) {
        return List.of("--workers", String.valueOf(workers(trainingJob)),
                "--tracker", jobName + "-0." + serviceName(trainingJob) + ":" + TRACKER_PORT,
                "--tracker-bind", "$(" + POD_IP + ")",
                "--worker-timeout", String.valueOf(FORM_TIMEOUT_SECONDS));
    }

    /** Turns a one-pod training Job into the group's Indexed Job: N pods at once, under the headless Service, one attempt. */
    static Job asGroup(Job job, TrainingJob trainingJob) {
        int workers = workers(trainingJob);
        JobSpec spec = job.getSpec();
        spec.setCompletionMode("Indexed");
        spec.setCompletions(workers);
        spec.setParallelism(workers);
        spec.setBackoffLimit(0);
        PodSpec pod = spec.getTemplate().getSpec();
        pod.setSubdomain(serviceName(trainingJob));
        var container = pod.getContainers().get(0);
        List<EnvVar> env = new ArrayList<>(container.getEnv());
        env.add(new EnvVarBuilder().withName(POD_IP).withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
        container.setEnv(env);
        return job;
    }

    /**
     * The headless Service that names the workers' pods (publishing them before they are ready: the trainer has no
     * readiness probe, and the group forms while they start). Owned by the TrainingJob; every attempt uses it.
     */
    static Service service(TrainingJob trainingJob) {
        Map<String, String> labels = Labels.managed(TrainingJobs.COMPONENT, Labels.TRAINING_JOB, trainingJob);
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(serviceName(trainingJob))
                    .withNamespace(trainingJob.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controller(trainingJob))
                .endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(labels)
                    .addNewPort().withName("tracker").withPort(TRACKER_PORT).withNewTargetPort(TRACKER_PORT).endPort()
                .endSpec()
                .build();
    }
}
