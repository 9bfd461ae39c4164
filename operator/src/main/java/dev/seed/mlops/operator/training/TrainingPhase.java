package dev.seed.mlops.operator.training;

import java.util.Arrays;
import java.util.Optional;

/** The phases of a TrainingJob as status.phase spells them; Succeeded and Failed are final and never left. */
public enum TrainingPhase {
    Pending, WaitingForData, Running, Succeeded, Failed;

    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }

    /** The phase a status names; empty for none or a value this operator does not write. */
    public static Optional<TrainingPhase> of(String phase) {
        return Arrays.stream(values()).filter(p -> p.name().equals(phase)).findFirst();
    }

    /** Whether a TrainingJob with this status.phase is done: other packages read it through here, not by string. */
    public static boolean isFinal(String phase) {
        return of(phase).map(TrainingPhase::isFinal).orElse(false);
    }
}
