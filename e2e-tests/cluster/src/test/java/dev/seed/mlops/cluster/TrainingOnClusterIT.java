package dev.seed.mlops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Training beyond one run on a real single-node cluster, with the real trainer image: a successive halving search of
 * six trials two at a time (the samples' search space, without cross-validation to stay light on two shared cores)
 * registers the best of its last rung with every trial in the lineage; a run on two workers (the workers
 * sample) forms XGBoost's collective across two pods of an Indexed Job, through the Service in front of worker 0's
 * tracker (this node has no cluster DNS: the Service's cluster IP is what the workers use), and registers one
 * model; that model is then served and answers predictions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingOnClusterIT {
    private static final String NAMESPACE = "mlops-training";
    private static final Path WORK = Path.of("target/cluster-training");
    private static final Duration STEP = Duration.ofMinutes(10);

    private static TestCluster cluster;
    private static KubernetesClient client;

    @RegisterExtension
    static final TestWatcher DUMP_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                Path dir = ClusterDiagnostics.dump(client, List.of(NAMESPACE, TestCluster.OPERATOR_NAMESPACE), ClosedLoop.KINDS,
                        WORK.resolve("diagnostics-" + context.getRequiredTestMethod().getName()));
                System.err.println("[cluster] pod logs, events and resources: " + dir.toAbsolutePath());
                System.err.println("[cluster] node:\n" + cluster.nodeLogs());
            }
        }
    };

    @BeforeAll
    static void startClusterWithAPreparedDataset() throws Exception {
        cluster = SharedCluster.get();
        cluster.prepareNamespace(NAMESPACE);
        client = cluster.access().client();
        SampleDataJob.run(client, NAMESPACE, ProductImages.TRAINER, Population.BASELINE, 1);
        create(SampleObjects.dataset());
        await("Dataset credit-risk Ready").atMost(STEP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> get(Dataset.class, "credit-risk").getStatus().getPhase(), "Ready"::equals);
    }

    @AfterAll
    static void stop() {
        SharedCluster.release(NAMESPACE);
    }

    @Test
    @Order(1)
    void aSuccessiveHalvingSearchOfSixTrialsTwoAtATimeRegistersTheBestOfTheLastRungWithEveryTrialInItsLineage() {
        TrainingJob search = SampleObjects.searchTrainingJob();
        search.getSpec().getSearch().setAlgorithm(SearchAlgorithm.successiveHalving);
        search.getSpec().getSearch().setEarlyStopping(null);
        search.getSpec().getSearch().setMaxTrials(6);
        search.getSpec().getSearch().setParallelism(2);
        create(search);

        TrainingJob done = awaitFinished(search.getMetadata().getName());

        assertThat(done.getStatus().getPhase()).as(done.getStatus().getMessage()).isEqualTo("Succeeded");
        List<TrialStatus> trials = done.getStatus().getSearch().getTrials();
        assertThat(trials).hasSize(6).allSatisfy(trial -> assertThat(trial.getState()).isEqualTo("Succeeded"));
        assertThat(trials).extracting(trial -> trial.getParameters().get("num_round")).as("rungs of 10, 30, 90 and num_round 200 rounds")
                .containsExactlyInAnyOrder("10", "10", "10", "30", "90", "200");
        TrialStatus best = trials.stream().filter(t -> t.getIndex().equals(done.getStatus().getSearch().getBestTrial())).findFirst().orElseThrow();
        assertThat(best.getParameters()).as("the best of the last rung").containsEntry("num_round", "200");
        ModelVersion registered = awaitValidated(done.getStatus().getModelVersion());
        assertThat(registered.getSpec().getSource().getSearch().getTrials()).hasSize(6);
        assertThat(registered.getSpec().getMetrics().get("auc")).isGreaterThan(0.7);
    }

    @Test
    @Order(2)
    void aRunOnTwoWorkersTrainsOneModelAcrossTwoPodsOfAnIndexedJob() {
        TrainingJob workers = SampleObjects.workersTrainingJob();
        create(workers);

        TrainingJob done = awaitFinished(workers.getMetadata().getName());

        assertThat(done.getStatus().getPhase()).as(done.getStatus().getMessage()).isEqualTo("Succeeded");
        assertThat(done.getStatus().getFailedAttempts()).isZero();
        Job job = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(done.getStatus().getJobName()).get();
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getStatus().getSucceeded()).as("both workers finished").isEqualTo(2);
        List<Pod> pods = client.pods().inNamespace(NAMESPACE).withLabel("batch.kubernetes.io/job-name", job.getMetadata().getName()).list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded"));
        assertThat(client.pods().inNamespace(NAMESPACE).withName(workerPod(pods, "1")).getLog())
                .as("worker 1 trained on its shard in the group").contains("worker 1 of 2");
        Service service = get(Service.class, workers.getMetadata().getName() + "-workers");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains(service.getSpec().getClusterIP() + ":9091")
                .as("the sample's workerStartTimeout 10m").containsSubsequence("--worker-timeout", "600");
        ModelVersion registered = awaitValidated(done.getStatus().getModelVersion());
        assertThat(registered.getSpec().getMetrics().get("auc")).isGreaterThan(0.7);
    }

    @Test
    @Order(3)
    void theModelTrainedOnTwoWorkersIsServedAndAnswersPredictions() throws Exception {
        InferenceService isvc = SampleObjects.inferenceService();
        String model = SampleObjects.workersTrainingJob().getSpec().getModel();
        isvc.getMetadata().setName(model);
        isvc.getSpec().setModel(model);
        create(isvc);

        await("v1 of " + model + " serving").atMost(STEP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> get(InferenceService.class, model).getStatus().getStable().getReadyReplicas(), ready -> ready != null && ready >= 1);
        try (LoadGenerator clients = new LoadGenerator(client, NAMESPACE, model, model, 1, 5)) {
            await("predictions").atMost(Duration.ofMinutes(2)).until(() -> clients.sent() >= 20);
            assertThat(clients.failures()).as(clients.summary()).isEmpty();
            assertThat(clients.servedBy("1")).isPositive();
        }
    }

    private static String workerPod(List<Pod> pods, String index) {
        return pods.stream().filter(pod -> index.equals(pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index")))
                .findFirst().orElseThrow().getMetadata().getName();
    }

    private static TrainingJob awaitFinished(String name) {
        return await("TrainingJob " + name + " finished").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                .until(() -> get(TrainingJob.class, name), tj -> List.of("Succeeded", "Failed").contains(tj.getStatus().getPhase()));
    }

    private static ModelVersion awaitValidated(String name) {
        ModelVersion mv = await("ModelVersion " + name + " judged").atMost(STEP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> get(ModelVersion.class, name), m -> m.getStatus().getStage() != null);
        assertThat(mv.getStatus().getStage()).as(mv.getStatus().getReason()).isIn(ModelStage.Validated, ModelStage.Production);
        return mv;
    }

    private static <T extends HasMetadata> void create(T resource) {
        resource.getMetadata().setNamespace(NAMESPACE);
        client.resource(resource).create();
    }

    private static <T extends HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(NAMESPACE).withName(name).get();
    }
}
