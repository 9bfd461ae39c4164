package dev.seed.mlops.operator.dataset;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.common.AnnotatedTimes;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.ObservedJob;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the informer caches show about a Dataset: the prepare Jobs that carry its name (its own, with their outcome,
 * and those another owner holds, such as a Job left by a deleted Dataset of the same name) and the refresh request
 * annotation. No writes, no I/O.
 */
public record DatasetObservation(Map<String, ObservedJob> jobs, Optional<Instant> refreshRequest) {

    public static DatasetObservation of(Dataset dataset, Collection<Job> jobs, Collection<Pod> pods, Instant now) {
        return new DatasetObservation(ObservedJob.byName(dataset, jobs, pods, now), refreshRequest(dataset));
    }

    /** The same observation, knowing that another owner holds this Job (a create answered 409 before the cache saw it). */
    public DatasetObservation withForeignJob(Job job) {
        return new DatasetObservation(ObservedJob.withForeign(jobs, job), refreshRequest);
    }

    public Optional<ObservedJob> owned(String name) {
        return ObservedJob.owned(jobs, name);
    }

    public Optional<ObservedJob> heldByAnother(String name) {
        return ObservedJob.heldByAnother(jobs, name);
    }

    /** The {@link Labels#REFRESH_REQUESTED_AT} annotation; an unreadable time is ignored: it cannot be compared. */
    static Optional<Instant> refreshRequest(Dataset dataset) {
        return AnnotatedTimes.read(dataset, Labels.REFRESH_REQUESTED_AT);
    }
}
