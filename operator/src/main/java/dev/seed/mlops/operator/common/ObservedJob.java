package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Job as a planner sees it: its name, whether the planner's object owns it (same uid: a Job left by a deleted
 * object of the same name is not its own), when it was created, what it came to, and its owners for messages.
 */
public record ObservedJob(String name, boolean owned, Instant created, JobOutcome outcome, String owners) {

    public static ObservedJob of(HasMetadata owner, Job job, Collection<Pod> pods, Instant now) {
        return new ObservedJob(job.getMetadata().getName(), Owners.ownedBy(job, owner), created(job), JobOutcome.of(job, pods, now),
                Owners.describe(job));
    }

    /** A Job another owner holds, known from a create that answered 409; its outcome is of no interest. */
    public static ObservedJob foreign(Job job) {
        return new ObservedJob(job.getMetadata().getName(), false, created(job),
                new JobOutcome(JobOutcome.State.Running, Optional.empty(), "", "", 0), Owners.describe(job));
    }

    /** The Job of that name if the planner's object owns it. */
    public static Optional<ObservedJob> owned(Map<String, ObservedJob> jobs, String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name)).filter(ObservedJob::owned);
    }

    /** The Job of that name if another owner (or nobody) holds it. */
    public static Optional<ObservedJob> heldByAnother(Map<String, ObservedJob> jobs, String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name)).filter(job -> !job.owned());
    }

    /** The jobs by name, with {@code job} known as another owner's. */
    public static Map<String, ObservedJob> withForeign(Map<String, ObservedJob> jobs, Job job) {
        Map<String, ObservedJob> byName = new LinkedHashMap<>(jobs);
        byName.put(job.getMetadata().getName(), foreign(job));
        return Map.copyOf(byName);
    }

    /** The jobs by name, as planners look them up. */
    public static Map<String, ObservedJob> byName(HasMetadata owner, Collection<Job> jobs, Collection<Pod> pods, Instant now) {
        Map<String, ObservedJob> byName = new LinkedHashMap<>();
        for (Job job : jobs) {
            byName.put(job.getMetadata().getName(), of(owner, job, pods, now));
        }
        return Map.copyOf(byName);
    }

    private static Instant created(Job job) {
        String created = job.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : Timestamps.parse(created);
    }
}
