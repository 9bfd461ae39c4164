package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.DriftFixtures.serving;
import static dev.seed.mlops.operator.drift.DriftFixtures.trained;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The performance section's rules in {@link DriftPlanner} ({@link QualityEvaluations}), one test per rule. */
class QualityPlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final DriftPolicySpec spec = withPerformance(DriftFixtures.retrainSpec());
    private DriftPolicyStatus status;
    private Instant now = T0;
    private Optional<DriftObservation.Target> target = Optional.of(serving(3));
    private Optional<DriftObservation.Retrain> retrain = Optional.empty();
    private Optional<ObservedJob> qualityJob = Optional.empty();

    /** auc at least 0.75 on 500 labels, every hour over 24 hours, 2 breaches in a row. */
    private static DriftPolicySpec withPerformance(DriftPolicySpec spec) {
        QualityPolicy performance = new QualityPolicy();
        performance.setMetric(Metric.auc);
        performance.setMinimum(0.75);
        spec.setPerformance(performance);
        // Drift checks are not what these tests are about: one a day, so they ask for a reading once and stay quiet.
        spec.setCheckInterval("24h");
        return spec;
    }

    private DriftPlan plan() {
        DriftPlan plan = DriftPlanner.next(DriftFixtures.POLICY, spec, 1, status,
                new DriftObservation(target, Optional.empty(), true, retrain, qualityJob), now);
        status = plan.status();
        return plan;
    }

    private static Map<String, Double> figures(long version, double auc, long labelled) {
        Map<String, Double> figures = new HashMap<>();
        figures.put(QualityKeys.key(version, "auc"), auc);
        figures.put(QualityKeys.key(version, QualityKeys.LABELLED), (double) labelled);
        figures.put(QualityKeys.key(version, QualityKeys.UNLABELLED), 40.0);
        figures.put(QualityKeys.key(version, QualityKeys.DUPLICATES), 2.0);
        figures.put(QualityKeys.key(version, QualityKeys.DELAY_P50), 600.0);
        figures.put(QualityKeys.key(version, QualityKeys.DELAY_MAX), 7200.0);
        return figures;
    }

    private static ObservedJob succeeded(String name, Map<String, Double> figures) {
        JobResult result = new JobResult("evaluate-quality", true, null, null, 0L, null, null, figures, "v3: ...");
        return new ObservedJob(name, true, T0, new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0), "");
    }

    /** One evaluation: the Job starts, then comes back with these figures. */
    private DriftPlan evaluate(Map<String, Double> figures) {
        DriftPlan started = plan();
        assertThat(started.qualityJob()).as("a quality Job starts when the evaluation is due").isPresent();
        qualityJob = Optional.of(succeeded(started.qualityJob().get().name(), figures));
        DriftPlan judged = plan();
        qualityJob = Optional.empty();
        return judged;
    }

    private void hoursPass(long hours) {
        now = now.plus(Duration.ofHours(hours));
    }

    private Condition quality() {
        return status.getConditions().stream().filter(c -> QualityEvaluations.CONDITION.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aQualityJobStartsAtOnceOverTheWindowEndingNowForTheStableVersion() {
        DriftPlan plan = plan();

        assertThat(plan.qualityJob()).contains(new DriftPlan.QualityJobOrder("credit-drift-quality-" + Long.toString(T0.getEpochSecond() / 60, 36),
                "credit", 3, T0.minus(Duration.ofHours(24)), T0));
        assertThat(status.getQuality().getJob()).isEqualTo(plan.qualityJob().get().name());
        assertThat(status.getQuality().getNextEvaluation()).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(quality().getStatus()).isEqualTo(ConditionStatus.Unknown);
    }

    @Test
    void noSecondQualityJobStartsWhileOneRunsEvenWhenTheNextIsDue() {
        DriftPlan started = plan();
        qualityJob = Optional.of(new ObservedJob(started.qualityJob().get().name(), true, T0,
                new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0), ""));
        hoursPass(2);

        assertThat(plan().qualityJob()).isEmpty();
    }

    @Test
    void theNextQualityJobIsDueEveryInterval() {
        evaluate(figures(3, 0.81, 900));
        now = now.plusSeconds(3599);
        assertThat(plan().qualityJob()).isEmpty();
        now = now.plusSeconds(1);

        assertThat(plan().qualityJob()).map(DriftPlan.QualityJobOrder::until).contains(T0.plusSeconds(3600));
    }

    @Test
    void aMetQualityIsRecordedPerVersionExportedAndTheConditionIsTrue() {
        DriftPlan plan = evaluate(figures(3, 0.81, 900));

        assertThat(status.getQuality().getHistory()).singleElement().satisfies(reading -> {
            assertThat(reading.getVersion()).isEqualTo(3);
            assertThat(reading.getValue()).isEqualTo(0.81);
            assertThat(reading.getLabelled()).isEqualTo(900);
            assertThat(reading.getUnlabelled()).isEqualTo(40);
            assertThat(reading.getDuplicates()).isEqualTo(2);
            assertThat(reading.getLabelDelayP50Seconds()).isEqualTo(600.0);
            assertThat(reading.getLabelDelayMaxSeconds()).isEqualTo(7200.0);
            assertThat(reading.getVerdict()).isEqualTo(QualityEvaluations.MET);
        });
        assertThat(plan.quality()).contains(List.of(new DriftPlan.QualityGauge("credit", 3, "auc", 0.81)));
        assertThat(quality().getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(status.getQuality().getJob()).isNull();
    }

    @Test
    void tooFewLabelsIsNotABreachSaysSoAndExportsNoValue() {
        evaluate(figures(3, 0.50, 900));
        hoursPass(1);
        DriftPlan plan = evaluate(figures(3, 0.40, 120));

        assertThat(status.getQuality().getConsecutiveBreaches()).as("the count holds").isEqualTo(1);
        assertThat(quality().getReason()).isEqualTo(QualityEvaluations.TOO_FEW_LABELS);
        assertThat(quality().getMessage()).contains("120 labelled predictions of the 500 minLabels", "not a breach");
        assertThat(plan.quality()).contains(List.of());
        assertThat(status.getQuality().getHistory()).extracting(r -> r.getVerdict()).containsExactly("Breached", "TooFewLabels");
    }

    @Test
    void aResultWithoutTheStableVersionIsTooFewLabels() {
        evaluate(Map.of(QualityKeys.REFUSED, 0.0));

        assertThat(status.getQuality().getHistory()).singleElement().satisfies(r -> assertThat(r.getLabelled()).isZero());
        assertThat(quality().getReason()).isEqualTo(QualityEvaluations.TOO_FEW_LABELS);
    }

    @Test
    void aSustainedBreachRetrainsWithAReasonNamingTheMetricAndItsValue() {
        evaluate(figures(3, 0.70, 900));
        assertThat(quality().getReason()).isEqualTo("QualityBreaching");
        hoursPass(1);
        DriftPlan plan = evaluate(figures(3, 0.68, 812));

        assertThat(plan.retrain()).map(DriftPlan.RetrainOrder::trainingJob).contains("credit-drift-retrain-1");
        assertThat(status.getLastTriggered().getReason())
                .isEqualTo("quality auc 0.6800 of v3 below the minimum 0.7500 on 812 labels (2 consecutive evaluations)");
        assertThat(plan.events()).extracting(DriftPlan.Event::reason).contains(EventReason.QualityBreached, EventReason.RetrainTriggered);
        assertThat(status.getQuality().getConsecutiveBreaches()).isZero();
        assertThat(status.getRecentTriggers()).containsExactly("2026-03-01T11:00:00Z");
    }

    @Test
    void aMetricBetterWhenLowerBreachesAboveItsMaximum() {
        spec.getPerformance().setMetric(Metric.rmse);
        spec.getPerformance().setMinimum(null);
        spec.getPerformance().setMaximum(10.0);
        spec.getPerformance().setConsecutiveBreaches(1);
        Map<String, Double> figures = figures(3, 0, 900);
        figures.put(QualityKeys.key(3, "rmse"), 12.5);

        evaluate(figures);

        assertThat(status.getLastTriggered().getReason()).startsWith("quality rmse 12.5000 of v3 above the maximum 10.0000");
    }

    @Test
    void aBreachWhileARetrainIsInFlightStartsNoOther() {
        spec.getPerformance().setConsecutiveBreaches(1);
        evaluate(figures(3, 0.6, 900));
        retrain = Optional.of(DriftFixtures.job("credit-drift-retrain-1", "Running"));
        hoursPass(1);

        DriftPlan plan = evaluate(figures(3, 0.6, 900));

        assertThat(plan.retrain()).isEmpty();
        assertThat(quality().getReason()).isEqualTo("QualitySustained");
    }

    @Test
    void cooldownSuppressesAQualityRetrainAndSaysUntilWhen() {
        spec.getPerformance().setConsecutiveBreaches(1);
        evaluate(figures(3, 0.6, 900));
        retrain = Optional.of(trained("credit-drift-retrain-1", 4, ModelStage.Rejected));
        hoursPass(1);

        DriftPlan plan = evaluate(figures(3, 0.6, 900));

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(plan.retrain()).isEmpty();
        assertThat(quality().getReason()).isEqualTo("RetrainSuppressed");
        assertThat(quality().getMessage()).contains("cooldown");
    }

    @Test
    void actionAlertOnlyReportsASustainedBreachWithoutRetraining() {
        spec.setAction(DriftAction.AlertOnly);
        spec.setRetrain(null);
        spec.getPerformance().setConsecutiveBreaches(1);

        DriftPlan plan = evaluate(figures(3, 0.6, 900));

        assertThat(plan.retrain()).isEmpty();
        assertThat(plan.events()).filteredOn(e -> e.reason() == EventReason.QualityBreached)
                .singleElement().satisfies(e -> assertThat(e.message()).endsWith("action AlertOnly: no retrain"));
        assertThat(status.getPhase()).isEqualTo(DriftPhase.DRIFTING);
    }

    @Test
    void aNewStableVersionStartsANewStreak() {
        evaluate(figures(3, 0.6, 900));
        target = Optional.of(serving(4));
        hoursPass(1);

        DriftPlan plan = evaluate(figures(4, 0.6, 900));

        assertThat(plan.retrain()).isEmpty();
        assertThat(status.getQuality().getConsecutiveBreaches()).isEqualTo(1);
    }

    @Test
    void aFailedQualityJobIsAnEvaluationThatDidNotHappenWithAWarning() {
        evaluate(figures(3, 0.6, 900));
        hoursPass(1);
        DriftPlan started = plan();
        qualityJob = Optional.of(new ObservedJob(started.qualityJob().get().name(), true, now,
                new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded", "label file x.csv: the header must be id,label", 1), ""));

        DriftPlan plan = plan();

        assertThat(plan.events()).extracting(DriftPlan.Event::reason).containsExactly(EventReason.QualityEvaluationFailed);
        assertThat(quality().getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(quality().getMessage()).contains("x.csv");
        assertThat(status.getQuality().getConsecutiveBreaches()).isEqualTo(1);
        assertThat(status.getQuality().getJob()).isNull();
    }

    @Test
    void aQualityJobMissingForAMinuteIsLostButNotBefore() {
        plan();
        now = now.plusSeconds(30);
        assertThat(plan().events()).isEmpty();
        now = now.plusSeconds(30);

        assertThat(plan().events()).extracting(DriftPlan.Event::reason).containsExactly(EventReason.QualityEvaluationFailed);
        assertThat(status.getQuality().getMessage()).contains("vanished");
    }

    @Test
    void historyKeepsTheLatestReadingsOnly() {
        for (int i = 0; i < QualityEvaluations.HISTORY + 5; i++) {
            evaluate(figures(3, 0.9, 900));
            hoursPass(1);
        }

        assertThat(status.getQuality().getHistory()).hasSize(QualityEvaluations.HISTORY);
        assertThat(status.getQuality().getHistory().get(QualityEvaluations.HISTORY - 1).getTime()).isEqualTo(Instant.parse("2026-03-03T14:00:00Z").toString());
    }

    @Test
    void removingThePerformanceSectionClearsItsStatusConditionAndGauges() {
        evaluate(figures(3, 0.9, 900));
        spec.setPerformance(null);

        DriftPlan plan = plan();

        assertThat(status.getQuality()).isNull();
        assertThat(status.getConditions()).noneMatch(c -> QualityEvaluations.CONDITION.equals(c.getType()));
        assertThat(plan.quality()).contains(List.of());
    }
}
