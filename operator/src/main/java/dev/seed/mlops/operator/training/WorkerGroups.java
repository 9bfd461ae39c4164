package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.operator.common.Durations;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run on several workers: the training Job becomes an Indexed Job of one pod per worker (the index is the
 * trainer's rank), and a Service that selects worker 0's pod (by its completion index) gives the others a fixed address
 * for XGBoost's tracker, which worker 0 runs: the Service's cluster IP, known before the Job is created, so it goes
 * into the workers' command line. No cluster DNS is needed (a headless Service would name worker 0 only through DNS).
 * Worker 0 binds the tracker on its own pod IP, and the workers then connect to each other's pod IPs directly. The
 * group is one attempt: any worker's failure fails the Job at once (backoffLimit 0), and the planner starts the next
 * attempt as a new Job under the same Service, so an attempt counts once however many workers failed.
 */
public final class WorkerGroups {
    /** The tracker's port in worker 0's pod; worker 0 answers on the next one once its tracker started. */
    static final int TRACKER_PORT = 9091;
    /** The label the Job controller puts on each pod of an Indexed Job: its completion index. */
    static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    private static final String POD_IP = "POD_IP";

    private WorkerGroups() {
    }

    /** How many pods train a run: 1 unless the spec says more. */
    public static int workers(TrainingJob trainingJob) {
        return trainingJob.getSpec().getWorkers() == null ? 1 : trainingJob.getSpec().getWorkers();
    }

    /** The Service of a run's worker 0: {@code <name>-workers}. */
    public static String serviceName(TrainingJob trainingJob) {
        return trainingJob.getMetadata().getName() + "-workers";
    }

    /**
     * The trainer's arguments for a worker; its rank comes from the Indexed Job's completion index.
     *
     * @param trackerAddress the cluster IP of the {@link #service}
     */
    static List<String> trainerArgs(TrainingJob trainingJob, String trackerAddress) {
        return List.of("--workers", String.valueOf(workers(trainingJob)),
                "--tracker", trackerAddress + ":" + TRACKER_PORT,
                "--tracker-bind", "$(" + POD_IP + ")",
                "--worker-timeout", String.valueOf(startTimeoutSeconds(trainingJob)));
    }

    /**
     * spec.workerStartTimeout in whole seconds: how long the tracker waits for every worker to connect, and a worker for
     * the tracker to listen, before the attempt fails (admission keeps it from 10s to 1h).
     */
    static long startTimeoutSeconds(TrainingJob trainingJob) {
        String timeout = trainingJob.getSpec().getWorkerStartTimeout();
        return Durations.parse(timeout == null ? TrainingJobSpec.DEFAULT_WORKER_START_TIMEOUT : timeout).toSeconds();
    }

    /** Turns a one-pod training Job into the group's Indexed Job: N pods at once, one attempt. */
    static Job asGroup(Job job, TrainingJob trainingJob) {
        int workers = workers(trainingJob);
        JobSpec spec = job.getSpec();
        spec.setCompletionMode("Indexed");
        spec.setCompletions(workers);
        spec.setParallelism(workers);
        spec.setBackoffLimit(0);
        PodSpec pod = spec.getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        List<EnvVar> env = new ArrayList<>(container.getEnv());
        env.add(new EnvVarBuilder().withName(POD_IP).withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
        container.setEnv(env);
        return job;
    }

    /**
     * The Service in front of worker 0 of whichever attempt runs (finished pods have no endpoint): the tracker's port and
     * the next one. Its endpoint is published before the pod is ready, as the group forms while its pods start. Owned
     * by the TrainingJob; every attempt uses it.
     */
    static Service service(TrainingJob trainingJob) {
        Map<String, String> labels = Labels.managed(TrainingJobs.COMPONENT, Labels.TRAINING_JOB, trainingJob);
        Map<String, String> workerZero = new LinkedHashMap<>(labels);
        workerZero.put(COMPLETION_INDEX, "0");
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(serviceName(trainingJob))
                    .withNamespace(trainingJob.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controller(trainingJob))
                .endMetadata()
                .withNewSpec()
                    .withPublishNotReadyAddresses(true)
                    .withSelector(workerZero)
                    .addNewPort().withName("tracker").withPort(TRACKER_PORT).withNewTargetPort(TRACKER_PORT).endPort()
                    .addNewPort().withName("tracker-ready").withPort(TRACKER_PORT + 1).withNewTargetPort(TRACKER_PORT + 1).endPort()
                .endSpec()
                .build();
    }
}
