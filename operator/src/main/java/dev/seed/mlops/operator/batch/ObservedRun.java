package dev.seed.mlops.operator.batch;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A run's Job as the planner sees it: whether the BatchPrediction owns it, what the run started with (its annotations),
 * where the Job stands, and each shard's pods: failed attempts, an active pod, the result of the attempt that succeeded.
 */
public record ObservedRun(String job, boolean owned, Instant created, BatchJobs.RunInputs inputs, State state, String reason,
        String message, Optional<Instant> finishedAt, Map<Integer, ObservedShard> shards) {

    public enum State { Running, Succeeded, Failed }

    /**
     * @param failedPods the shard's failed pods still in the cache (the planner keeps the largest count it saw)
     * @param result     the termination message of the shard's pod that succeeded
     * @param failure    what the latest failed pod said
     */
    public record ObservedShard(int index, int failedPods, boolean active, boolean completed, boolean failed,
            Optional<JobResult> result, Optional<String> failure) {
    }

    static ObservedRun of(io.fabric8.kubernetes.api.model.HasMetadata owner, Job job, Collection<Pod> pods) {
        Map<String, String> annotations = Objects.requireNonNullElse(job.getMetadata().getAnnotations(), Map.of());
        String run = Objects.requireNonNullElse(job.getMetadata().getLabels(), Map.<String, String>of()).get(BatchJobs.RUN_LABEL);
        BatchJobs.RunInputs inputs = new BatchJobs.RunInputs(run, annotations.get(BatchJobs.MODEL_VERSION),
                annotations.get(BatchJobs.ARTIFACT_URI),
                List.of(Objects.requireNonNullElse(annotations.get(BatchJobs.INPUT_URIS), "").split(",")),
                annotations.get(BatchJobs.OUTPUT_URI),
                Optional.ofNullable(annotations.get(BatchJobs.SCHEDULED_AT)).map(Instant::parse).orElse(null));
        Optional<JobCondition> finished = job.getStatus() == null ? Optional.empty() : job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                .findFirst();
        State state = finished.map(c -> "Complete".equals(c.getType()) ? State.Succeeded : State.Failed).orElse(State.Running);
        int shards = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        List<Pod> own = pods.stream()
                .filter(pod -> job.getMetadata().getName().equals(labels(pod).get("job-name")))
                .toList();
        Map<Integer, ObservedShard> byIndex = new TreeMap<>();
        for (int index = 0; index < shards; index++) {
            byIndex.put(index, shard(index, own, indexes(job.getStatus() == null ? null : job.getStatus().getCompletedIndexes()),
                    indexes(job.getStatus() == null ? null : job.getStatus().getFailedIndexes())));
        }
        return new ObservedRun(job.getMetadata().getName(), Owners.ownedBy(job, owner), created(job), inputs, state,
                finished.map(c -> Objects.toString(c.getReason(), c.getType())).orElse("Running"),
                finished.map(c -> Objects.toString(c.getMessage(), "")).orElse(""),
                finished.map(JobCondition::getLastTransitionTime).filter(Objects::nonNull).map(Timestamps::parse),
                Map.copyOf(byIndex));
    }

    private static ObservedShard shard(int index, List<Pod> pods, List<Integer> completed, List<Integer> failed) {
        List<Pod> mine = pods.stream().filter(pod -> String.valueOf(index).equals(completionIndex(pod))).toList();
        int failedPods = (int) mine.stream().filter(pod -> "Failed".equals(phase(pod))).count();
        boolean active = mine.stream().anyMatch(pod -> "Running".equals(phase(pod)) || "Pending".equals(phase(pod)));
        Optional<JobResult> result = mine.stream().filter(pod -> "Succeeded".equals(phase(pod)))
                .map(JobOutcome::resultOf).flatMap(Optional::stream).filter(JobResult::success).findFirst();
        Optional<String> failure = mine.stream().filter(pod -> "Failed".equals(phase(pod)))
                .max((a, b) -> Objects.toString(a.getMetadata().getCreationTimestamp(), "").compareTo(Objects.toString(b.getMetadata().getCreationTimestamp(), "")))
                .flatMap(JobOutcome::resultOf).map(JobResult::message);
        return new ObservedShard(index, failedPods, active, completed.contains(index), failed.contains(index), result, failure);
    }

    /** "0,2-4" as the Job controller writes completedIndexes and failedIndexes. */
    static List<Integer> indexes(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).flatMap(part -> {
            String[] ends = part.trim().split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            return java.util.stream.IntStream.rangeClosed(from, to).boxed();
        }).collect(Collectors.toList());
    }

    private static String completionIndex(Pod pod) {
        String label = labels(pod).get(BatchJobs.COMPLETION_INDEX);
        return label != null ? label
                : Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.<String, String>of()).get(BatchJobs.COMPLETION_INDEX);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Map<String, String> labels(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
    }

    private static Instant created(Job job) {
        String created = job.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : Timestamps.parse(created);
    }
}
