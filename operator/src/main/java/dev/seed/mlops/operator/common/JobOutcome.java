package dev.seed.mlops.operator.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.JobResult;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What a prepare or training Job came to: still running, succeeded with a result, or failed with a reason.
 * The result is the JSON the trainer wrote to its termination message, read from the Job's pods.
 */
public record JobOutcome(State state, Optional<JobResult> result, String reason, String message, int failedPods) {

    public enum State { Running, Succeeded, Failed }

    /**
     * How long a completed Job may lack its pod's result before it counts as having none: the Job and Pod informers
     * deliver independently, so "Complete" can arrive before the terminated pod does.
     */
    public static final Duration RESULT_GRACE = Duration.ofSeconds(60);
    public static final String AWAITING_RESULT = "AwaitingResult";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the Job completed but its result has not reached the cache yet: look again shortly. */
    public boolean awaitingResult() {
        return AWAITING_RESULT.equals(reason);
    }

    public static JobOutcome of(Job job, Collection<Pod> pods, Instant now) {
        int failed = job.getStatus() == null || job.getStatus().getFailed() == null ? 0 : job.getStatus().getFailed();
        Optional<JobCondition> finished = job.getStatus() == null ? Optional.empty() : job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                .findFirst();
        Optional<JobResult> result = latestResult(job, pods);
        if (finished.isEmpty()) {
            return new JobOutcome(State.Running, result, "Running", "", failed);
        }
        JobCondition condition = finished.get();
        boolean hasResult = result.filter(JobResult::success).isPresent();
        if ("Complete".equals(condition.getType()) && !hasResult && completedWithin(condition, now)) {
            return new JobOutcome(State.Running, result, AWAITING_RESULT, "the Job completed; waiting for its pod's result", failed);
        }
        if ("Complete".equals(condition.getType())) {
            return new JobOutcome(State.Succeeded, result, "Complete", Objects.toString(condition.getMessage(), ""), failed);
        }
        String message = result.map(JobResult::message).filter(m -> m != null && !m.isBlank())
                .orElse(Objects.toString(condition.getMessage(), "the Job failed"));
        return new JobOutcome(State.Failed, result, Objects.toString(condition.getReason(), "Failed"), message, failed);
    }

    private static boolean completedWithin(JobCondition condition, Instant now) {
        String at = condition.getLastTransitionTime();
        return at == null || Instant.parse(at).plus(RESULT_GRACE).isAfter(now);
    }

    /** The newest pod's termination message that parses as a result; a failed pod's is as useful as a good one. */
    private static Optional<JobResult> latestResult(Job job, Collection<Pod> pods) {
        return pods.stream()
                .filter(pod -> job.getMetadata().getName().equals(pod.getMetadata().getLabels().get("job-name")))
                .sorted(Comparator.comparing((Pod pod) -> Objects.toString(pod.getMetadata().getCreationTimestamp(), "")).reversed())
                .map(JobOutcome::resultOf)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The result a pod's container wrote to its termination message, when it parses as one. */
    public static Optional<JobResult> resultOf(Pod pod) {
        return pod.getStatus() == null ? Optional.empty() : pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getTerminated() != null && state.getTerminated().getMessage() != null)
                .map(state -> parse(state.getTerminated().getMessage()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<JobResult> parse(String message) {
        try {
            return Optional.of(JSON.readValue(message, JobResult.class));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
