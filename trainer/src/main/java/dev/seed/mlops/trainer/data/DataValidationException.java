package dev.seed.mlops.trainer.data;

import dev.seed.mlops.trainer.TrainerException;

/** The data broke one or more rules; {@link #violations()} has them. */
public class DataValidationException extends TrainerException {
    private final transient Violations violations;

    public DataValidationException(Violations violations) {
        super(violations.summary());
        this.violations = violations;
    }

    public Violations violations() {
        return violations;
    }
}
