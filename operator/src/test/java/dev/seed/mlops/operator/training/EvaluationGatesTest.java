package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Evaluation;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.MetricGate;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationGatesTest {

    @Test
    void passesWhenEveryThresholdHolds() {
        GateDecision decision = EvaluationGates.decide(gates(min(Metric.auc, 0.8), max(Metric.logLoss, 0.5)),
                Map.of("auc", 0.85, "logLoss", 0.4), null);

        assertThat(decision.stage()).isEqualTo(ModelStage.Validated);
        assertThat(decision.reason()).isEqualTo("passed: auc 0.8500, logLoss 0.4000");
    }

    @Test
    void rejectsOnTheFirstThresholdMissedNamingTheMeasurement() {
        assertThat(EvaluationGates.decide(gates(min(Metric.auc, 0.8)), Map.of("auc", 0.79), null))
                .isEqualTo(new GateDecision(ModelStage.Rejected, "auc 0.7900 is below the minimum 0.8000"));
        assertThat(EvaluationGates.decide(gates(max(Metric.rmse, 2.0)), Map.of("rmse", 2.5), null))
                .isEqualTo(new GateDecision(ModelStage.Rejected, "rmse 2.5000 is above the maximum 2.0000"));
    }

    @Test
    void aMetricTheTrainerDidNotReportCannotPass() {
        assertThat(EvaluationGates.decide(gates(min(Metric.f1, 0.5)), Map.of("auc", 0.9), null).stage()).isEqualTo(ModelStage.Rejected);
    }

    @Test
    void theChallengerMustBeatTheChampionByTheMargin() {
        Evaluation evaluation = champion(Metric.auc, 0.01);

        assertThat(EvaluationGates.decide(evaluation, Map.of("auc", 0.85, "champion.auc", 0.84), "credit-risk-v1").stage())
                .isEqualTo(ModelStage.Validated);
        assertThat(EvaluationGates.decide(evaluation, Map.of("auc", 0.845, "champion.auc", 0.84), "credit-risk-v1").reason())
                .isEqualTo("does not beat the champion: auc 0.8450 vs 0.8400 of serving credit-risk-v1 (margin 0.0100)");
    }

    @Test
    void forLowerIsBetterMetricsTheChallengerMustBeLower() {
        Evaluation evaluation = champion(Metric.logLoss, 0.0);

        assertThat(EvaluationGates.decide(evaluation, Map.of("logLoss", 0.30, "champion.logLoss", 0.35), "m-v1").stage()).isEqualTo(ModelStage.Validated);
        assertThat(EvaluationGates.decide(evaluation, Map.of("logLoss", 0.40, "champion.logLoss", 0.35), "m-v1").stage()).isEqualTo(ModelStage.Rejected);
    }

    @Test
    void aBetterCalibratedChallengerHasTheLowerCalibrationError() {
        Evaluation evaluation = champion(Metric.calibrationError, 0.0);

        assertThat(EvaluationGates.decide(evaluation, Map.of("calibrationError", 0.02, "champion.calibrationError", 0.05), "m-v1").stage())
                .isEqualTo(ModelStage.Validated);
        assertThat(EvaluationGates.decide(evaluation, Map.of("calibrationError", 0.08, "champion.calibrationError", 0.05), "m-v1").stage())
                .isEqualTo(ModelStage.Rejected);
    }

    @Test
    void withNothingServingThereIsNoChampionToBeat() {
        GateDecision decision = EvaluationGates.decide(champion(Metric.auc, 0.01), Map.of("auc", 0.6), null);

        assertThat(decision.stage()).isEqualTo(ModelStage.Validated);
        assertThat(decision.reason()).contains("no version serving on credit-risk to compare against");
    }

    @Test
    void aChampionWithoutAScoreRejects() {
        assertThat(EvaluationGates.decide(champion(Metric.auc, 0.0), Map.of("auc", 0.9), "m-v1").stage()).isEqualTo(ModelStage.Rejected);
    }

    private static Evaluation gates(MetricGate... gates) {
        Evaluation evaluation = new Evaluation();
        evaluation.setGates(List.of(gates));
        return evaluation;
    }

    private static Evaluation champion(Metric metric, double margin) {
        MustBeatServing rule = new MustBeatServing();
        LocalObjectRef ref = new LocalObjectRef();
        ref.setName("credit-risk");
        rule.setInferenceServiceRef(ref);
        rule.setMetric(metric);
        rule.setMargin(margin);
        Evaluation evaluation = new Evaluation();
        evaluation.setMustBeatServing(rule);
        return evaluation;
    }

    private static MetricGate min(Metric metric, double value) {
        MetricGate gate = new MetricGate();
        gate.setMetric(metric);
        gate.setMinimum(value);
        return gate;
    }

    private static MetricGate max(Metric metric, double value) {
        MetricGate gate = new MetricGate();
        gate.setMetric(metric);
        gate.setMaximum(value);
        return gate;
    }
}
