package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.api.v1alpha1.TaskType;

/** What a version predicts, from its manifest: what its logged predictions and its labels must look like. */
public record ModelTask(TaskType task, int numClasses) {

    /** Why this prediction and label cannot be scored together, or null when they can. */
    String misfit(float[] output, double label) {
        return switch (task) {
            case binary -> output.length != 1 ? "prediction that is not one probability, for a binary model"
                    : label != 0 && label != 1 ? "label that is neither 0 nor 1, for a binary model" : null;
            case multiclass -> output.length != numClasses ? "prediction without one probability per class, for a multiclass model"
                    : label != Math.rint(label) || label < 0 || label >= numClasses ? "label that is not a class of the multiclass model" : null;
            case regression -> output.length != 1 ? "prediction that is not one value, for a regression model" : null;
        };
    }
}
