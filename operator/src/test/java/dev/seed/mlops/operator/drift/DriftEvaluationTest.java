package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.FeatureScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftEvaluationTest {

    @Test
    void theWorstWatchedScoreAboveTheThresholdIsABreachNamedByFeatureMetricAndScore() {
        DriftEvaluation evaluation = DriftEvaluation.of(new DriftReading(900, Map.of("age", 0.41, "income", 0.05, "_prediction", 0.12)), spec(null));

        assertThat(evaluation.reading()).isEqualTo(BreachTracker.Reading.BREACH);
        assertThat(evaluation.maxScore()).isEqualTo(0.41);
        assertThat(evaluation.summary()).isEqualTo("drift on feature age: psi 0.41 > 0.2");
        assertThat(evaluation.scores()).extracting(FeatureScore::getFeature).containsExactly("_prediction", "age", "income");
        assertThat(evaluation.scores()).extracting(FeatureScore::getBreached).containsExactly(false, true, false);
    }

    @Test
    void onlyTheListedFeaturesAndThePredictionAreWatched() {
        DriftEvaluation evaluation = DriftEvaluation.of(new DriftReading(900, Map.of("age", 0.41, "income", 0.05, "_prediction", 0.3)), spec(List.of("income")));

        assertThat(evaluation.scores()).extracting(FeatureScore::getFeature).containsExactly("_prediction", "income");
        assertThat(evaluation.summary()).isEqualTo("drift on the prediction: psi 0.3 > 0.2");
    }

    @Test
    void scoresWithinTheThresholdAreClear() {
        DriftEvaluation evaluation = DriftEvaluation.of(new DriftReading(900, Map.of("age", 0.2, "income", 0.05)), spec(null));

        assertThat(evaluation.reading()).isEqualTo(BreachTracker.Reading.CLEAR);
        assertThat(evaluation.summary()).isEqualTo("highest psi 0.2 (feature age) is within the threshold 0.2");
    }

    @Test
    void tooFewSamplesOrNothingScoredIsInconclusiveHoweverHighTheScores() {
        DriftEvaluation few = DriftEvaluation.of(new DriftReading(499, Map.of("age", 3.0)), spec(null));
        DriftEvaluation nothing = DriftEvaluation.of(new DriftReading(5000, Map.of()), spec(null));

        assertThat(few.reading()).isEqualTo(BreachTracker.Reading.INCONCLUSIVE);
        assertThat(few.summary()).startsWith("499 samples in the window, fewer than minSamples 500");
        assertThat(few.maxScore()).isEqualTo(3.0);
        assertThat(nothing.reading()).isEqualTo(BreachTracker.Reading.INCONCLUSIVE);
        assertThat(nothing.summary()).contains("no feature could be scored yet");
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertThat(DriftEvaluation.number(0.41)).isEqualTo("0.41");
        assertThat(DriftEvaluation.number(0.123456)).isEqualTo("0.123");
        assertThat(DriftEvaluation.number(12.5)).isEqualTo("12.5");
        assertThat(DriftEvaluation.number(0.2)).isEqualTo("0.2");
    }

    private static DriftPolicySpec spec(List<String> features) {
        DriftPolicySpec spec = new DriftPolicySpec();
        spec.setFeatures(features);
        return spec;
    }

    @org.junit.jupiter.api.Test
    void statusShowsScoresToFourSignificantDigits() {
        assertThat(DriftEvaluation.shown(0.2682987318458891)).isEqualTo(0.2683);
        assertThat(DriftEvaluation.shown(1.5346)).isEqualTo(1.535);
        assertThat(DriftEvaluation.shown(0.0)).isZero();
    }
}
