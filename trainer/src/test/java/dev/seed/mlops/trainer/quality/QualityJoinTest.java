package dev.seed.mlops.trainer.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.evaluate.ClassificationMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join rules of {@link QualityJoin}: window, late, missing and duplicate labels, and metrics from the training code. */
class QualityJoinTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = T0.plusSeconds(3600);
    private static final ModelTask BINARY = new ModelTask(TaskType.binary, 2);

    private static LoggedPrediction prediction(String id, long secondsAfterT0, long version, float p) {
        return new LoggedPrediction(id, T0.plusSeconds(secondsAfterT0), "credit", version, new float[] {p});
    }

    private static ArrivedLabel label(String id, double value, long secondsAfterT0) {
        return new ArrivedLabel(id, value, T0.plusSeconds(secondsAfterT0));
    }

    private static List<VersionQuality> join(List<LoggedPrediction> predictions, List<ArrivedLabel> labels, Refusals refusals) {
        return QualityJoin.join(predictions, labels, "credit", T0, UNTIL, Set.of(), v -> Optional.of(BINARY), refusals);
    }

    @Test
    void metricsAreTheTrainingMetricsOnTheSamePairs() {
        Random random = new Random(7);
        List<LoggedPrediction> predictions = new ArrayList<>();
        List<ArrivedLabel> labels = new ArrayList<>();
        double[] truth = new double[500];
        double[] scores = new double[500];
        for (int i = 0; i < 500; i++) {
            truth[i] = random.nextBoolean() ? 1 : 0;
            scores[i] = (float) Math.min(1, Math.max(0, 0.3 * truth[i] + 0.7 * random.nextDouble()));
            predictions.add(prediction("r" + i, 1 + i, 3, (float) scores[i]));
            labels.add(label("r" + i, truth[i], 2000 + i));
        }
        VersionQuality quality = join(predictions, labels, new Refusals()).get(0);
        assertThat(quality.labelled()).isEqualTo(500);
        assertThat(quality.metrics()).isEqualTo(ClassificationMetrics.binary(truth, scores));
    }

    @Test
    void firstLabelToArriveWinsAndLaterOnesAreCountedAsDuplicates() {
        List<LoggedPrediction> predictions = List.of(prediction("a", 10, 3, 0.9f), prediction("b", 20, 3, 0.1f));
        // "a" is labelled 1 first; a later 0 for it must not count.
        List<ArrivedLabel> labels = List.of(label("a", 0, 500), label("a", 1, 100), label("b", 0, 60), label("b", 0, 70));
        VersionQuality quality = join(predictions, labels, new Refusals()).get(0);
        assertThat(quality.duplicates()).isEqualTo(2);
        assertThat(quality.metrics().get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void predictionsWithoutLabelsAreUnlabelledAndLeftOutOfTheMetrics() {
        List<LoggedPrediction> predictions = List.of(prediction("a", 10, 3, 0.9f), prediction("b", 20, 3, 0.9f), prediction("c", 30, 3, 0.1f));
        VersionQuality quality = join(predictions, List.of(label("a", 1, 40), label("c", 0, 40)), new Refusals()).get(0);
        assertThat(quality.labelled()).isEqualTo(2);
        assertThat(quality.unlabelled()).isEqualTo(1);
        assertThat(quality.metrics().get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void aLateLabelJoinsItsPredictionAndItsDelayIsMeasured() {
        List<LoggedPrediction> predictions = List.of(prediction("a", 10, 3, 0.9f), prediction("b", 20, 3, 0.2f), prediction("c", 30, 3, 0.2f));
        // "c"'s label arrives a day after the window ends: still joined.
        List<ArrivedLabel> labels = List.of(label("a", 1, 70), label("b", 0, 140), label("c", 0, 30 + 86_400));
        VersionQuality quality = join(predictions, labels, new Refusals()).get(0);
        assertThat(quality.labelled()).isEqualTo(3);
        assertThat(quality.delayP50()).isEqualTo(120.0);
        assertThat(quality.delayMax()).isEqualTo(86_400.0);
    }

    @Test
    void onlyPredictionsInsideTheWindowOfTheModelCount() {
        List<LoggedPrediction> predictions = List.of(prediction("before", 0, 3, 0.9f), prediction("in", 10, 3, 0.9f),
                prediction("after", 3601, 3, 0.9f), new LoggedPrediction("other", T0.plusSeconds(5), "fraud", 3, new float[] {0.2f}));
        List<ArrivedLabel> labels = List.of(label("before", 1, 5000), label("in", 1, 5000), label("after", 1, 5000), label("other", 1, 5000));
        VersionQuality quality = join(predictions, labels, new Refusals()).get(0);
        assertThat(quality.labelled()).isEqualTo(1);
        assertThat(quality.unlabelled()).isZero();
    }

    @Test
    void versionsAreScoredApartAndAnIdServedByTwoVersionsJoinsBoth() {
        List<LoggedPrediction> predictions = List.of(prediction("a", 10, 3, 0.9f), prediction("a", 10, 4, 0.1f), prediction("b", 20, 4, 0.1f));
        List<VersionQuality> qualities = join(predictions, List.of(label("a", 1, 50), label("b", 0, 50)), new Refusals());
        assertThat(qualities).extracting(VersionQuality::version).containsExactly(3L, 4L);
        assertThat(qualities.get(0).metrics().get("accuracy")).isEqualTo(1.0);
        assertThat(qualities.get(1).metrics().get("accuracy")).isEqualTo(0.5);
    }

    @Test
    void anIdLoggedTwiceForOneVersionKeepsTheEarlierPredictionAndCountsTheOther() {
        Refusals refusals = new Refusals();
        List<LoggedPrediction> predictions = List.of(prediction("a", 20, 3, 0.1f), prediction("a", 10, 3, 0.9f));
        VersionQuality quality = join(predictions, List.of(label("a", 1, 50)), refusals).get(0);
        assertThat(quality.labelled()).isEqualTo(1);
        assertThat(quality.metrics().get("accuracy")).isEqualTo(1.0);
        assertThat(refusals.total()).isEqualTo(1);
    }

    @Test
    void aLabelThatIsNoClassOfTheModelIsRefusedNotScored() {
        Refusals refusals = new Refusals();
        List<LoggedPrediction> predictions = List.of(prediction("a", 10, 3, 0.9f), prediction("b", 10, 3, 0.9f));
        VersionQuality quality = join(predictions, List.of(label("a", 1, 50), label("b", 2, 50)), refusals).get(0);
        assertThat(quality.labelled()).isEqualTo(1);
        assertThat(refusals.byReason()).containsKey("label that is neither 0 nor 1, for a binary model");
    }

    @Test
    void multiclassPredictionsAreScoredOnTheirClassProbabilities() {
        ModelTask three = new ModelTask(TaskType.multiclass, 3);
        List<LoggedPrediction> predictions = List.of(
                new LoggedPrediction("a", T0.plusSeconds(1), "credit", 3, new float[] {0.7f, 0.2f, 0.1f}),
                new LoggedPrediction("b", T0.plusSeconds(2), "credit", 3, new float[] {0.1f, 0.2f, 0.7f}));
        VersionQuality quality = QualityJoin.join(predictions, List.of(label("a", 0, 5), label("b", 1, 5)), "credit", T0, UNTIL, Set.of(),
                v -> Optional.of(three), new Refusals()).get(0);
        assertThat(quality.metrics().get("accuracy")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aVersionWithoutAManifestGetsCountsButNoMetrics() {
        Refusals refusals = new Refusals();
        VersionQuality quality = QualityJoin.join(List.of(prediction("a", 10, 9, 0.9f)), List.of(label("a", 1, 50)), "credit", T0, UNTIL,
                Set.of(), v -> Optional.empty(), refusals).get(0);
        assertThat(quality.labelled()).isEqualTo(1);
        assertThat(quality.metrics()).isEmpty();
        assertThat(refusals.summary()).contains("v9 has no readable manifest");
    }

    @Test
    void onlyPredictionsOfTheWindowTheModelAndTheVersionsAskedForAreHeld() {
        QualityJoin join = new QualityJoin("credit", T0, UNTIL, Set.of(3L), new Refusals());
        join.offer(prediction("before", 0, 3, 0.5f));
        join.offer(new LoggedPrediction("after", UNTIL.plusSeconds(1), "credit", 3, new float[] {0.5f}));
        join.offer(prediction("other-version", 10, 4, 0.5f));
        join.offer(new LoggedPrediction("other-model", T0.plusSeconds(10), "fraud", 3, new float[] {0.5f}));
        assertThat(join.held()).isZero();

        join.offer(prediction("in", 10, 3, 0.5f));
        join.offer(prediction("in", 11, 3, 0.5f));
        assertThat(join.held()).as("a repeated id is not held twice").isEqualTo(1);
    }

    @Test
    void theFirstLabelToArriveWinsWhateverOrderTheLabelsAreReadIn() {
        LabelIndex labels = new LabelIndex();
        labels.add(label("a", 0, 50));
        labels.add(label("a", 1, 20));
        labels.add(label("a", 0, 30));

        assertThat(labels.first("a").label()).isEqualTo(1.0);
        assertThat(labels.duplicates("a")).isEqualTo(2);
        assertThat(labels.size()).isEqualTo(1);
    }
}
