package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.PrepareOutcome;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchStatus;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.training.search.SearchPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides the next step of a TrainingJob: wait for its data (and for fresh data, up to freshDataTimeout, failing when
 * the prepare that answers its request failed), reserve a version number, start the training Job, follow it, and
 * register the ModelVersion with the gate decision — or fail with a reason when its version was taken by a
 * ModelVersion it did not make. Succeeded and Failed are final. Pure: no Kubernetes client, no clock.
 */
public final class TrainingPlanner {
    /** A completed Job whose pod result never arrives (the pod was deleted) must still end the run. */
    static final Duration RECHECK = JobOutcome.RESULT_GRACE.dividedBy(2);
    static final Duration DEFAULT_FRESH_DATA_TIMEOUT = Duration.ofHours(2);
    /**
     * The reason of a Job that failed because a pod failed (a worker group's Job allows none); a Job stopped by the
     * pod failure policy (bad input: "PodFailurePolicy") or by its deadline ("DeadlineExceeded") is not tried again.
     */
    static final String GROUP_ATTEMPT_FAILED = "BackoffLimitExceeded";

    /**
     * The training Job to create, with these hyperparameters (the spec's, or the best trial's merged into them), and with
     * more than one worker the headless Service the workers find each other by ({@link WorkerGroups}).
     */
    public record StartJob(String name, String snapshotUri, long version, String championUri, Map<String, String> hyperparameters, int workers) {
    }

    /**
     * @param reserveFrom reserve a version number from this one on, then plan again with it (nothing else is planned)
     * @param finished    the run ended in this pass (Succeeded or Failed)
     */
    /** A search trial's Job to create. */
    public record StartTrial(String name, String snapshotUri, long version, Map<String, String> parameters, Double stopWorseThan) {
    }

    public record Plan(TrainingJobStatus status, OptionalLong reserveFrom, Optional<StartJob> createJob, List<StartTrial> startTrials,
            Optional<ModelVersion> register, List<PlannedEvent> events, Optional<TrainingPhase> finished, Optional<Duration> requeueAfter) {
    }

    private final TrainingJob trainingJob;
    private final TrainingObservation seen;
    private final Instant now;
    private final long generation;
    private final TrainingJobStatus status;
    private final List<PlannedEvent> events = new ArrayList<>();
    private OptionalLong reserveFrom = OptionalLong.empty();
    private StartJob createJob;
    private final List<StartTrial> startTrials = new ArrayList<>();
    private ModelVersion register;
    private TrainingPhase finished;
    private Duration requeue;

    private TrainingPlanner(TrainingJob trainingJob, TrainingObservation seen, Instant now) {
        this.trainingJob = trainingJob;
        this.seen = seen;
        this.now = now;
        this.generation = trainingJob.getMetadata().getGeneration();
        this.status = StatusCopies.copyOrNew(trainingJob.getStatus(), TrainingJobStatus.class, TrainingJobStatus::new);
    }

    public static Plan plan(TrainingJob trainingJob, TrainingObservation seen, Instant now) {
        return new TrainingPlanner(trainingJob, seen, now).plan();
    }

    private Plan plan() {
        if (status.getPhase() == null) {
            status.setPhase(TrainingPhase.Pending.name());
        }
        if (!TrainingPhase.isFinal(status.getPhase())) {
            if (status.getJobName() != null) {
                follow();
            } else if (status.getSearch() != null) {
                followSearch();
            } else {
                startWhenDataIsReady();
            }
        }
        status.setObservedGeneration(generation);
        if (phase() == TrainingPhase.Running) {
            requeue = RECHECK;
        }
        return new Plan(status, reserveFrom, Optional.ofNullable(createJob), List.copyOf(startTrials), Optional.ofNullable(register), List.copyOf(events),
                Optional.ofNullable(finished), Optional.ofNullable(requeue));
    }

    private TrainingPhase phase() {
        return TrainingPhase.of(status.getPhase()).orElse(TrainingPhase.Pending);
    }

    private void startWhenDataIsReady() {
        String datasetName = trainingJob.getSpec().getDatasetRef().getName();
        if (seen.dataset().isEmpty()) {
            waitForData(EventReason.DatasetNotFound, "Dataset " + datasetName + " does not exist; training starts when it does and has a Ready snapshot");
            return;
        }
        Dataset dataset = seen.dataset().get();
        Optional<Instant> after = TrainingObservation.snapshotAfter(trainingJob).filter(at -> trainingJob.getSpec().getDatasetRef().getSnapshot() == null);
        if (after.isPresent() && freshPrepareFailed(dataset.getStatus(), after.get())) {
            String why = Conditions.find(dataset.getStatus(), Conditions.READY).map(c -> c.getMessage()).orElse("no reason given");
            fail("FreshDataFailed", "the prepare of Dataset " + datasetName + " that answers the request for fresh data of "
                    + Timestamps.format(after.get()) + " failed: " + why);
            return;
        }
        Optional<DatasetSnapshot> snapshot = snapshotToTrainOn(trainingJob, dataset);
        if (snapshot.isEmpty() && after.isPresent()) {
            Instant deadline = after.get().plus(freshDataTimeout());
            if (!now.isBefore(deadline)) {
                fail("FreshDataTimeout", "no prepare of Dataset " + datasetName + " started after the request for fresh data of "
                        + Timestamps.format(after.get()) + " produced a snapshot within freshDataTimeout " + timeoutText());
                return;
            }
            waitForData(EventReason.WaitingForFreshData, "waiting for Dataset " + datasetName + " to be prepared again: this run trains on fresh "
                    + "data, a snapshot from a prepare started after " + Timestamps.format(after.get()) + " (annotation " + Labels.SNAPSHOT_AFTER
                    + "); the latest Ready one was prepared at " + readySnapshot(dataset).map(DatasetSnapshot::getPreparedAt).orElse("no time (there is none)")
                    + "; the run fails at " + Timestamps.format(deadline) + " (freshDataTimeout " + timeoutText() + ")");
            requeue = Duration.between(now, deadline).plusSeconds(1);
            return;
        }
        if (snapshot.isEmpty()) {
            String pinned = trainingJob.getSpec().getDatasetRef().getSnapshot();
            waitForData(EventReason.WaitingForSnapshot, (pinned == null ? "the latest snapshot" : "snapshot " + pinned)
                    + " of Dataset " + datasetName + " is not Ready yet");
            return;
        }
        OptionalLong version = status.getVersion() != null ? OptionalLong.of(status.getVersion()) : seen.reservedVersion();
        if (version.isEmpty()) {
            reserveFrom = OptionalLong.of(seen.firstFreeVersion());
            return;
        }
        if (trainingJob.getSpec().getSearch() != null) {
            startSearch(snapshot.get(), version.getAsLong());
        } else {
            start(snapshot.get(), version.getAsLong());
        }
    }

    private void waitForData(EventReason reason, String message) {
        boolean changed = phase() != TrainingPhase.WaitingForData
                || !Conditions.find(status, Conditions.READY).map(c -> reason.name().equals(c.getReason())).orElse(false);
        status.setPhase(TrainingPhase.WaitingForData.name());
        status.setMessage(message);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason.name(), message, generation, now);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, reason.name(), message, generation, now);
        if (changed) {
            events.add(reason == EventReason.DatasetNotFound ? PlannedEvent.warning(reason, message) : PlannedEvent.normal(reason, message));
        }
    }

    /** Starts the training Job, under another name if another owner holds the usual one; takes up its own if it exists. */
    private void start(DatasetSnapshot snapshot, long version) {
        status.setVersion(version);
        status.setDatasetSnapshot(snapshot.getDigest());
        status.setStartTime(Timestamps.format(now));
        startTraining(snapshot.getUri(), trainingJob.getSpec().getHyperparameters(), "");
    }

    private void startTraining(String snapshotUri, Map<String, String> hyperparameters, String why) {
        String name = TrainingJobs.name(trainingJob);
        Optional<ObservedJob> foreign = seen.heldByAnother(name);
        if (foreign.isPresent()) {
            Set<String> inUse = new HashSet<>(seen.jobs().keySet());
            String replacement = OwnedJobs.alternativeName(name, inUse);
            events.add(PlannedEvent.warning(EventReason.TrainingJobNameTaken, "Job " + name + " belongs to " + foreign.get().owners()
                    + ", not to this TrainingJob (probably left by a deleted TrainingJob of the same name); it is not used. Training with Job "
                    + replacement + " instead; delete " + name + " when it is not needed"));
            name = replacement;
        }
        String champion = seen.champion().map(mv -> mv.getSpec().getArtifact().getUri()).orElse(null);
        long version = status.getVersion();
        status.setJobName(name);
        status.setFailedAttempts(0);
        status.setPhase(TrainingPhase.Running.name());
        String message = "training " + trainingJob.getSpec().getModel() + " v" + version + why + " on snapshot " + status.getDatasetSnapshot()
                + (champion == null ? "" : ", scoring the serving version " + champion + " on the same split");
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Training", message, generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, "Training", message, generation, now);
        events.add(PlannedEvent.normal(EventReason.TrainingStarted, message));
        if (seen.owned(name).isPresent()) {
            follow();
        } else {
            createJob = new StartJob(name, snapshotUri, version, champion, hyperparameters, WorkerGroups.workers(trainingJob));
        }
    }

    /** Starts a search: trials first, the run's training Job once the best is known ({@link #followSearch}). */
    private void startSearch(DatasetSnapshot snapshot, long version) {
        status.setVersion(version);
        status.setDatasetSnapshot(snapshot.getDigest());
        status.setStartTime(Timestamps.format(now));
        status.setFailedAttempts(0);
        status.setPhase(TrainingPhase.Running.name());
        Search search = trainingJob.getSpec().getSearch();
        String message = "searching hyperparameters for " + trainingJob.getSpec().getModel() + " v" + version + " on snapshot " + snapshot.getDigest()
                + ": " + search.getMaxTrials() + " " + search.getAlgorithm() + " trials at most, " + search.getParallelism() + " at once, "
                + search.getObjective().getDirection() + " " + SearchPlanner.objectiveKey(search, trainingJob.getSpec().getCrossValidation() != null);
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Searching", message, generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, "Searching", message, generation, now);
        events.add(PlannedEvent.normal(EventReason.TrainingStarted, message));
        followSearch();
    }

    /** Records ended trials, starts the next ones, and once all have ended trains the best trial's configuration as the run. */
    private void followSearch() {
        Search search = trainingJob.getSpec().getSearch();
        Optional<String> snapshotUri = seen.dataset().flatMap(dataset -> snapshotUri(dataset, status.getDatasetSnapshot()));
        if (snapshotUri.isEmpty()) {
            fail(EventReason.DatasetNotFound.name(), "snapshot " + status.getDatasetSnapshot() + " of Dataset "
                    + trainingJob.getSpec().getDatasetRef().getName() + " is gone; the search cannot go on");
            return;
        }
        SearchPlanner.Step step = SearchPlanner.next(search, trainingJob.getSpec().getCrossValidation() != null,
                trainingJob.getSpec().getHyperparameters(), status.getSearch(),
                seen.jobs(), n -> TrainingJobs.trialName(trainingJob, n));
        status.setSearch(step.status());
        events.addAll(step.events());
        step.start().forEach(trial -> startTrials.add(new StartTrial(trial.jobName(), snapshotUri.get(), status.getVersion(), trial.parameters(),
                trial.stopWorseThan())));
        if (step.failure().isPresent()) {
            fail("SearchFailed", step.failure().get());
        } else if (step.best().isPresent()) {
            Map<String, String> hyperparameters = new TreeMap<>(Objects.requireNonNullElse(trainingJob.getSpec().getHyperparameters(), Map.of()));
            hyperparameters.putAll(step.best().get().getParameters());
            startTraining(snapshotUri.get(), hyperparameters, " with the best trial's hyperparameters (trial " + step.best().get().getIndex()
                    + ", " + step.best().get().getParameters() + ")");
        } else {
            SearchStatus progress = step.status();
            status.setMessage("searching: " + progress.getStartedTrials() + " of " + progress.getTotalTrials() + " trials started, "
                    + progress.getFailedTrials() + " failed" + (progress.getBestTrial() == null ? ""
                    : ", best so far trial " + progress.getBestTrial() + " with " + progress.getBestObjective()));
        }
    }

    private static Optional<String> snapshotUri(Dataset dataset, String digest) {
        return dataset.getStatus() == null ? Optional.empty() : dataset.getStatus().getSnapshots().stream()
                .filter(s -> s.getDigest().equals(digest)).map(DatasetSnapshot::getUri).findFirst();
    }

    private void follow() {
        String name = status.getJobName();
        Optional<ObservedJob> job = seen.owned(name);
        if (job.isEmpty()) {
            Optional<ObservedJob> foreign = seen.heldByAnother(name);
            fail(foreign.isPresent() ? "JobNotOwned" : "JobDeleted", foreign.isPresent()
                    ? "the training Job " + name + " belongs to " + foreign.get().owners() + ", not to this run; its outcome says nothing about it"
                    : "the training Job " + name + " was deleted before it finished");
            return;
        }
        JobOutcome outcome = job.get().outcome();
        int before = status.getFailedAttempts() == null ? 0 : status.getFailedAttempts();
        boolean group = WorkerGroups.workers(trainingJob) > 1;
        // A group's attempt is its Job, failed as a whole: its failed pods (one per worker that died) count once, below.
        int attempts = group ? before : Math.max(before, outcome.failedPods());
        status.setFailedAttempts(attempts);
        switch (outcome.state()) {
            case Running -> {
                if (attempts > before) {
                    events.add(PlannedEvent.warning(EventReason.TrainingRetried, "training pod failed (" + attempts + " of "
                            + (backoffLimit() + 1) + " attempts used); the Job retries it"));
                }
            }
            case Failed -> {
                if (group && GROUP_ATTEMPT_FAILED.equals(outcome.reason()) && before < backoffLimit()) {
                    retryGroup(before + 1, outcome.message());
                } else {
                    if (group) {
                        status.setFailedAttempts(before + 1);
                    }
                    fail(outcome.reason(), outcome.message());
                }
            }
            case Succeeded -> {
                Optional<JobResult> result = outcome.result().filter(JobResult::success);
                if (result.isEmpty()) {
                    fail("NoResult", "the training Job completed without a result in its termination message");
                } else {
                    registerModel(result.get());
                }
            }
        }
    }

    /**
     * Starts the next attempt of a worker group whose Job failed: a new Job (its name never used before, so no pod of the
     * failed one passes for the new one's), on the same snapshot and version. A Job of that name this run already owns
     * (made by a pass whose status patch was lost) is taken up instead.
     */
    private void retryGroup(int failedAttempts, String why) {
        Optional<String> snapshotUri = seen.dataset().flatMap(dataset -> snapshotUri(dataset, status.getDatasetSnapshot()));
        status.setFailedAttempts(failedAttempts);
        if (snapshotUri.isEmpty()) {
            fail(EventReason.DatasetNotFound.name(), "the worker group failed (" + why + ") and snapshot " + status.getDatasetSnapshot()
                    + " of Dataset " + trainingJob.getSpec().getDatasetRef().getName() + " is gone; it cannot be trained again");
            return;
        }
        Set<String> heldByOthers = new HashSet<>();
        seen.jobs().values().stream().filter(job -> !job.owned()).forEach(job -> heldByOthers.add(job.name()));
        String next = OwnedJobs.alternativeName(status.getJobName(), heldByOthers);
        String champion = seen.champion().map(mv -> mv.getSpec().getArtifact().getUri()).orElse(null);
        events.add(PlannedEvent.warning(EventReason.TrainingRetried, "the worker group's attempt " + failedAttempts + " of " + (backoffLimit() + 1)
                + " failed (" + why + "); starting attempt " + (failedAttempts + 1) + " as Job " + next));
        status.setJobName(next);
        if (seen.owned(next).isEmpty()) {
            createJob = new StartJob(next, snapshotUri.get(), status.getVersion(), champion, trainingJob.getSpec().getHyperparameters(),
                    WorkerGroups.workers(trainingJob));
        }
    }

    /**
     * Registers the trained model under the version reserved for it. A ModelVersion of that name that this run did not
     * make (another artifact) ends the run as Failed: the artifact was published as that version, so renumbering it
     * would lie, and retrying cannot succeed.
     */
    private void registerModel(JobResult result) {
        String datasetName = trainingJob.getSpec().getDatasetRef().getName();
        if (seen.dataset().isEmpty()) {
            fail(EventReason.DatasetNotFound.name(), "Dataset " + datasetName
                    + " was deleted before the model could be registered; its schema is needed for the ModelVersion");
            return;
        }
        String versionName = ModelVersions.name(trainingJob.getSpec().getModel(), status.getVersion());
        Optional<ModelVersion> existing = seen.registered();
        if (existing.isPresent() && !madeByThisRun(existing.get(), result)) {
            fail("VersionTaken", "ModelVersion " + versionName + " already exists and was not registered by this run (its artifact is "
                    + existing.get().getSpec().getArtifact().getUri() + "); version " + status.getVersion() + " was reserved for this run, so the model it "
                    + "trained (" + result.uri() + ") cannot be registered under it. Create a new TrainingJob to train under the next free version");
            return;
        }
        String championName = seen.champion().map(mv -> mv.getMetadata().getName()).orElse(null);
        GateDecision decision = EvaluationGates.decide(trainingJob.getSpec().getEvaluation(), result.metrics(), championName);
        if (existing.isEmpty()) {
            register = ModelVersions.desired(trainingJob, seen.dataset().get(), status.getDatasetSnapshot(), status.getVersion(), result, decision,
                    status.getSearch());
            events.add(PlannedEvent.normal(EventReason.ModelVersionRegistered, "created ModelVersion " + versionName));
        }
        status.setPhase(TrainingPhase.Succeeded.name());
        status.setCompletionTime(Timestamps.format(now));
        status.setMetrics(result.metrics());
        status.setModelVersion(versionName);
        String message = "registered " + versionName + " as " + decision.stage() + ": " + decision.reason();
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Finished", "training finished", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.True, decision.validated() ? "ModelValidated" : "ModelRejected", message, generation, now);
        finished = TrainingPhase.Succeeded;
        events.add(PlannedEvent.normal(EventReason.TrainingSucceeded, "training finished: " + result.metrics()));
        events.add(decision.validated() ? PlannedEvent.normal(EventReason.ModelValidated, message) : PlannedEvent.warning(EventReason.ModelRejected, message));
    }

    /** The artifact this run trained (same sha256): a registration whose status patch was lost. */
    static boolean madeByThisRun(ModelVersion existing, JobResult result) {
        return existing.getSpec().getArtifact() != null && Objects.equals(existing.getSpec().getArtifact().getSha256(), result.digest());
    }

    private void fail(String reason, String message) {
        status.setPhase(TrainingPhase.Failed.name());
        status.setCompletionTime(Timestamps.format(now));
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Finished", "training finished", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason, message, generation, now);
        finished = TrainingPhase.Failed;
        events.add(PlannedEvent.warning(EventReason.TrainingFailed, reason + ": " + message));
    }

    private int backoffLimit() {
        return trainingJob.getSpec().getBackoffLimit() == null ? 2 : trainingJob.getSpec().getBackoffLimit();
    }

    private Duration freshDataTimeout() {
        String timeout = trainingJob.getSpec().getFreshDataTimeout();
        return timeout == null ? DEFAULT_FRESH_DATA_TIMEOUT : Durations.parse(timeout);
    }

    private String timeoutText() {
        return Objects.requireNonNullElse(trainingJob.getSpec().getFreshDataTimeout(), "2h");
    }

    /**
     * The pinned snapshot if there is a pin (a pin is exact, fresh or not); otherwise the latest Ready one, and with
     * the {@link Labels#SNAPSHOT_AFTER} annotation only a fresh one ({@link #isFresh}).
     */
    static Optional<DatasetSnapshot> snapshotToTrainOn(TrainingJob trainingJob, Dataset dataset) {
        if (dataset.getStatus() == null) {
            return Optional.empty();
        }
        String pinned = trainingJob.getSpec().getDatasetRef().getSnapshot();
        if (pinned != null) {
            return dataset.getStatus().getSnapshots().stream().filter(s -> pinned.equals(s.getDigest())).findFirst();
        }
        Optional<Instant> after = TrainingObservation.snapshotAfter(trainingJob);
        return readySnapshot(dataset).filter(s -> after.isEmpty() || isFresh(s, after.get()));
    }

    /**
     * Whether a snapshot answers a request for fresh data made at {@code requested}: its prepare answered that request
     * (or a later one), or started in a later second. A prepare that ran when the request came does not, however late
     * it finished: it may have read the data before the change that drift saw.
     */
    static boolean isFresh(DatasetSnapshot snapshot, Instant requested) {
        return answers(snapshot.getRefreshRequest(), snapshot.getStartedAt(), requested);
    }

    /** Whether the prepare that answers a request for fresh data made at {@code requested} failed. */
    static boolean freshPrepareFailed(DatasetStatus dataset, Instant requested) {
        return dataset != null && dataset.getPrepareOutcome() == PrepareOutcome.Failed
                && answers(dataset.getPrepareRefreshRequest(), dataset.getPrepareStartedAt(), requested);
    }

    private static boolean answers(String answeredRequest, String startedAt, Instant requested) {
        return answeredRequest != null && !Timestamps.parse(answeredRequest).isBefore(requested)
                || startedAt != null && Timestamps.parse(startedAt).isAfter(requested);
    }

    private static Optional<DatasetSnapshot> readySnapshot(Dataset dataset) {
        return dataset.getStatus() != null && Conditions.isTrue(dataset.getStatus(), Conditions.READY)
                ? Optional.ofNullable(dataset.getStatus().getLatestSnapshot()) : Optional.empty();
    }
}
