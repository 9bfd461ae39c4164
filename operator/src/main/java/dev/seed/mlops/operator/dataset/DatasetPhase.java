package dev.seed.mlops.operator.dataset;

import java.util.Arrays;
import java.util.Optional;

/** The phases of a Dataset (status.phase, for humans and the printer column); conditions are the contract. */
public enum DatasetPhase {
    Preparing, Ready, Failed;

    /** The phase a status names; empty for none or a value this operator does not write. */
    public static Optional<DatasetPhase> of(String phase) {
        return Arrays.stream(values()).filter(p -> p.name().equals(phase)).findFirst();
    }
}
