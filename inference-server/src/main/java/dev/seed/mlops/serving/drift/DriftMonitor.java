package dev.seed.mlops.serving.drift;

import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Online drift of the features and the prediction against the baseline profile.json, over a sliding window. The
 * features are the raw ones requests carry and, for a model with transforms, the engineered ones it computes from them
 * (profile.json's {@code engineered}), read from the model's input; both are named alike in scores and metrics.
 * Recording a request takes one lock and, per value, one bin lookup and two increments: no
 * allocation. Scores are computed when read.
 */
public final class DriftMonitor {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class);

    /** The raw features, then the engineered ones. */
    private final List<Tracked> features;
    private final int rawFeatures;
    private final int modelWidth;
    private final Tracked prediction;
    private final Tracked comparable;
    private final int outputWidth;
    /** Guards {@link #window}, which {@link #resize} replaces. */
    private final Object lock = new Object();
    private SlidingWindow window;
    private final String baselineDigest;
    private final String datasetDigest;
    private final Clock clock;

    /**
     * A variable drift is measured for: a feature (by its index in the request batch, or for an engineered one in the
     * model's input) or the prediction.
     */
    private record Tracked(String name, int featureIndex, int variable, int binOffset, Binning binning) {
    }

    private DriftMonitor(List<Tracked> features, int rawFeatures, int modelWidth, Tracked prediction, Tracked comparable,
            int outputWidth, SlidingWindow window, String baselineDigest, String datasetDigest, Clock clock) {
        this.features = features;
        this.rawFeatures = rawFeatures;
        this.modelWidth = modelWidth;
        this.prediction = prediction;
        this.comparable = comparable;
        this.outputWidth = outputWidth;
        this.window = window;
        this.baselineDigest = baselineDigest;
        this.datasetDigest = datasetDigest;
        this.clock = clock;
    }

    /** How the window is sized: by rows, or by time when {@code windowMillis} is positive. */
    public record WindowSpec(long rows, long windowMillis, int buckets) {
    }

    /**
     * @param schema      what requests carry
     * @param modelSchema the model's own inputs, where the engineered features are read
     * @param binary whether the model's single output is a probability (then it is also counted on
     *               {@link ComparableBins})
     */
    public static DriftMonitor create(FeatureSchema schema, FeatureSchema modelSchema, int outputWidth, boolean binary,
            DataProfile profile, String baselineDigest, WindowSpec spec, Clock clock) {
        Map<String, FeatureProfile> baseline = byName(profile.features());
        List<Tracked> features = new ArrayList<>();
        int bins = 0;
        for (int f = 0; f < schema.size(); f++) {
            bins = track(features, bins, schema, f, baseline);
        }
        int rawFeatures = features.size();
        Map<String, FeatureProfile> engineered = byName(profile.engineered());
        for (int f = 0; f < modelSchema.size(); f++) {
            if (engineered.containsKey(modelSchema.name(f))) {
                bins = track(features, bins, modelSchema, f, engineered);
            }
        }
        Binning predictionBinning = binning(baseline.get(ArtifactFiles.PREDICTION), classNames(outputWidth));
        Tracked prediction = predictionBinning == null ? null
                : new Tracked(ArtifactFiles.PREDICTION, -1, features.size(), bins, predictionBinning);
        int variables = features.size() + (prediction == null ? 0 : 1);
        int totalBins = bins + (prediction == null ? 0 : predictionBinning.bins());
        Tracked comparable = null;
        if (binary) {
            comparable = new Tracked("probability", -1, variables++, totalBins, ComparableBins.probability());
            totalBins += comparable.binning().bins();
        }
        SlidingWindow window = SlidingWindow.of(spec, variables, totalBins);
        return new DriftMonitor(List.copyOf(features), rawFeatures, modelSchema.size(), prediction, comparable, outputWidth,
                window, baselineDigest, profile.datasetDigest(), clock);
    }

    private static Map<String, FeatureProfile> byName(List<FeatureProfile> profiles) {
        return profiles.stream().collect(Collectors.toMap(FeatureProfile::name, Function.identity(), (a, b) -> a));
    }

    /** Tracks feature f of a schema when its baseline has bins; returns the bins used so far. */
    private static int track(List<Tracked> features, int bins, FeatureSchema schema, int f, Map<String, FeatureProfile> baseline) {
        Binning binning = binning(baseline.get(schema.name(f)), schema.features().get(f).categories());
        if (binning == null) {
            return bins;
        }
        features.add(new Tracked(schema.name(f), f, features.size(), bins, binning));
        return bins + binning.bins();
    }

    /** A multiclass prediction is tracked as its class index, named "0", "1", ... in a categorical baseline. */
    private static List<String> classNames(int outputWidth) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < Math.max(outputWidth, 2); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /** The bins of a baseline entry, or null (with a warning) when the baseline has none usable. */
    private static Binning binning(FeatureProfile baseline, List<String> modelCategories) {
        if (baseline == null || baseline.frequencies() == null || baseline.frequencies().isEmpty()) {
            return null;
        }
        double[] expected = normalized(baseline.frequencies());
        if (baseline.categories() != null) {
            if (expected.length != baseline.categories().size() + 1 || modelCategories == null) {
                LOG.warnf("profile.json: %s has %d frequencies for %d categories plus unknown; not tracked",
                        baseline.name(), expected.length, baseline.categories().size());
                return null;
            }
            int[] binOfCode = new int[modelCategories.size()];
            for (int code = 0; code < binOfCode.length; code++) {
                int bin = baseline.categories().indexOf(modelCategories.get(code));
                binOfCode[code] = bin >= 0 ? bin : baseline.categories().size();
            }
            return new Binning.Categorical(binOfCode, expected);
        }
        List<Double> edges = baseline.binEdges() == null ? List.of() : baseline.binEdges();
        if (expected.length != edges.size() + 1) {
            LOG.warnf("profile.json: %s has %d frequencies for %d bin edges; not tracked",
                    baseline.name(), expected.length, edges.size());
            return null;
        }
        float[] floatEdges = new float[edges.size()];
        for (int i = 0; i < floatEdges.length; i++) {
            floatEdges[i] = edges.get(i).floatValue();
        }
        return new Binning.Numeric(floatEdges, expected);
    }

    private static double[] normalized(List<Double> frequencies) {
        double sum = frequencies.stream().mapToDouble(Double::doubleValue).sum();
        return frequencies.stream().mapToDouble(f -> sum > 0 ? f / sum : 0).toArray();
    }

    /**
     * Gives the window another size or kind while the server runs (the DriftPolicy's window, read from the routing
     * ConfigMap), keeping the rows of the current window that fit in the new one ({@link SlidingWindow#resized}).
     * The same size again changes nothing.
     */
    public void resize(WindowSpec spec) {
        synchronized (lock) {
            if (!window.hasSize(spec)) {
                window = window.resized(spec, clock.millis());
            }
        }
    }

    /**
     * Counts a predicted batch: every tracked feature value and the prediction of each row.
     *
     * @param modelInput the model's features for the batch, row-major ({@code ServedModel.modelInput}): where the
     *                   engineered features are read; a missing one and an unknown category are both NaN there, so
     *                   both count as missing
     */
    public void record(FeatureBatch batch, float[] modelInput, float[] predictions) {
        long now = clock.millis();
        synchronized (lock) {
            for (int row = 0; row < batch.rows(); row++) {
                window.beginRow(now);
                for (int i = 0; i < rawFeatures; i++) {
                    Tracked feature = features.get(i);
                    float value = batch.value(row, feature.featureIndex());
                    if (!Float.isNaN(value)) {
                        window.count(feature.binOffset() + feature.binning().bin(value));
                    } else if (batch.isUnknownCategory(row, feature.featureIndex())) {
                        window.count(feature.binOffset() + ((Binning.Categorical) feature.binning()).unknownBin());
                    } else {
                        window.countMissing(feature.variable());
                    }
                }
                for (int i = rawFeatures; i < features.size(); i++) {
                    Tracked feature = features.get(i);
                    float value = modelInput[row * modelWidth + feature.featureIndex()];
                    if (Float.isNaN(value)) {
                        window.countMissing(feature.variable());
                    } else {
                        window.count(feature.binOffset() + feature.binning().bin(value));
                    }
                }
                if (prediction != null) {
                    window.count(prediction.binOffset() + prediction.binning().bin(scalar(predictions, row)));
                }
                if (comparable != null) {
                    window.count(comparable.binOffset() + comparable.binning().bin(predictions[row]));
                }
            }
        }
    }

    /** One number per row: the value itself, or the most probable class of a multiclass prediction. */
    private float scalar(float[] predictions, int row) {
        if (outputWidth == 1) {
            return predictions[row];
        }
        return ComparableBins.argmax(predictions, row * outputWidth, outputWidth);
    }

    /** A feature's current score, NaN while the window holds no value for it. */
    public double featureScore(String feature, DriftMetric metric) {
        for (Tracked tracked : features) {
            if (tracked.name().equals(feature)) {
                return score(tracked, metric);
            }
        }
        return Double.NaN;
    }

    /** The prediction's current score, NaN while the window is empty or the baseline has no prediction. */
    public double predictionScore(DriftMetric metric) {
        return prediction == null ? Double.NaN : score(prediction, metric);
    }

    private double score(Tracked tracked, DriftMetric metric) {
        synchronized (lock) {
            window.expire(clock.millis());
            long[] totals = window.totals();
            long values = 0;
            for (int bin = 0; bin < tracked.binning().bins(); bin++) {
                values += totals[tracked.binOffset() + bin];
            }
            return values == 0 ? Double.NaN
                    : metric.score(tracked.binning().expected(), totals, tracked.binOffset(), tracked.binning().bins(), values);
        }
    }

    public List<String> trackedFeatures() {
        return features.stream().map(Tracked::name).toList();
    }

    public boolean tracksPrediction() {
        return prediction != null;
    }

    public long samples() {
        synchronized (lock) {
            window.expire(clock.millis());
            return window.rows();
        }
    }

    /** Everything the drift endpoint shows, read at one instant. */
    public DriftReport report() {
        synchronized (lock) {
            window.expire(clock.millis());
            List<DriftReport.Score> featureScores = features.stream().map(this::scoreOf).toList();
            return new DriftReport(
                    window.rows(),
                    new DriftReport.Window(window.isTimed() ? "duration" : "rows", window.capacity(), window.buckets(),
                            instant(window.startMillis()), instant(window.lastRowMillis())),
                    baselineDigest,
                    datasetDigest,
                    featureScores,
                    prediction == null ? null : scoreOf(prediction),
                    comparablePrediction());
        }
    }

    /** Binary: the probability on the shared edges. Multiclass: the predicted class, whose bins every version shares. */
    private DriftReport.ComparablePrediction comparablePrediction() {
        if (comparable != null) {
            List<Double> edges = new ArrayList<>();
            for (float edge : ComparableBins.PROBABILITY_EDGES) {
                edges.add((double) edge);
            }
            return new DriftReport.ComparablePrediction(edges, counts(comparable));
        }
        return outputWidth > 1 && prediction != null ? new DriftReport.ComparablePrediction(null, counts(prediction)) : null;
    }

    private List<Long> counts(Tracked tracked) {
        long[] totals = window.totals();
        List<Long> counts = new ArrayList<>(tracked.binning().bins());
        for (int bin = 0; bin < tracked.binning().bins(); bin++) {
            counts.add(totals[tracked.binOffset() + bin]);
        }
        return counts;
    }

    private DriftReport.Score scoreOf(Tracked tracked) {
        long missing = tracked == prediction ? 0 : window.missing(tracked.variable());
        List<Long> counts = counts(tracked);
        return new DriftReport.Score(tracked.name(), nullIfNaN(score(tracked, DriftMetric.PSI)),
                nullIfNaN(score(tracked, DriftMetric.KS)), nullIfNaN(score(tracked, DriftMetric.JENSEN_SHANNON)),
                window.rows() == 0 ? null : (double) missing / window.rows(), counts, expected(tracked));
    }

    private static List<Double> expected(Tracked tracked) {
        List<Double> expected = new ArrayList<>(tracked.binning().bins());
        for (double proportion : tracked.binning().expected()) {
            expected.add(proportion);
        }
        return expected;
    }

    private static Double nullIfNaN(double score) {
        return Double.isNaN(score) ? null : score;
    }

    private static Instant instant(long millis) {
        return SlidingWindow.isSet(millis) ? Instant.ofEpochMilli(millis) : null;
    }
}
