package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** k-fold cross-validation on the snapshot's train split, reported beside the test-split metrics. */
public class CrossValidation {
    /** Metric keys: cv.&lt;metric&gt;.mean and cv.&lt;metric&gt;.std. */
    public static final String PREFIX = "cv.";
    public static final String MEAN = ".mean";
    public static final String STD = ".std";

    @Required
    @Min(2)
    @Max(10)
    @JsonPropertyDescription("How many folds the train split is cut into (a seeded shuffle): each fold is scored by a model trained on the others, with the same hyperparameters and early stopping on the validation split. The mean and standard deviation across folds are reported as cv.<metric>.mean and cv.<metric>.std. From 2 to 10; no default (required when crossValidation is set).")
    private Integer folds;

    public Integer getFolds() {
        return folds;
    }

    public void setFolds(Integer folds) {
        this.folds = folds;
    }
}
