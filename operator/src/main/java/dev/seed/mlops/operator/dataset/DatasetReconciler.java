package dev.seed.mlops.operator.dataset;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.ValidationSummary;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Prepares a Dataset with a Job on creation, on every spec change, every refreshInterval and when fresh data is asked
 * for (the {@link Labels#REFRESH_REQUESTED_AT} annotation), and records the resulting snapshot (or the validation
 * failure) in status. Not generation-aware: an annotation does not bump the generation, and must still wake it.
 */
@ControllerConfiguration(generationAwareEventProcessing = false)
public class DatasetReconciler implements Reconciler<Dataset> {
    static final int SNAPSHOT_HISTORY = 10;

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;

    public DatasetReconciler(OperatorSettings settings, EventRecorder events, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Dataset>> prepareEventSources(EventSourceContext<Dataset> context) {
        String selector = Labels.selector(Labels.DATASET) + "," + Labels.COMPONENT + "=" + PrepareJobs.COMPONENT;
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Dataset.class)
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, Dataset.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.DATASET)).build(), context));
    }

    @Override
    public UpdateControl<Dataset> reconcile(Dataset dataset, Context<Dataset> context) {
        Instant now = clock.instant();
        DatasetStatus status = StatusCopies.copyOrNew(dataset.getStatus(), DatasetStatus.class, DatasetStatus::new);
        long generation = dataset.getMetadata().getGeneration();
        Set<Pod> pods = context.getSecondaryResources(Pod.class);

        currentJob(status, context.getSecondaryResources(Job.class))
                .ifPresent(job -> record(dataset, status, job, JobOutcome.of(job, pods, now), now));

        boolean preparing = "Preparing".equals(status.getPhase());
        Optional<Instant> refreshDue = refreshDue(dataset, status).filter(due -> !due.isAfter(now)).or(() -> refreshRequested(dataset, status));
        if (!preparing && (!Objects.equals(status.getPreparedGeneration(), generation) || refreshDue.isPresent())) {
            Instant due = Objects.equals(status.getPreparedGeneration(), generation) ? refreshDue.orElse(null) : null;
            startPrepare(dataset, status, PrepareJobs.name(dataset, due), context, now);
        }

        status.setObservedGeneration(generation);
        Optional<Instant> nextRefresh = "Preparing".equals(status.getPhase()) ? Optional.empty() : refreshDue(dataset, status);
        UpdateControl<Dataset> control;
        if (StatusCopies.same(status, dataset.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            dataset.setStatus(status);
            control = UpdateControl.patchStatus(dataset);
        }
        nextRefresh.ifPresent(due -> control.rescheduleAfter(Duration.between(now, due).plusSeconds(1)));
        // A completed Job whose pod result never arrives (the pod was deleted) must still end the prepare.
        return "Preparing".equals(status.getPhase()) ? control.rescheduleAfter(JobOutcome.RESULT_GRACE.dividedBy(2)) : control;
    }

    /**
     * The Job whose outcome status should show: the one status names, or a newer one whose creation status missed.
     * While status says Preparing and the cache has not seen that Job yet, there is none: its event will come.
     */
    private static Optional<Job> currentJob(DatasetStatus status, Set<Job> jobs) {
        Optional<Job> named = jobs.stream().filter(job -> job.getMetadata().getName().equals(status.getPrepareJob())).findFirst();
        if (named.isPresent() || "Preparing".equals(status.getPhase())) {
            return named;
        }
        return jobs.stream().max(Comparator.comparing((Job job) -> Objects.toString(job.getMetadata().getCreationTimestamp(), ""))
                .thenComparing(job -> job.getMetadata().getName()));
    }

    private void startPrepare(Dataset dataset, DatasetStatus status, String jobName, Context<Dataset> context, Instant now) {
        try {
            context.getClient().resource(PrepareJobs.desired(dataset, jobName, settings)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        long generation = dataset.getMetadata().getGeneration();
        status.setPrepareJob(jobName);
        status.setPreparedGeneration(generation);
        status.setPhase("Preparing");
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Preparing",
                "prepare Job " + jobName + " reads, validates, splits and profiles " + dataset.getSpec().getSource().getUri(), generation, now);
        if (status.getLatestSnapshot() == null) {
            Conditions.set(status, Conditions.READY, ConditionStatus.False, "Preparing", "no snapshot prepared yet", generation, now);
        }
        events.normal(dataset, EventReason.PrepareStarted, "started prepare Job " + jobName);
    }

    /** Folds the outcome of the latest prepare Job into status; events fire only when the outcome is new. */
    private void record(Dataset dataset, DatasetStatus status, Job job, JobOutcome outcome, Instant now) {
        long generation = dataset.getMetadata().getGeneration();
        String name = job.getMetadata().getName();
        boolean alreadyRecorded = name.equals(status.getPrepareJob()) && !"Preparing".equals(status.getPhase());
        status.setPrepareJob(name);
        if (outcome.state() == JobOutcome.State.Running) {
            status.setPhase("Preparing");
            return;
        }
        if (alreadyRecorded) {
            return;
        }
        status.setLastPreparedAt(Timestamps.format(now));
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Idle", "no prepare Job running", generation, now);
        if (outcome.state() == JobOutcome.State.Succeeded && outcome.result().filter(JobResult::success).isPresent()) {
            recordSnapshot(dataset, status, outcome.result().get(), now);
        } else {
            recordFailure(dataset, status, outcome, now);
        }
    }

    private void recordSnapshot(Dataset dataset, DatasetStatus status, JobResult result, Instant now) {
        long generation = dataset.getMetadata().getGeneration();
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(result.digest());
        snapshot.setRows(result.rows());
        snapshot.setTrainRows(result.trainRows());
        snapshot.setTestRows(result.testRows());
        snapshot.setUri(result.uri());
        snapshot.setPreparedAt(Timestamps.format(now));
        boolean isNew = status.getLatestSnapshot() == null || !Objects.equals(status.getLatestSnapshot().getDigest(), result.digest());
        status.getSnapshots().removeIf(s -> Objects.equals(s.getDigest(), result.digest()));
        status.getSnapshots().add(0, snapshot);
        while (status.getSnapshots().size() > SNAPSHOT_HISTORY) {
            status.getSnapshots().remove(status.getSnapshots().size() - 1);
        }
        status.setLatestSnapshot(snapshot);
        status.setValidation(validation(true, result.rows(), List.of()));
        status.setPhase("Ready");
        String message = "snapshot " + result.digest() + " with " + result.rows() + " rows (" + result.trainRows() + " train, " + result.testRows() + " test)";
        Conditions.set(status, Conditions.VALIDATED, ConditionStatus.True, "ValidationPassed", "every row passed the schema and rules", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.True, "SnapshotReady", message, generation, now);
        events.normal(dataset, EventReason.SnapshotPrepared, (isNew ? "new " : "unchanged ") + message);
    }

    private void recordFailure(Dataset dataset, DatasetStatus status, JobOutcome outcome, Instant now) {
        long generation = dataset.getMetadata().getGeneration();
        boolean invalidData = outcome.result().isPresent();
        String message = invalidData ? outcome.result().get().message() : outcome.reason() + ": " + outcome.message();
        EventReason reason = invalidData ? EventReason.ValidationFailed : EventReason.PrepareFailed;
        status.setPhase("Failed");
        status.setValidation(validation(false, outcome.result().map(JobResult::rows).orElse(null), List.of(message)));
        Conditions.set(status, Conditions.VALIDATED, invalidData ? ConditionStatus.False : ConditionStatus.Unknown, reason.name(), message, generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason.name(),
                message + " — fix the source or the Dataset spec; the next spec change or refresh prepares it again", generation, now);
        events.warning(dataset, reason, message);
    }

    private static ValidationSummary validation(boolean passed, Long rows, List<String> violations) {
        ValidationSummary summary = new ValidationSummary();
        summary.setPassed(passed);
        summary.setRowsChecked(rows);
        summary.setViolations(violations.stream().map(v -> v.length() > 1000 ? v.substring(0, 997) + "..." : v).toList());
        return summary;
    }

    /**
     * A refresh someone asked for with the {@link Labels#REFRESH_REQUESTED_AT} annotation (a DriftPolicy before it
     * retrains) that no prepare has finished since. An unreadable time is ignored: it cannot be compared.
     */
    static Optional<Instant> refreshRequested(Dataset dataset, DatasetStatus status) {
        String requested = dataset.getMetadata().getAnnotations() == null ? null : dataset.getMetadata().getAnnotations().get(Labels.REFRESH_REQUESTED_AT);
        if (requested == null || status.getLastPreparedAt() == null) {
            return Optional.empty();
        }
        try {
            Instant at = Timestamps.parse(requested);
            return at.isAfter(Timestamps.parse(status.getLastPreparedAt())) ? Optional.of(at) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> refreshDue(Dataset dataset, DatasetStatus status) {
        if (dataset.getSpec().getRefreshInterval() == null || status.getLastPreparedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse(status.getLastPreparedAt()).plus(Durations.parse(dataset.getSpec().getRefreshInterval())));
    }
}
