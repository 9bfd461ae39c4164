package dev.seed.mlops.operator.training.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ParameterScale;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchObjective;
import dev.seed.mlops.api.v1alpha1.SearchStatus;
import dev.seed.mlops.api.v1alpha1.TrialEarlyStopping;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per decision of the search planner. */
class SearchPlannerTest {

    @Test
    void theFirstStepStartsAsManyTrialsAsParallelismAllows() {
        SearchPlanner.Step step = next(search(6, 2, SearchDirection.maximize), null, Map.of());

        assertThat(step.start()).extracting(SearchPlanner.TrialStart::jobName).containsExactly("run-t0", "run-t1");
        assertThat(step.status().getStartedTrials()).isEqualTo(2);
        assertThat(step.status().getTotalTrials()).isEqualTo(6);
        assertThat(step.status().getTrials()).extracting(TrialStatus::getState).containsOnly("Running");
        assertThat(step.finished()).isFalse();
    }

    @Test
    void noTrialStartsWhileParallelismTrialsRun() {
        Search search = search(6, 2, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step again = next(search, first.status(), Map.of("run-t0", running("run-t0"), "run-t1", running("run-t1")));

        assertThat(again.start()).isEmpty();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void anEndedTrialRecordsItsObjectiveAndMakesRoomForTheNext() {
        Search search = search(6, 2, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", succeeded("run-t0", 0.81), "run-t1", running("run-t1")));

        assertThat(step.start()).extracting(SearchPlanner.TrialStart::index).containsExactly(2);
        assertThat(step.status().getTrials().get(0)).satisfies(t -> {
            assertThat(t.getIndex()).isZero();
            assertThat(t.getState()).isEqualTo("Succeeded");
            assertThat(t.getObjective()).isEqualTo(0.81);
        });
        assertThat(step.status().getBestTrial()).isZero();
        assertThat(step.status().getBestObjective()).isEqualTo(0.81);
    }

    @Test
    void aFailedTrialIsRecordedAndTheSearchGoesOn() {
        Search search = search(6, 2, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", failed("run-t0"), "run-t1", running("run-t1")));

        assertThat(step.failure()).isEmpty();
        assertThat(step.start()).extracting(SearchPlanner.TrialStart::index).containsExactly(2);
        assertThat(step.status().getFailedTrials()).isEqualTo(1);
        assertThat(step.status().getTrials()).last().satisfies(t -> {
            assertThat(t.getState()).isEqualTo("Failed");
            assertThat(t.getMessage()).contains("BackoffLimitExceeded", "out of memory");
        });
        assertThat(step.events()).extracting(PlannedEvent::reason).contains(EventReason.TrialFailed);
    }

    @Test
    void trialsAreListedBestFirstForTheDirection() {
        Search minimize = search(3, 3, SearchDirection.minimize);
        minimize.getObjective().setMetric(Metric.logLoss);
        SearchPlanner.Step first = next(minimize, null, Map.of());

        SearchPlanner.Step step = next(minimize, first.status(), Map.of("run-t0", succeeded("run-t0", 0.5, "validation.logLoss"),
                "run-t1", succeeded("run-t1", 0.3, "validation.logLoss"), "run-t2", running("run-t2")));

        assertThat(step.status().getTrials()).extracting(TrialStatus::getIndex).containsExactly(1, 0, 2);
        assertThat(step.status().getBestTrial()).isEqualTo(1);
    }

    @Test
    void whenEveryTrialHasEndedTheBestIsNamed() {
        Search search = search(2, 2, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", succeeded("run-t0", 0.7), "run-t1", succeeded("run-t1", 0.9)));

        assertThat(step.best()).hasValueSatisfying(best -> assertThat(best.getIndex()).isEqualTo(1));
        assertThat(step.start()).isEmpty();
        assertThat(step.events()).extracting(PlannedEvent::reason).contains(EventReason.SearchFinished);
    }

    @Test
    void whenEveryTrialFailedTheSearchFails() {
        Search search = search(2, 2, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", failed("run-t0"), "run-t1", failed("run-t1")));

        assertThat(step.best()).isEmpty();
        assertThat(step.failure()).hasValueSatisfying(why -> assertThat(why).contains("all 2 trials failed", "out of memory"));
    }

    @Test
    void aTrialWhoseResultLacksTheObjectiveFails() {
        Search search = search(2, 1, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", succeeded("run-t0", 0.9, "auc")));

        assertThat(step.status().getTrials()).filteredOn(t -> t.getIndex() == 0).singleElement()
                .satisfies(t -> assertThat(t.getMessage()).contains("no validation.auc"));
    }

    @Test
    void aTrialWhoseJobVanishedFails() {
        Search search = search(2, 1, SearchDirection.maximize);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of());

        assertThat(step.status().getTrials()).filteredOn(t -> t.getIndex() == 0).singleElement()
                .satisfies(t -> assertThat(t.getMessage()).contains("was deleted"));
        assertThat(step.start()).extracting(SearchPlanner.TrialStart::index).containsExactly(1);
    }

    @Test
    void aTrialWhoseJobNameAnotherOwnerHoldsFailsWithoutBeingCreated() {
        ObservedJob foreign = new ObservedJob("run-t0", false, Instant.EPOCH, running("run-t0").outcome(), "TrainingJob run (uid other)");

        SearchPlanner.Step step = next(search(3, 1, SearchDirection.maximize), null, Map.of("run-t0", foreign));

        assertThat(step.start()).extracting(SearchPlanner.TrialStart::index).containsExactly(1);
        assertThat(step.status().getFailedTrials()).isEqualTo(1);
    }

    @Test
    void withCrossValidationTheObjectiveIsTheCrossValidationMean() {
        Search search = search(1, 1, SearchDirection.maximize);
        assertThat(SearchPlanner.objectiveKey(search, true)).isEqualTo("cv.auc.mean");
        assertThat(SearchPlanner.objectiveKey(search, false)).isEqualTo("validation.auc");
    }

    @Test
    void noTrialIsStoppedEarlyBeforeMinTrialsHaveSucceeded() {
        Search search = stoppingAfter(search(4, 1, SearchDirection.maximize), 2);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", checkpointed("run-t0", 0.8, 0.7)));

        assertThat(step.start()).singleElement().satisfies(t -> assertThat(t.stopWorseThan()).isNull());
    }

    @Test
    void laterTrialsStopBelowTheMedianCheckpointOfTheSucceededOnes() {
        Search search = stoppingAfter(search(5, 3, SearchDirection.maximize), 3);
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", checkpointed("run-t0", 0.80, 0.60),
                "run-t1", checkpointed("run-t1", 0.85, 0.90), "run-t2", checkpointed("run-t2", 0.82, 0.70)));

        assertThat(step.start()).extracting(SearchPlanner.TrialStart::stopWorseThan).containsExactly(0.70, 0.70);
    }

    @Test
    void aStoppedTrialIsRecordedAsStoppedAndIsNeverTheBest() {
        Search search = stoppingAfter(search(2, 2, SearchDirection.maximize), 1);
        SearchPlanner.Step first = next(search, null, Map.of());
        JobResult stopped = new JobResult("train", true, null, null, null, null, null, Map.of("checkpoint.auc", 0.55, "stoppedAtRound", 20.0),
                "trial stopped");
        ObservedJob stoppedJob = new ObservedJob("run-t1", true, Instant.EPOCH,
                new JobOutcome(JobOutcome.State.Succeeded, Optional.of(stopped), "Complete", "", 0), "");

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", checkpointed("run-t0", 0.8, 0.7), "run-t1", stoppedJob));

        assertThat(step.status().getTrials()).extracting(TrialStatus::getState).containsExactly("Succeeded", "Stopped");
        assertThat(step.status().getTrials().get(1).getMessage()).contains("after 20 rounds", "0.55");
        assertThat(step.best()).hasValueSatisfying(best -> assertThat(best.getIndex()).isZero());
        assertThat(step.status().getFailedTrials()).isZero();
        assertThat(step.events()).extracting(PlannedEvent::reason).contains(EventReason.TrialStopped);
    }

    @Test
    void successiveHalvingStartsTheFirstRungWithTheFewestRoundsAndWaitsForItBeforeTheNext() {
        Search search = halving(search(4, 4, SearchDirection.maximize));

        SearchPlanner.Step first = next(search, null, Map.of());
        SearchPlanner.Step waiting = next(search, first.status(), Map.of("run-t0", succeeded("run-t0", 0.7), "run-t1", running("run-t1")));

        assertThat(first.status().getTotalTrials()).as("rungs of 10, 30, 90 rounds: 2 + 1 + 1 trials").isEqualTo(4);
        assertThat(first.start()).extracting(SearchPlanner.TrialStart::index).containsExactly(0, 1);
        assertThat(first.start()).allSatisfy(t -> assertThat(t.parameters()).containsEntry("num_round", "10").containsKey("max_depth"));
        assertThat(waiting.start()).as("rung 1 waits for every trial of rung 0").isEmpty();
    }

    @Test
    void successiveHalvingPromotesTheBestOfARungWithMoreRoundsAndNamesTheBestOfTheLastRung() {
        Search search = halving(search(4, 4, SearchDirection.maximize));
        SearchPlanner.Step first = next(search, null, Map.of());
        Map<String, ObservedJob> jobs = new HashMap<>(Map.of("run-t0", succeeded("run-t0", 0.7), "run-t1", succeeded("run-t1", 0.8)));

        SearchPlanner.Step second = next(search, first.status(), jobs);
        jobs.put("run-t2", succeeded("run-t2", 0.75));
        SearchPlanner.Step third = next(search, second.status(), jobs);
        jobs.put("run-t3", succeeded("run-t3", 0.76));
        SearchPlanner.Step last = next(search, third.status(), jobs);

        Map<String, String> bestOfRungZero = first.start().get(1).parameters();
        assertThat(second.start()).singleElement().satisfies(t -> {
            assertThat(t.index()).isEqualTo(2);
            assertThat(t.parameters()).containsEntry("num_round", "30").containsEntry("max_depth", bestOfRungZero.get("max_depth"));
        });
        assertThat(third.start()).singleElement().satisfies(t -> assertThat(t.parameters()).containsEntry("num_round", "90"));
        assertThat(last.best()).as("trial 1 scored higher, but on 10 rounds; the last rung decides")
                .hasValueSatisfying(best -> assertThat(best.getIndex()).isEqualTo(3));
    }

    @Test
    void aSuccessiveHalvingRungWithNothingToPromoteIsStoppedAndTheSearchEnds() {
        Search search = halving(search(4, 4, SearchDirection.maximize));
        SearchPlanner.Step first = next(search, null, Map.of());

        SearchPlanner.Step step = next(search, first.status(), Map.of("run-t0", failed("run-t0"), "run-t1", failed("run-t1")));

        assertThat(step.start()).isEmpty();
        assertThat(step.status().getTrials()).filteredOn(t -> t.getIndex() >= 2).allSatisfy(t -> {
            assertThat(t.getState()).isEqualTo("Stopped");
            assertThat(t.getJobName()).as("never run").isNull();
            assertThat(t.getMessage()).startsWith("not run: rung");
        });
        assertThat(step.failure()).as("no trial succeeded").isPresent();
    }

    private static Search halving(Search search) {
        search.setAlgorithm(SearchAlgorithm.successiveHalving);
        return search;
    }

    private static Search stoppingAfter(Search search, int minTrials) {
        TrialEarlyStopping rule = new TrialEarlyStopping();
        rule.setAfterRounds(20);
        rule.setMinTrials(minTrials);
        search.setEarlyStopping(rule);
        return search;
    }

    private static ObservedJob checkpointed(String name, double objective, double checkpoint) {
        JobResult result = new JobResult("train", true, "ab".repeat(32), null, null, null, null,
                Map.of("validation.auc", objective, "checkpoint.auc", checkpoint), "trial");
        return new ObservedJob(name, true, Instant.EPOCH, new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0), "");
    }

    private static SearchPlanner.Step next(Search search, SearchStatus current, Map<String, ObservedJob> jobs) {
        return SearchPlanner.next(search, false, Map.of("num_round", "90"), current, new HashMap<>(jobs), n -> "run-t" + n);
    }

    private static Search search(int maxTrials, int parallelism, SearchDirection direction) {
        Search search = SearchSpaceTest.search(SearchAlgorithm.random, 0, maxTrials,
                Map.of("max_depth", SearchSpaceTest.range(2, 8, ParameterScale.linear, ParameterType.integer)));
        search.setParallelism(parallelism);
        SearchObjective objective = new SearchObjective();
        objective.setMetric(Metric.auc);
        objective.setDirection(direction);
        search.setObjective(objective);
        return search;
    }

    private static ObservedJob running(String name) {
        return new ObservedJob(name, true, Instant.EPOCH, new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0), "");
    }

    private static ObservedJob succeeded(String name, double objective) {
        return succeeded(name, objective, "validation.auc");
    }

    private static ObservedJob succeeded(String name, double objective, String key) {
        JobResult result = new JobResult("train", true, "ab".repeat(32), null, null, null, null, Map.of(key, objective), "trial");
        return new ObservedJob(name, true, Instant.EPOCH, new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0), "");
    }

    private static ObservedJob failed(String name) {
        return new ObservedJob(name, true, Instant.EPOCH,
                new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded", "out of memory", 3), "");
    }
}
