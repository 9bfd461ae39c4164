package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.trainer.evaluate.Predictions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Predictions are {@linkplain #offer offered} one at a time as the logs are read, and only those of the model and the
 * versions asked for, in the window, are held (id, time, output): memory grows with the window's predictions, not with
 * everything the logs retain.
 */
public final class QualityJoin {
    private final String model;
    private final Instant from;
    private final Instant until;
    private final Set<Long> versions;
    private final Refusals refusals;
    private final Map<Long, Map<String, LoggedPrediction>> byVersion = new TreeMap<>();
    private long held;

    /** @param versions the versions to report (others are left out); empty for every version found */
    public QualityJoin(String model, Instant from, Instant until, Set<Long> versions, Refusals refusals) {
        this.model = model;
        this.from = from;
        this.until = until;
        this.versions = versions;
        this.refusals = refusals;
    }

    /** Convenience for predictions and labels already in memory. */
    public static List<VersionQuality> join(List<LoggedPrediction> predictions, List<ArrivedLabel> labels, String model,
            Instant from, Instant until, Set<Long> versions, LongFunction<Optional<ModelTask>> tasks, Refusals refusals) {
        LabelIndex index = new LabelIndex();
        labels.forEach(index::add);
        QualityJoin join = new QualityJoin(model, from, until, versions, refusals);
        predictions.forEach(join::offer);
        return join.score(index, tasks);
    }

    /** Holds the prediction if it belongs to the join; of two with the same id and version, the earlier is kept. */
    public void offer(LoggedPrediction p) {
        if (!p.model().equals(model) || !p.time().isAfter(from) || p.time().isAfter(until) || !versions.isEmpty() && !versions.contains(p.version())) {
            return;
        }
        Map<String, LoggedPrediction> byId = byVersion.computeIfAbsent(p.version(), v -> new LinkedHashMap<>());
        LoggedPrediction earlier = byId.putIfAbsent(p.id(), p);
        if (earlier == null) {
            held++;
            return;
        }
        if (p.time().isBefore(earlier.time())) {
            byId.put(p.id(), p);
        }
        refusals.add("prediction id logged twice for one version (the earlier one is kept)");
    }

    /** Predictions held: those of the window, the model and the versions asked for. */
    public long held() {
        return held;
    }

    /** @param tasks what each version predicts; empty when its manifest cannot be read (counts only, no metrics) */
    public List<VersionQuality> score(LabelIndex labels, LongFunction<Optional<ModelTask>> tasks) {
        List<VersionQuality> qualities = new ArrayList<>();
        // In time order (ties in the order read), as the logs were written: sums over the pairs then add up as they did.
        byVersion.forEach((version, byId) -> qualities.add(score(version,
                byId.values().stream().sorted(Comparator.comparing(LoggedPrediction::time)).toList(), labels, tasks.apply(version))));
        return qualities;
    }

    private VersionQuality score(long version, Iterable<LoggedPrediction> predictions, LabelIndex labels, Optional<ModelTask> task) {
        List<float[]> outputs = new ArrayList<>();
        List<Double> truths = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        long unlabelled = 0;
        long duplicates = 0;
        for (LoggedPrediction prediction : predictions) {
            ArrivedLabel label = labels.first(prediction.id());
            if (label == null) {
                unlabelled++;
                continue;
            }
            duplicates += labels.duplicates(prediction.id());
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
