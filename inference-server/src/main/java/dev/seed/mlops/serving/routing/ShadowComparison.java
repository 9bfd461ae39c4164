package dev.seed.mlops.serving.routing;

import dev.seed.mlops.serving.drift.ComparableBins;

/**
 * The stable and the shadow answer to one mirrored request, compared row by row.
 *
 * @param rows         rows compared
 * @param agreeingRows rows whose decisions agree: the same class at 0.5 (binary), the same argmax (multiclass),
 *                     or values within the relative tolerance (regression)
 * @param absDeltas    per row, the largest |shadow - stable| over its outputs
 * @param stableBins   per row, the comparable bin of the stable prediction (empty for regression)
 * @param shadowBins   per row, the comparable bin of the shadow prediction (empty for regression)
 */
public record ShadowComparison(int rows, int agreeingRows, float[] absDeltas, int[] stableBins, int[] shadowBins) {

    /** A binary model's decision threshold; manifests carry none today. */
    static final float BINARY_THRESHOLD = 0.5f;

    /**
     * @param task         binary, multiclass or regression (the manifest's task)
     * @param outputWidth  values per row: classes for multiclass, else 1
     * @param tolerance    relative tolerance for regression agreement
     */
    public static ShadowComparison compare(String task, int outputWidth, double tolerance, float[] stable,
            float[] shadow, int rows) {
        if (stable.length != rows * outputWidth || shadow.length != stable.length) {
            throw new IllegalArgumentException("the answers have " + stable.length + " and " + shadow.length
                    + " values for " + rows + " rows of " + outputWidth);
        }
        boolean binned = ComparableBins.count(task, outputWidth) > 0;
        float[] absDeltas = new float[rows];
        int[] stableBins = new int[binned ? rows : 0];
        int[] shadowBins = new int[binned ? rows : 0];
        int agreeing = 0;
        for (int row = 0; row < rows; row++) {
            int offset = row * outputWidth;
            float delta = 0;
            for (int c = 0; c < outputWidth; c++) {
                delta = Math.max(delta, Math.abs(shadow[offset + c] - stable[offset + c]));
            }
            absDeltas[row] = delta;
            if (agree(task, outputWidth, tolerance, stable, shadow, offset)) {
                agreeing++;
            }
            if (binned) {
                stableBins[row] = ComparableBins.bin(stable, offset, outputWidth);
                shadowBins[row] = ComparableBins.bin(shadow, offset, outputWidth);
            }
        }
        return new ShadowComparison(rows, agreeing, absDeltas, stableBins, shadowBins);
    }

    private static boolean agree(String task, int width, double tolerance, float[] stable, float[] shadow, int offset) {
        return switch (task) {
            case "binary" -> (stable[offset] >= BINARY_THRESHOLD) == (shadow[offset] >= BINARY_THRESHOLD);
            case "multiclass" -> ComparableBins.argmax(stable, offset, width) == ComparableBins.argmax(shadow, offset, width);
            default -> {
                double a = stable[offset];
                double b = shadow[offset];
                yield a == b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
            }
        };
    }
}
