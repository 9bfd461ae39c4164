package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSplit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rows go to train, validation and test. A seeded shuffle of the row indexes is cut into the test part,
 * the validation part and the rest: the same row count and seed always give the same split, and the part
 * sizes are exact (round(n * fraction)). Each part keeps the source order, so split files read like the source.
 */
public record Split(int[] train, int[] validation, int[] test) {

    /** @throws IllegalArgumentException when there are too few rows for every part to have one */
    public static Split of(int rows, DataSplit settings) {
        double testFraction = settings.getTestFraction() == null ? 0.2 : settings.getTestFraction();
        double validationFraction = settings.getValidationFraction() == null ? 0.1 : settings.getValidationFraction();
        long seed = settings.getSeed() == null ? 42L : settings.getSeed();

        int testRows = Math.max(1, (int) Math.round(rows * testFraction));
        int validationRows = validationFraction == 0 ? 0 : Math.max(1, (int) Math.round(rows * validationFraction));
        if (testRows + validationRows >= rows) {
            throw new IllegalArgumentException(rows + " rows cannot be split into " + testRows + " test, "
                    + validationRows + " validation and at least one training row");
        }
        int[] order = shuffledIndexes(rows, seed);
        return new Split(
                sortedRange(order, testRows + validationRows, rows),
                sortedRange(order, testRows, testRows + validationRows),
                sortedRange(order, 0, testRows));
    }

    /** 0..rows-1 in a seeded random order (Fisher-Yates): the same rows and seed give the same order. */
    public static int[] shuffledIndexes(int rows, long seed) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static int[] sortedRange(int[] order, int from, int to) {
        int[] part = Arrays.copyOfRange(order, from, to);
        Arrays.sort(part);
        return part;
    }
}
