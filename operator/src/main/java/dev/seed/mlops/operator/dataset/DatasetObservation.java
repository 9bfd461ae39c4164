package dev.seed.mlops.operator.dataset;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the informer caches show about a Dataset: the prepare Jobs that carry its name (its own, with their outcome,
 * and those another owner holds, such as a Job left by a deleted Dataset of the same name) and the refresh request
 * annotation. No writes, no I/O.
 */
public record DatasetObservation(Map<String, PrepareJob> jobs, Optional<Instant> refreshRequest) {

    /** A prepare Job by name; {@code owned} is whether this Dataset (its uid) owns it. */
    public record PrepareJob(String name, boolean owned, Instant created, JobOutcome outcome, String owners) {
    }

    public static DatasetObservation of(Dataset dataset, Collection<Job> jobs, Collection<Pod> pods, Instant now) {
        Map<String, PrepareJob> byName = new LinkedHashMap<>();
        for (Job job : jobs) {
            byName.put(job.getMetadata().getName(), describe(dataset, job, pods, now));
        }
        return new DatasetObservation(Map.copyOf(byName), refreshRequest(dataset));
    }

    /** The same observation, knowing that another owner holds this Job (a create answered 409 before the cache saw it). */
    public DatasetObservation withForeignJob(Job job) {
        Map<String, PrepareJob> byName = new LinkedHashMap<>(jobs);
        byName.put(job.getMetadata().getName(), new PrepareJob(job.getMetadata().getName(), false, created(job),
                new JobOutcome(JobOutcome.State.Running, Optional.empty(), "", "", 0), OwnedJobs.owners(job)));
        return new DatasetObservation(Map.copyOf(byName), refreshRequest);
    }

    public Optional<PrepareJob> owned(String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name)).filter(PrepareJob::owned);
    }

    public Optional<PrepareJob> heldByAnother(String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name)).filter(job -> !job.owned());
    }

    private static PrepareJob describe(Dataset dataset, Job job, Collection<Pod> pods, Instant now) {
        boolean owned = OwnedJobs.ownedBy(job, dataset);
        return new PrepareJob(job.getMetadata().getName(), owned, created(job), JobOutcome.of(job, pods, now), OwnedJobs.owners(job));
    }

    private static Instant created(Job job) {
        String created = job.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : Timestamps.parse(created);
    }

    /** The {@link Labels#REFRESH_REQUESTED_AT} annotation; an unreadable time is ignored: it cannot be compared. */
    static Optional<Instant> refreshRequest(Dataset dataset) {
        String requested = dataset.getMetadata().getAnnotations() == null ? null : dataset.getMetadata().getAnnotations().get(Labels.REFRESH_REQUESTED_AT);
        try {
            return Optional.ofNullable(requested).map(Timestamps::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
