package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.Evaluation;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.MetricGate;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides Validated or Rejected from test-split metrics: absolute thresholds, then champion/challenger against the
 * serving version scored on the same split (reported by the trainer as champion.&lt;metric&gt;).
 */
public final class EvaluationGates {
    static final String CHAMPION_PREFIX = "champion.";

    private EvaluationGates() {
    }

    public static GateDecision decide(Evaluation evaluation, Map<String, Double> metrics, String championName) {
        List<String> passed = new ArrayList<>();
        if (evaluation != null) {
            for (MetricGate gate : evaluation.getGates()) {
                Double value = metrics.get(gate.getMetric().name());
                if (value == null || value.isNaN()) {
                    return rejected("metric " + gate.getMetric() + " was not reported by the trainer, so its gate cannot pass");
                }
                if (gate.getMinimum() != null && value < gate.getMinimum()) {
                    return rejected(String.format(Locale.ROOT, "%s %.4f is below the minimum %.4f", gate.getMetric(), value, gate.getMinimum()));
                }
                if (gate.getMaximum() != null && value > gate.getMaximum()) {
                    return rejected(String.format(Locale.ROOT, "%s %.4f is above the maximum %.4f", gate.getMetric(), value, gate.getMaximum()));
                }
                passed.add(String.format(Locale.ROOT, "%s %.4f", gate.getMetric(), value));
            }
            if (evaluation.getMustBeatServing() != null) {
                GateDecision championship = againstChampion(evaluation.getMustBeatServing(), metrics, championName);
                if (!championship.validated()) {
                    return championship;
                }
                passed.add(championship.reason());
            }
        }
        return new GateDecision(ModelStage.Validated, passed.isEmpty() ? "no evaluation gates" : "passed: " + String.join(", ", passed));
    }

    private static GateDecision againstChampion(MustBeatServing rule, Map<String, Double> metrics, String championName) {
        Metric metric = rule.getMetric();
        Double candidate = metrics.get(metric.name());
        Double champion = metrics.get(CHAMPION_PREFIX + metric.name());
        if (championName == null) {
            return new GateDecision(ModelStage.Validated, "no version serving on " + rule.getInferenceServiceRef().getName() + " to compare against");
        }
        if (candidate == null || champion == null) {
            return rejected("champion/challenger on " + metric + " needs both scores; the trainer reported "
                    + (candidate == null ? "no candidate score" : "no champion score for " + championName));
        }
        double margin = rule.getMargin() == null ? 0.0 : rule.getMargin();
        boolean lowerIsBetter = metric.lowerIsBetter();
        boolean beats = lowerIsBetter ? candidate <= champion - margin : candidate >= champion + margin;
        String comparison = String.format(Locale.ROOT, "%s %.4f vs %.4f of serving %s (margin %.4f)", metric, candidate, champion, championName, margin);
        return beats ? new GateDecision(ModelStage.Validated, "beats the champion: " + comparison)
                : rejected("does not beat the champion: " + comparison);
    }

    private static GateDecision rejected(String reason) {
        return new GateDecision(ModelStage.Rejected, reason);
    }
}
