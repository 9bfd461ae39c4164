package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import java.util.Collection;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Where to start reserving a model's next version number: one above every registered version and every number
 * another TrainingJob holds, as far as the caches know. Only a hint: {@link VersionReservations} lets the API server decide.
 */
public final class VersionAllocator {
    private VersionAllocator() {
    }

    public static long next(TrainingJob trainingJob, Collection<ModelVersion> modelVersions, Collection<TrainingJob> trainingJobs) {
        String model = trainingJob.getSpec().getModel();
        LongStream registered = modelVersions.stream()
                .filter(mv -> model.equals(mv.getSpec().getModel()))
                .mapToLong(mv -> mv.getSpec().getVersion());
        LongStream reserved = trainingJobs.stream()
                .filter(tj -> !tj.getMetadata().getName().equals(trainingJob.getMetadata().getName()))
                .filter(tj -> model.equals(tj.getSpec().getModel()) && tj.getStatus() != null && tj.getStatus().getVersion() != null)
                .mapToLong(tj -> tj.getStatus().getVersion());
        return Stream.of(registered, reserved).flatMapToLong(s -> s).max().orElse(0L) + 1;
    }
}
