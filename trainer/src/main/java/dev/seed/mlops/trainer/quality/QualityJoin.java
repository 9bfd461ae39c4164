package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.trainer.evaluate.Predictions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Joins predictions with their labels by id, per model version, and scores each version with the trainer's own metrics
 * ({@link Predictions#metrics}: the code that scores the test split at training time). The rules:
 * <ul>
 * <li>A prediction counts when its time lies in the window (from, until]. Labels count whenever they arrived, so a label
 * that comes late still joins the prediction it belongs to at the next evaluation; one for a prediction outside the
 * window is not used.</li>
 * <li>The first label to arrive for an id wins; any later one is a duplicate, counted and not used (even when it says
 * something else: a label does not change once given).</li>
 * <li>A prediction without a label is unlabelled, and only counted.</li>
 * <li>The same id logged twice for one version (a client reusing ids) keeps the earlier prediction; the other is
 * refused. The same id under two versions (shadow traffic) is two predictions, each joined.</li>
 * <li>The label delay is the time from the prediction to its label's arrival (0 when clocks disagree).</li>
 * </ul>
 */
public final class QualityJoin {
    private QualityJoin() {
    }

    /**
     * @param versions the versions to report (others are left out); empty for every version found
     * @param tasks    what each version predicts; empty when its manifest cannot be read (counts only, no metrics)
     */
    public static List<VersionQuality> join(List<LoggedPrediction> predictions, List<ArrivedLabel> labels, String model,
            Instant from, Instant until, Set<Long> versions, LongFunction<Optional<ModelTask>> tasks, Refusals refusals) {
        Map<String, ArrivedLabel> firstLabel = new HashMap<>();
        Map<String, Long> laterLabels = new HashMap<>();
        labels.stream().sorted(Comparator.comparing(ArrivedLabel::received)).forEach(label -> {
            if (firstLabel.putIfAbsent(label.id(), label) != null) {
                laterLabels.merge(label.id(), 1L, Long::sum);
            }
        });
        Map<Long, Map<String, LoggedPrediction>> byVersion = new TreeMap<>();
        predictions.stream()
                .filter(p -> p.model().equals(model))
                .filter(p -> p.time().isAfter(from) && !p.time().isAfter(until))
                .filter(p -> versions.isEmpty() || versions.contains(p.version()))
                .sorted(Comparator.comparing(LoggedPrediction::time))
                .forEach(p -> {
                    if (byVersion.computeIfAbsent(p.version(), v -> new LinkedHashMap<>()).putIfAbsent(p.id(), p) != null) {
                        refusals.add("prediction id logged twice for one version (the earlier one is kept)");
                    }
                });
        List<VersionQuality> qualities = new ArrayList<>();
        byVersion.forEach((version, byId) -> qualities.add(score(version, byId.values(), firstLabel, laterLabels, tasks.apply(version), refusals)));
        return qualities;
    }

    private static VersionQuality score(long version, Iterable<LoggedPrediction> predictions, Map<String, ArrivedLabel> firstLabel,
            Map<String, Long> laterLabels, Optional<ModelTask> task, Refusals refusals) {
        List<float[]> outputs = new ArrayList<>();
        List<Double> truths = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        long unlabelled = 0;
        long duplicates = 0;
        for (LoggedPrediction prediction : predictions) {
            ArrivedLabel label = firstLabel.get(prediction.id());
            if (label == null) {
                unlabelled++;
                continue;
            }
            duplicates += laterLabels.getOrDefault(prediction.id(), 0L);
            String misfit = task.map(t -> t.misfit(prediction.output(), label.label())).orElse(null);
            if (misfit != null) {
                refusals.add(misfit);
                continue;
            }
            outputs.add(prediction.output());
            truths.add(label.label());
            delays.add(Math.max(0, Duration.between(prediction.time(), label.received()).toMillis() / 1000.0));
        }
        if (task.isEmpty() && !outputs.isEmpty()) {
            refusals.add("v" + version + " has no readable manifest, so its metrics cannot be computed");
        }
        Map<String, Double> metrics = task.isEmpty() || outputs.isEmpty() ? Map.of()
                : new Predictions(task.get().task(), outputs.toArray(float[][]::new)).metrics(truths.stream().mapToDouble(Double::doubleValue).toArray());
        delays.sort(Comparator.naturalOrder());
        return new VersionQuality(version, metrics, outputs.size(), unlabelled, duplicates,
                delays.isEmpty() ? null : delays.get((delays.size() + 1) / 2 - 1),
                delays.isEmpty() ? null : delays.get(delays.size() - 1));
    }
}
