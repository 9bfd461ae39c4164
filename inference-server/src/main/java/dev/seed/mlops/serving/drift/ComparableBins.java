package dev.seed.mlops.serving.drift;

/**
 * Prediction bins every version of a model shares, so two versions' predictions can be compared (canary against
 * stable, shadow against stable): a version's own profile bins its predictions by its own quantiles.
 * Binary: the probability on 20 equal-width bins. Multiclass: the predicted class. Regression: none.
 */
public final class ComparableBins {

    /** The inner edges of the binary bins: [0, 0.05), [0.05, 0.1), ... [0.95, 1]. */
    static final float[] PROBABILITY_EDGES = {0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f,
        0.55f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.95f};

    private static final Binning.Numeric PROBABILITY = new Binning.Numeric(PROBABILITY_EDGES, uniform());

    private ComparableBins() {
    }

    private static double[] uniform() {
        double[] uniform = new double[PROBABILITY_EDGES.length + 1];
        java.util.Arrays.fill(uniform, 1.0 / uniform.length);
        return uniform;
    }

    static Binning.Numeric probability() {
        return PROBABILITY;
    }

    /** How many comparable bins a model with this task and output width has (0 for regression). */
    public static int count(String task, int outputWidth) {
        return switch (task) {
            case "binary" -> PROBABILITY.bins();
            case "multiclass" -> outputWidth;
            default -> 0;
        };
    }

    /** The comparable bin of one row of predictions ({@code outputWidth} values from {@code offset}). */
    public static int bin(float[] predictions, int offset, int outputWidth) {
        return outputWidth == 1 ? PROBABILITY.bin(predictions[offset]) : argmax(predictions, offset, outputWidth);
    }

    /** The most probable class of one multiclass row. */
    public static int argmax(float[] predictions, int offset, int outputWidth) {
        int best = 0;
        for (int c = 1; c < outputWidth; c++) {
            if (predictions[offset + c] > predictions[offset + best]) {
                best = c;
            }
        }
        return best;
    }
}
