package dev.seed.mlops.operator.batch;

import dev.seed.mlops.api.v1alpha1.BatchDrift;
import dev.seed.mlops.api.v1alpha1.BatchInput;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.BatchPredictionStatus;
import dev.seed.mlops.api.v1alpha1.BatchRun;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ShardProgress;
import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a BatchPrediction does next, from its spec, its status, what the caches show and the time; pure. The
 * rules: follow the latest run's Job and record its shards; finish the run when the Job does (counted once, since the
 * status says it is no longer Running); keep only the history limits' worth of finished Jobs; start the run that is
 * due (one per spec generation, or the latest due time of the schedule) unless one is running, with the model and
 * input resolved now and recorded.
 */
public final class BatchPlanner {
    /** How long a completed Job may lack its shards' results before the run is finished without them (see JobOutcome). */
    static final Duration RESULT_GRACE = Duration.ofSeconds(60);
    static final Duration LOOK_AGAIN = Duration.ofSeconds(10);
    static final Duration RESOLVE_AGAIN = Duration.ofSeconds(30);

    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String PENDING = "Pending";
    public static final String SCHEDULED = "Scheduled";

    /**
     * @param start   the run to start: its Job is created from these inputs
     * @param delete  finished Jobs beyond the history limits
     * @param finished the run that finished in this pass, for metrics
     */
    public record Plan(BatchPredictionStatus status, Optional<BatchJobs.RunInputs> start, List<String> delete,
            List<PlannedEvent> events, Optional<Duration> requeueAfter, Optional<BatchRun> finished) {
    }

    private final BatchPrediction bp;
    private final BatchObservation seen;
    private final Instant now;
    private final long generation;
    private final BatchPredictionStatus status;
    private final List<PlannedEvent> events = new ArrayList<>();
    private Optional<BatchJobs.RunInputs> start = Optional.empty();
    private Optional<BatchRun> finished = Optional.empty();
    private Duration requeue;
    /** The Ready reason of what a new run waits for, when it cannot start. */
    private String waitingReason;

    private BatchPlanner(BatchPrediction bp, BatchObservation seen, Instant now) {
        this.bp = bp;
        this.seen = seen;
        this.now = now;
        this.generation = bp.getMetadata().getGeneration() == null ? 0 : bp.getMetadata().getGeneration();
        this.status = StatusCopies.copyOrNew(bp.getStatus(), BatchPredictionStatus.class, BatchPredictionStatus::new);
    }

    public static Plan plan(BatchPrediction bp, BatchObservation seen, Instant now) {
        BatchPlanner planner = new BatchPlanner(bp, seen, now);
        planner.decide();
        return new Plan(planner.status, planner.start, planner.history(), List.copyOf(planner.events),
                Optional.ofNullable(planner.requeue), planner.finished);
    }

    private void decide() {
        status.setObservedGeneration(generation);
        BatchRun last = status.getLastRun();
        if (last != null && RUNNING.equals(last.getPhase())) {
            follow(last);
        }
        String schedule = bp.getSpec().getSchedule();
        if (schedule == null) {
            status.setNextScheduleTime(null);
            startIfNotRun(BatchJobs.generationRun(bp), null);
        } else {
            scheduled(schedule);
        }
        setConditions();
    }

    /** Follows the running run's Job: its shards, then its end. */
    private void follow(BatchRun run) {
        Optional<ObservedRun> job = Optional.ofNullable(seen.runs().get(run.getJobName())).filter(ObservedRun::owned);
        if (job.isEmpty()) {
            finish(run, FAILED, "its Job " + run.getJobName() + " was deleted before it finished");
            return;
        }
        ObservedRun observed = job.get();
        recordShards(run, observed);
        if (observed.state() == ObservedRun.State.Running) {
            return;
        }
        boolean awaitingResults = observed.state() == ObservedRun.State.Succeeded
                && observed.shards().values().stream().anyMatch(shard -> shard.result().isEmpty())
                && observed.finishedAt().map(at -> at.plus(RESULT_GRACE).isAfter(now)).orElse(true);
        if (awaitingResults) {
            run.setMessage("the Job completed; waiting for its shards' results");
            requeueWithin(LOOK_AGAIN);
            return;
        }
        if (observed.state() == ObservedRun.State.Succeeded) {
            drift(observed).ifPresent(run::setDrift);
            publishedRows(observed).ifPresent(run::setRowsOut);
            finish(run, SUCCEEDED, "scored " + run.getRowsOut() + " rows with " + run.getModelVersion() + " in "
                    + bp.getSpec().getShards() + " shard(s) into " + run.getOutputUri());
        } else {
            finish(run, FAILED, failure(observed));
        }
    }

    private void recordShards(BatchRun run, ObservedRun observed) {
        List<ShardProgress> shards = new ArrayList<>();
        long rows = 0;
        for (ObservedRun.ObservedShard shard : observed.shards().values().stream()
                .sorted(Comparator.comparingInt(ObservedRun.ObservedShard::index)).toList()) {
            ShardProgress before = run.getShards().stream().filter(s -> s.getIndex() == shard.index()).findFirst().orElse(null);
            int failedBefore = before == null || before.getFailedAttempts() == null ? 0 : before.getFailedAttempts();
            int failed = Math.max(failedBefore, shard.failedPods());
            if (failed > failedBefore && !shard.failed()) {
                events.add(PlannedEvent.normal(EventReason.BatchShardRetried, "run " + run.getName() + ": shard " + shard.index()
                        + " failed (attempt " + failed + " of " + (bp.getSpec().getBackoffLimitPerIndex() + 1) + ")"
                        + shard.failure().map(m -> ": " + m).orElse("") + "; it is retried alone"));
            }
            ShardProgress progress = new ShardProgress();
            progress.setIndex(shard.index());
            progress.setFailedAttempts(failed == 0 ? null : failed);
            progress.setPhase(shard.completed() || shard.result().isPresent() ? SUCCEEDED
                    : shard.failed() ? FAILED : shard.active() ? RUNNING : PENDING);
            shard.result().map(JobResult::rows).ifPresent(progress::setRows);
            rows += progress.getRows() == null ? 0 : progress.getRows();
            shards.add(progress);
        }
        run.setShards(shards);
        run.setRowsIn(rows);
        run.setRowsOut(rows);
    }

    private void finish(BatchRun run, String phase, String message) {
        run.setPhase(phase);
        run.setMessage(message);
        run.setCompletionTime(Timestamps.format(now));
        if (run.getStartTime() != null) {
            double seconds = Duration.between(Timestamps.parse(run.getStartTime()), now).toMillis() / 1000.0;
            run.setDurationSeconds(seconds);
            if (SUCCEEDED.equals(phase) && seconds > 0 && run.getRowsOut() != null) {
                run.setRowsPerSecond(Math.round(run.getRowsOut() / seconds * 10) / 10.0);
            }
        }
        if (SUCCEEDED.equals(phase)) {
            status.setSucceededRuns(count(status.getSucceededRuns()) + 1);
            status.setLastSuccessfulOutputUri(run.getOutputUri());
            events.add(PlannedEvent.normal(EventReason.BatchRunSucceeded, "run " + run.getName() + " " + message
                    + driftText(run.getDrift())));
        } else {
            status.setFailedRuns(count(status.getFailedRuns()) + 1);
            events.add(PlannedEvent.warning(EventReason.BatchRunFailed, "run " + run.getName() + " failed: " + message
                    + "; nothing was published (no manifest.json). See docs/operations.md#mlopsbatchpredictionfailed"));
        }
        finished = Optional.of(run);
    }

    private static String driftText(BatchDrift drift) {
        return drift == null || drift.getMaxFeature() == null ? ""
                : "; largest input drift " + drift.getMaxFeature() + " psi " + String.format("%.3f", drift.getMaxScore());
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    /** The failed shards and what they said, else the Job's reason. */
    private static String failure(ObservedRun observed) {
        List<String> shards = observed.shards().values().stream().filter(ObservedRun.ObservedShard::failed)
                .map(shard -> "shard " + shard.index() + " failed " + shard.failedPods() + " time(s)" + shard.failure().map(m -> " (" + m + ")").orElse(""))
                .toList();
        return shards.isEmpty() ? observed.reason() + (observed.message().isBlank() ? "" : ": " + observed.message()) : String.join("; ", shards);
    }

    /** The pooled drift the shard that published the manifest reported. */
    private static Optional<BatchDrift> drift(ObservedRun observed) {
        return publisher(observed).map(metrics -> {
            BatchDrift drift = new BatchDrift();
            drift.setMetric("psi");
            metrics.forEach((key, value) -> {
                if (key.startsWith(BatchShardMetrics.DRIFT_FEATURE_PREFIX)) {
                    drift.getFeatures().put(key.substring(BatchShardMetrics.DRIFT_FEATURE_PREFIX.length()), value);
                }
            });
            drift.setPrediction(metrics.get(BatchShardMetrics.DRIFT_PREDICTION));
            drift.getFeatures().entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(max -> {
                drift.setMaxFeature(max.getKey());
                drift.setMaxScore(max.getValue());
            });
            return drift;
        });
    }

    private static Optional<Long> publishedRows(ObservedRun observed) {
        return publisher(observed).map(metrics -> metrics.get(BatchShardMetrics.RUN_ROWS)).map(Double::longValue);
    }

    private static Optional<Map<String, Double>> publisher(ObservedRun observed) {
        return observed.shards().values().stream().map(ObservedRun.ObservedShard::result).flatMap(Optional::stream)
                .map(JobResult::metrics).filter(metrics -> metrics != null && metrics.containsKey(BatchShardMetrics.PUBLISHED))
                .findFirst();
    }

    /** A schedule: the latest due time since the last one starts a run, unless a run is still going (then it is skipped). */
    private void scheduled(String schedule) {
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            status.setNextScheduleTime(null);
            waiting(EventReason.InvalidSchedule, "InvalidSchedule", "schedule '" + schedule + "' cannot be read: " + e.getMessage(), true);
            return;
        }
        Instant since = Optional.ofNullable(status.getLastScheduleTime()).map(Timestamps::parse)
                .orElseGet(() -> Timestamps.parse(bp.getMetadata().getCreationTimestamp()));
        Optional<Instant> due = cron.latestIn(since, now);
        if (due.isPresent()) {
            BatchRun last = status.getLastRun();
            if (last != null && RUNNING.equals(last.getPhase())) {
                status.setLastScheduleTime(Timestamps.format(due.get()));
                events.add(PlannedEvent.warning(EventReason.BatchRunSkipped, "the run due at " + Timestamps.format(due.get())
                        + " is skipped: run " + last.getName() + " is still running"));
            } else if (startIfNotRun(BatchJobs.scheduledRun(due.get()), due.get())) {
                status.setLastScheduleTime(Timestamps.format(due.get()));
            }
        }
        Optional<Instant> next = cron.next(now);
        status.setNextScheduleTime(next.map(Timestamps::format).orElse(null));
        next.ifPresent(at -> requeueWithin(Duration.between(now, at).plusSeconds(1)));
    }

    /** Starts the run of that name unless it is the latest run already; false while the model or input is not there yet. */
    private boolean startIfNotRun(String run, Instant scheduledAt) {
        BatchRun last = status.getLastRun();
        if (last != null && (run.equals(last.getName()) || RUNNING.equals(last.getPhase()))) {
            return true;
        }
        String job = BatchJobs.jobName(bp, run);
        Optional<ObservedRun> existing = Optional.ofNullable(seen.runs().get(job));
        if (existing.isPresent() && existing.get().owned()) {
            // Started by an earlier pass whose status write was lost: take the run back from its Job.
            status.setLastRun(started(existing.get().inputs(), Timestamps.format(existing.get().created())));
            return true;
        }
        Optional<BatchJobs.RunInputs> inputs = resolve(run, scheduledAt);
        if (inputs.isEmpty()) {
            return false;
        }
        start = inputs;
        status.setLastRun(started(inputs.get(), Timestamps.format(now)));
        events.add(PlannedEvent.normal(EventReason.BatchRunStarted, "run " + run + " started: " + bp.getSpec().getShards()
                + " shard(s) score " + String.join(",", inputs.get().inputUris()) + " with " + inputs.get().modelVersion()
                + " into " + inputs.get().outputUri()));
        return true;
    }

    private BatchRun started(BatchJobs.RunInputs inputs, String startTime) {
        BatchRun run = new BatchRun();
        run.setName(inputs.run());
        run.setJobName(BatchJobs.jobName(bp, inputs.run()));
        run.setPhase(RUNNING);
        run.setModelVersion(inputs.modelVersion());
        run.setArtifactUri(inputs.artifactUri());
        run.setInputUri(String.join(",", inputs.inputUris()));
        run.setOutputUri(inputs.outputUri());
        run.setStartTime(startTime);
        for (int index = 0; index < bp.getSpec().getShards(); index++) {
            ShardProgress shard = new ShardProgress();
            shard.setIndex(index);
            shard.setPhase(PENDING);
            run.getShards().add(shard);
        }
        return run;
    }

    /** The model version and input a run starts with, or empty (with the reason in status) while one is missing. */
    private Optional<BatchJobs.RunInputs> resolve(String run, Instant scheduledAt) {
        Optional<ModelVersion> model = model();
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String artifact = model.get().getSpec().getArtifact() == null ? null : model.get().getSpec().getArtifact().getUri();
        if (artifact == null || !artifact.startsWith("pvc://") && !artifact.startsWith("s3://")) {
            waiting(EventReason.WaitingForModel, "UnsupportedArtifact", "ModelVersion " + model.get().getMetadata().getName()
                    + " has its artifact at " + artifact + "; batch shards read artifacts on a PersistentVolumeClaim (pvc://) or S3 (s3://) only", true);
            return Optional.empty();
        }
        Optional<List<String>> input = inputUris();
        return input.map(uris -> new BatchJobs.RunInputs(run, model.get().getMetadata().getName(), artifact, uris,
                BatchJobs.outputUri(bp.getSpec().getOutput(), run), scheduledAt));
    }

    private Optional<ModelVersion> model() {
        String pinned = bp.getSpec().getModel().getModelVersion();
        if (pinned != null) {
            if (seen.pinned().isEmpty()) {
                waiting(EventReason.WaitingForModel, "ModelVersionNotFound", "ModelVersion " + pinned + " does not exist; the run starts when it does", false);
            }
            return seen.pinned();
        }
        String service = bp.getSpec().getModel().getFromInferenceService();
        if (seen.service().isEmpty()) {
            waiting(EventReason.WaitingForModel, "InferenceServiceNotFound", "InferenceService " + service + " does not exist; the run starts when it serves a stable version", false);
        } else if (seen.served().isEmpty()) {
            waiting(EventReason.WaitingForModel, "NoStableVersion", "InferenceService " + service + " serves no stable version yet; the run starts when it does", false);
        }
        return seen.served();
    }

    private Optional<List<String>> inputUris() {
        BatchInput input = bp.getSpec().getInput();
        if (input.getUri() != null) {
            return Optional.of(List.of(input.getUri()));
        }
        Optional<String> snapshot = BatchInputs.snapshotUri(input.getDataset(), seen.dataset());
        if (snapshot.isEmpty()) {
            String pinned = input.getDataset().getSnapshot();
            waiting(EventReason.WaitingForInput, "WaitingForSnapshot", (pinned == null ? "the latest Ready snapshot" : "snapshot " + pinned)
                    + " of Dataset " + input.getDataset().getName() + " is not there yet; the run starts when it is", false);
            return Optional.empty();
        }
        return Optional.of(BatchInputs.splitFiles(snapshot.get(), input.getDataset().getSplit()));
    }

    private void waiting(EventReason reason, String conditionReason, String message, boolean warning) {
        status.setPhase(status.getLastRun() == null ? PENDING : status.getPhase());
        Conditions.set(status, Conditions.READY, ConditionStatus.False, conditionReason, message, generation, now);
        events.add(warning ? PlannedEvent.warning(reason, message) : PlannedEvent.normal(reason, message));
        if (!warning) {
            // Informer events on ModelVersions, InferenceServices and Datasets wake it too; this is the backstop.
            requeueWithin(RESOLVE_AGAIN);
        }
        waitingReason = conditionReason;
    }

    private void setConditions() {
        BatchRun last = status.getLastRun();
        boolean running = last != null && RUNNING.equals(last.getPhase());
        Conditions.set(status, Conditions.PROGRESSING, running ? ConditionStatus.True : ConditionStatus.False,
                running ? "RunInProgress" : "Idle", running ? "run " + last.getName() + " is running" : "no run is running", generation, now);
        boolean failed = last != null && FAILED.equals(last.getPhase());
        Conditions.set(status, Conditions.DEGRADED, failed ? ConditionStatus.True : ConditionStatus.False,
                failed ? "RunFailed" : "AsExpected", failed ? last.getMessage() : "the latest finished run succeeded or none finished", generation, now);
        if (last != null) {
            status.setPhase(last.getPhase());
        } else if (waitingReason == null) {
            status.setPhase(bp.getSpec().getSchedule() != null ? SCHEDULED : PENDING);
        }
        if (waitingReason != null && !running) {
            return;
        }
        if (last == null) {
            Conditions.set(status, Conditions.READY, ConditionStatus.True, "Scheduled", "waiting for the first due time of the schedule", generation, now);
        } else if (SUCCEEDED.equals(last.getPhase())) {
            Conditions.set(status, Conditions.READY, ConditionStatus.True, "RunSucceeded", last.getMessage(), generation, now);
        } else if (failed) {
            Conditions.set(status, Conditions.READY, ConditionStatus.False, "RunFailed", last.getMessage(), generation, now);
        } else if (!Conditions.isTrue(status, Conditions.READY)) {
            Conditions.set(status, Conditions.READY, ConditionStatus.False, "RunInProgress", "run " + last.getName() + " is running; none has succeeded yet", generation, now);
        }
    }

    /** Finished Jobs beyond the history limits, oldest first; never the latest run's while it runs. */
    private List<String> history() {
        BatchRun last = status.getLastRun();
        String active = last != null && RUNNING.equals(last.getPhase()) ? last.getJobName() : null;
        List<ObservedRun> finishedJobs = seen.runs().values().stream()
                .filter(ObservedRun::owned)
                .filter(run -> run.state() != ObservedRun.State.Running && !run.job().equals(active))
                .sorted(Comparator.comparing(ObservedRun::created).reversed())
                .toList();
        List<String> delete = new ArrayList<>();
        delete.addAll(beyond(finishedJobs, ObservedRun.State.Succeeded, bp.getSpec().getSuccessfulRunsHistoryLimit()));
        delete.addAll(beyond(finishedJobs, ObservedRun.State.Failed, bp.getSpec().getFailedRunsHistoryLimit()));
        return delete;
    }

    private static List<String> beyond(List<ObservedRun> newestFirst, ObservedRun.State state, Integer limit) {
        return newestFirst.stream().filter(run -> run.state() == state).skip(limit == null ? 0 : limit).map(ObservedRun::job).toList();
    }

    private void requeueWithin(Duration after) {
        if (requeue == null || after.compareTo(requeue) < 0) {
            requeue = after;
        }
    }
}
