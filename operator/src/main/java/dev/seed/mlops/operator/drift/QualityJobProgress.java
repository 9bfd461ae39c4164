package dev.seed.mlops.operator.drift;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of a quality Job named in status, read the same way by both its followers (a DriftPolicy's evaluations
 * and a canary's quality comparisons): still to come, lost (vanished, held by another owner, failed, or completed
 * without a result), or scored.
 */
public sealed interface QualityJobProgress {
    /** A completed Job whose result is not in the cache yet, or a Job just created and not seen yet: look again this soon. */
    Duration RESULT_POLL = Duration.ofSeconds(5);
    /** How long a Job named in status may be missing from the cache before its evaluation counts as lost. */
    Duration VANISHED_AFTER = Duration.ofMinutes(1);

    /** No result yet: look again at {@code lookAgain}, or when the Job changes (empty). */
    record Waiting(Optional<Instant> lookAgain) implements QualityJobProgress {
    }

    /** No result will come, for this reason. */
    record Lost(String why) implements QualityJobProgress {
    }

    record Scored(JobResult result) implements QualityJobProgress {
    }

    /**
     * @param job     the Job of that name as the cache shows it
     * @param started when it was created (the end of its window)
     */
    static QualityJobProgress of(String name, Optional<ObservedJob> job, Instant started, Instant now) {
        if (job.isEmpty()) {
            return now.isBefore(started.plus(VANISHED_AFTER)) ? new Waiting(Optional.of(now.plus(RESULT_POLL)))
                    : new Lost("quality Job " + name + " vanished before its result was read");
        }
        if (!job.get().owned()) {
            return new Lost("the name of quality Job " + name + " is held by " + job.get().owners());
        }
        JobOutcome outcome = job.get().outcome();
        return switch (outcome.state()) {
            case Running -> new Waiting(outcome.awaitingResult() ? Optional.of(now.plus(RESULT_POLL)) : Optional.empty());
            case Failed -> new Lost("quality Job " + name + " failed: " + outcome.message());
            case Succeeded -> outcome.result().filter(JobResult::success).<QualityJobProgress>map(Scored::new)
                    .orElseGet(() -> new Lost("quality Job " + name + " completed without a result"));
        };
    }
}
