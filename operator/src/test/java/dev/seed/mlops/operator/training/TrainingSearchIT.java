package dev.seed.mlops.operator.training;

import static dev.seed.mlops.operator.TestObjects.dataset;
import static dev.seed.mlops.operator.TestObjects.failed;
import static dev.seed.mlops.operator.TestObjects.prepared;
import static dev.seed.mlops.operator.TestObjects.trained;
import static dev.seed.mlops.operator.TestObjects.trainingJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ParameterSpace;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchObjective;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A hyperparameter search on a real API server, the test playing the Job controller and kubelet. */
@ExtendWith(ApiServerExtension.class)
class TrainingSearchIT {
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperatorWithAReadyDataset(TestApiServer api) throws Exception {
        cluster = new OperatorHarness(api, "search", Map.of());
        cluster.client.resource(dataset("credit")).inNamespace(cluster.namespace).create();
        Job prepare = awaitJob("credit-prepare-1");
        cluster.podEnded(prepare, 0, 0, prepared("cd".repeat(32), 30000));
        cluster.jobSucceeded(prepare);
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void trialsRunWithinParallelismAFailedOneIsSurvivedAndTheBestIsTrainedRegisteredAndInTheLineage() throws Exception {
        TrainingJob searching = trainingJob("tune", "credit");
        searching.getSpec().setModel("tuned");
        searching.getSpec().getHyperparameters().remove("max_depth");
        searching.getSpec().getEvaluation().setMustBeatServing(null);
        searching.getSpec().getEvaluation().getGates().removeIf(g -> g.getMetric() == Metric.logLoss);
        searching.getSpec().setSearch(search(3, 2));
        cluster.client.resource(searching).inNamespace(cluster.namespace).create();

        Job t0 = awaitJob("tune-t0");
        Job t1 = awaitJob("tune-t1");
        await().untilAsserted(() -> assertThat(current().getStatus().getSearch().getStartedTrials()).isEqualTo(2));
        assertThat(cluster.job("tune-t2")).as("parallelism 2 holds the third trial back").isEmpty();
        assertThat(cluster.job("tune-train")).isEmpty();
        Container trialContainer = t0.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(trialContainer.getArgs()).contains("--trial", "--version", "1");
        assertThat(trialContainer.getResources()).isEqualTo(searching.getSpec().getResources());

        cluster.podEnded(t0, 0, 1, failed("train", "XGBoost refused to train"));
        cluster.jobFailed(t0, 3, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        Job t2 = awaitJob("tune-t2");
        await().untilAsserted(() -> assertThat(current().getStatus().getSearch().getFailedTrials()).isEqualTo(1));
        assertThat(current().getStatus().getPhase()).isEqualTo("Running");

        cluster.podEnded(t1, 0, 0, trial(0.80));
        cluster.jobSucceeded(t1);
        cluster.podEnded(t2, 0, 0, trial(0.85));
        cluster.jobSucceeded(t2);

        Job run = awaitJob("tune-train");
        await().untilAsserted(() -> {
            TrainingJob afterSearch = current();
            assertThat(afterSearch.getStatus().getSearch().getBestTrial()).isEqualTo(2);
            assertThat(afterSearch.getStatus().getSearch().getBestObjective()).isEqualTo(0.85);
            assertThat(afterSearch.getStatus().getSearch().getTrials()).extracting(TrialStatus::getIndex).containsExactly(2, 1, 0);
        });
        String bestDepth = current().getStatus().getSearch().getTrials().get(0).getParameters().get("max_depth");
        List<String> args = run.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).doesNotContain("--trial");
        assertThat(args.get(args.indexOf("--spec") + 1)).contains("\"max_depth\":\"" + bestDepth + "\"").doesNotContain("\"search\"");

        cluster.podEnded(run, 0, 0, trained("tuned", 1, Map.of("auc", 0.84, "accuracy", 0.8)));
        cluster.jobSucceeded(run);

        await().untilAsserted(() -> {
            TrainingJob done = current();
            assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(done.getStatus().getModelVersion()).isEqualTo("tuned-v1");
            ModelVersion registered = cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName("tuned-v1").get();
            assertThat(registered.getSpec().getMetrics()).containsEntry("auc", 0.84);
            assertThat(registered.getSpec().getSource().getSearch().getTrials()).hasSize(3)
                    .extracting(TrialStatus::getState).containsExactly("Succeeded", "Succeeded", "Failed");
            assertThat(registered.getSpec().getSource().getSearch().getBestTrial()).isEqualTo(2);
        });
        assertThat(cluster.eventReasons("tune")).contains("TrialStarted", "TrialFailed", "TrialSucceeded", "SearchFinished", "ModelVersionRegistered");
    }

    private static Search search(int maxTrials, int parallelism) {
        ParameterSpace depth = new ParameterSpace();
        depth.setMin(2.0);
        depth.setMax(8.0);
        depth.setType(ParameterType.integer);
        SearchObjective objective = new SearchObjective();
        objective.setMetric(Metric.auc);
        objective.setDirection(SearchDirection.maximize);
        Search search = new Search();
        search.setSpace(Map.of("max_depth", depth));
        search.setMaxTrials(maxTrials);
        search.setParallelism(parallelism);
        search.setObjective(objective);
        return search;
    }

    private static JobResult trial(double validationAuc) {
        return new JobResult("train", true, "ab".repeat(32), null, null, null, null, Map.of("validation.auc", validationAuc), "trial");
    }

    private static Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static TrainingJob current() {
        return cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName("tune").get();
    }
}
