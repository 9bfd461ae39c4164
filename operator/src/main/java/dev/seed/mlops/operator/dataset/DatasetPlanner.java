package dev.seed.mlops.operator.dataset;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.PrepareOutcome;
import dev.seed.mlops.api.v1alpha1.ValidationSummary;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a Dataset needs, from its spec, status and what the caches show: follow the running prepare Job into
 * status, start a prepare (first, on a spec change, every refreshInterval, on a refresh request), start it again under
 * a new name when its Job vanished or another owner holds the name. Pure: no Kubernetes client, no clock.
 */
public final class DatasetPlanner {
    static final int SNAPSHOT_HISTORY = 10;
    /** A Job that completed without its pod's result in the cache is judged again after this (see JobOutcome). */
    static final Duration RECHECK = JobOutcome.RESULT_GRACE.dividedBy(2);

    /** The next status, the prepare Job to create (by name; empty for none) and the events to record. */
    public record Plan(DatasetStatus status, Optional<String> createJob, List<PlannedEvent> events, Optional<Duration> requeueAfter) {
    }

    private final Dataset dataset;
    private final DatasetObservation seen;
    private final Instant now;
    private final long generation;
    private final DatasetStatus status;
    private final List<PlannedEvent> events = new ArrayList<>();
    private String createJob;

    private DatasetPlanner(Dataset dataset, DatasetObservation seen, Instant now) {
        this.dataset = dataset;
        this.seen = seen;
        this.now = now;
        this.generation = dataset.getMetadata().getGeneration();
        this.status = StatusCopies.copyOrNew(dataset.getStatus(), DatasetStatus.class, DatasetStatus::new);
    }

    public static Plan plan(Dataset dataset, DatasetObservation seen, Instant now) {
        return new DatasetPlanner(dataset, seen, now).plan();
    }

    private Plan plan() {
        if (preparing()) {
            follow();
        }
        if (!preparing()) {
            startIfDue();
        }
        status.setObservedGeneration(generation);
        Optional<Duration> requeue = preparing() ? Optional.of(RECHECK)
                : refreshDue(status, dataset).map(due -> Duration.between(now, due).plusSeconds(1));
        return new Plan(status, Optional.ofNullable(createJob), List.copyOf(events), requeue);
    }

    private boolean preparing() {
        return DatasetPhase.of(status.getPhase()).orElse(null) == DatasetPhase.Preparing;
    }

    /** Folds the prepare Job status names into status; a vanished or foreign Job is replaced by a new one. */
    private void follow() {
        String name = status.getPrepareJob();
        Optional<ObservedJob> own = seen.owned(name);
        if (own.isPresent()) {
            fold(own.get());
            return;
        }
        String replacement = OwnedJobs.alternativeName(name, inUse(name));
        Optional<ObservedJob> foreign = seen.heldByAnother(name);
        events.add(foreign.isPresent()
                ? PlannedEvent.warning(EventReason.PrepareJobNameTaken, nameTaken(foreign.get(), replacement))
                : PlannedEvent.warning(EventReason.PrepareJobMissing, "prepare Job " + name
                        + " disappeared before it finished; starting the prepare again as " + replacement));
        start(replacement);
    }

    private void startIfDue() {
        boolean specChanged = !Objects.equals(status.getPreparedGeneration(), generation);
        Optional<Instant> requested = refreshRequested(seen.refreshRequest(), status);
        Optional<Instant> intervalDue = refreshDue(status, dataset).filter(due -> !due.isAfter(now));
        if (!specChanged && requested.isEmpty() && intervalDue.isEmpty()) {
            return;
        }
        String name = PrepareJobs.name(dataset, specChanged ? null : requested.or(() -> intervalDue).get());
        Optional<ObservedJob> foreign = seen.heldByAnother(name);
        if (foreign.isPresent()) {
            String replacement = OwnedJobs.alternativeName(name, inUse(name));
            events.add(PlannedEvent.warning(EventReason.PrepareJobNameTaken, nameTaken(foreign.get(), replacement)));
            name = replacement;
        }
        start(name);
    }

    /**
     * Starts a prepare, or takes up the Job of that name this Dataset already owns (made by a pass whose status patch
     * was lost). It answers the refresh request made before it started; for a Job taken up, only one made in an
     * earlier second than the Job's creation, since both times are cut to seconds.
     */
    private void start(String name) {
        Optional<ObservedJob> existing = seen.owned(name);
        Instant startedAt = existing.map(ObservedJob::created).orElse(now);
        Optional<Instant> answers = seen.refreshRequest().filter(at -> existing.isEmpty() || at.isBefore(startedAt));
        status.setPrepareJob(name);
        status.setPreparedGeneration(generation);
        status.setPhase(DatasetPhase.Preparing.name());
        status.setPrepareStartedAt(Timestamps.format(startedAt));
        status.setPrepareRefreshRequest(answers.map(Timestamps::format).orElse(null));
        status.setPrepareOutcome(PrepareOutcome.Running);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Preparing",
                "prepare Job " + name + " reads, validates, splits and profiles " + dataset.getSpec().getSource().getUri(), generation, now);
        if (status.getLatestSnapshot() == null) {
            Conditions.set(status, Conditions.READY, ConditionStatus.False, "Preparing", "no snapshot prepared yet", generation, now);
        }
        if (existing.isPresent()) {
            fold(existing.get());
        } else {
            createJob = name;
            events.add(PlannedEvent.normal(EventReason.PrepareStarted, "started prepare Job " + name));
        }
    }

    private void fold(ObservedJob job) {
        JobOutcome outcome = job.outcome();
        if (outcome.state() == JobOutcome.State.Running) {
            return;
        }
        status.setLastPreparedAt(Timestamps.format(now));
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Idle", "no prepare Job running", generation, now);
        if (outcome.state() == JobOutcome.State.Succeeded && outcome.result().filter(JobResult::success).isPresent()) {
            recordSnapshot(outcome.result().get());
        } else {
            recordFailure(outcome);
        }
    }

    private void recordSnapshot(JobResult result) {
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(result.digest());
        snapshot.setRows(result.rows());
        snapshot.setTrainRows(result.trainRows());
        snapshot.setTestRows(result.testRows());
        snapshot.setUri(result.uri());
        snapshot.setPreparedAt(Timestamps.format(now));
        snapshot.setStartedAt(status.getPrepareStartedAt());
        snapshot.setRefreshRequest(status.getPrepareRefreshRequest());
        snapshot.setTransforms(result.transforms());
        boolean isNew = status.getLatestSnapshot() == null || !Objects.equals(status.getLatestSnapshot().getDigest(), result.digest());
        status.getSnapshots().removeIf(s -> Objects.equals(s.getDigest(), result.digest()));
        status.getSnapshots().add(0, snapshot);
        while (status.getSnapshots().size() > SNAPSHOT_HISTORY) {
            status.getSnapshots().remove(status.getSnapshots().size() - 1);
        }
        status.setLatestSnapshot(snapshot);
        status.setValidation(validation(true, result.rows(), List.of()));
        status.setPhase(DatasetPhase.Ready.name());
        status.setPrepareOutcome(PrepareOutcome.Succeeded);
        String message = "snapshot " + result.digest() + " with " + result.rows() + " rows (" + result.trainRows() + " train, " + result.testRows() + " test)";
        Conditions.set(status, Conditions.VALIDATED, ConditionStatus.True, "ValidationPassed", "every row passed the schema and rules", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.True, "SnapshotReady", message, generation, now);
        events.add(PlannedEvent.normal(EventReason.SnapshotPrepared, (isNew ? "new " : "unchanged ") + message));
    }

    private void recordFailure(JobOutcome outcome) {
        boolean invalidData = outcome.result().isPresent();
        String message = invalidData ? outcome.result().get().message() : outcome.reason() + ": " + outcome.message();
        EventReason reason = invalidData ? EventReason.ValidationFailed : EventReason.PrepareFailed;
        status.setPhase(DatasetPhase.Failed.name());
        status.setPrepareOutcome(PrepareOutcome.Failed);
        status.setValidation(validation(false, outcome.result().map(JobResult::rows).orElse(null), List.of(message)));
        Conditions.set(status, Conditions.VALIDATED, invalidData ? ConditionStatus.False : ConditionStatus.Unknown, reason.name(), message, generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason.name(),
                message + " — fix the source or the Dataset spec; the next spec change or refresh prepares it again", generation, now);
        events.add(PlannedEvent.warning(reason, message));
    }

    private Set<String> inUse(String name) {
        Set<String> names = new HashSet<>(seen.jobs().keySet());
        names.add(name);
        return names;
    }

    private static String nameTaken(ObservedJob foreign, String replacement) {
        return "Job " + foreign.name() + " belongs to " + foreign.owners() + ", not to this Dataset (probably left by a deleted Dataset "
                + "of the same name); it is not used. Preparing with Job " + replacement + " instead; delete " + foreign.name() + " when it is not needed";
    }

    private static ValidationSummary validation(boolean passed, Long rows, List<String> violations) {
        ValidationSummary summary = new ValidationSummary();
        summary.setPassed(passed);
        summary.setRowsChecked(rows);
        summary.setViolations(violations.stream().map(v -> v.length() > 1000 ? v.substring(0, 997) + "..." : v).toList());
        return summary;
    }

    /**
     * A refresh asked for with the refresh-requested-at annotation (a DriftPolicy before it retrains) that no prepare
     * answers yet. A prepare answers the requests made before it started (status.prepareRefreshRequest); one that ran
     * when the request came does not. Before the first prepare there is nothing to refresh.
     */
    static Optional<Instant> refreshRequested(Optional<Instant> requested, DatasetStatus status) {
        if (requested.isEmpty() || status.getLastPreparedAt() == null && status.getPrepareStartedAt() == null) {
            return Optional.empty();
        }
        String answered = status.getPrepareStartedAt() == null ? status.getLastPreparedAt() : status.getPrepareRefreshRequest();
        return requested.filter(at -> answered == null || at.isAfter(Timestamps.parse(answered)));
    }

    private static Optional<Instant> refreshDue(DatasetStatus status, Dataset dataset) {
        if (dataset.getSpec().getRefreshInterval() == null || status.getLastPreparedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse(status.getLastPreparedAt()).plus(Durations.parse(dataset.getSpec().getRefreshInterval())));
    }
}
