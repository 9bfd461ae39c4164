package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.BaselineStatus;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift baseline of a ModelVersion, in {@code status.baseline} and the {@value #CONDITION} condition. Pure. The rules:
 * <ul>
 * <li>a version a TrainingJob made has its training profile (the artifact's profile.json); no Job runs;</li>
 * <li>a version registered by hand without {@code spec.baseline} has none, and says that drift cannot be watched
 * unless its artifact brings a profile.json;</li>
 * <li>with {@code spec.baseline.dataset}: wait until the Dataset exists and has a Ready snapshot, then run one baseline
 * Job on that snapshot; its success records the baseline, its failure the Job's message. Both are final: the spec is
 * immutable, and a Dataset prepared again later does not move a baseline that drift is measured against;</li>
 * <li>a baseline Job that vanished before its outcome was recorded runs again under another name.</li>
 * </ul>
 */
final class BaselinePlanner {
    static final String CONDITION = "DriftBaseline";
    static final String NO_BASELINE = "registered by hand without spec.baseline: drift cannot be watched for this version unless its"
            + " artifact brings a profile.json; name a Dataset in spec.baseline.dataset to compute a baseline";

    /** The baseline Job to create: its name, and the snapshot it profiles. */
    record BaselineJob(String name, DatasetSnapshot snapshot) {
    }

    /** What the ModelVersion's reconciler does about the baseline besides the status. */
    record Decision(Optional<BaselineJob> createJob, List<PlannedEvent> events) {
        static final Decision NOTHING = new Decision(Optional.empty(), List.of());
    }

    private BaselinePlanner() {
    }

    /** Sets {@code status.baseline} and the condition, and says what to create. */
    static Decision plan(ModelVersion version, ModelVersionStatus status, BaselineObservation seen, long generation, Instant now) {
        BaselineStatus next = Objects.requireNonNullElseGet(status.getBaseline(), BaselineStatus::new);
        BaselinePhase before = next.getPhase();
        Decision decision = decide(version, next, seen);
        status.setBaseline(next);
        boolean ready = next.getPhase() == BaselinePhase.Training || next.getPhase() == BaselinePhase.Ready;
        Conditions.set(status, CONDITION, ready ? ConditionStatus.True : ConditionStatus.False, next.getPhase().name(),
                Objects.requireNonNullElse(next.getMessage(), ""), generation, now);
        return next.getPhase() == before ? new Decision(decision.createJob(), List.of()) : decision;
    }

    private static Decision decide(ModelVersion version, BaselineStatus next, BaselineObservation seen) {
        var spec = version.getSpec();
        if (spec.getSource() != null && spec.getSource().getTrainingJob() != null) {
            next.setPhase(BaselinePhase.Training);
            next.setUri(spec.getArtifact().getUri());
            next.setDataset(spec.getSource().getDataset());
            next.setSnapshot(spec.getSource().getDatasetDigest());
            next.setMessage("the profile its TrainingJob " + spec.getSource().getTrainingJob() + " wrote into the artifact");
            return Decision.NOTHING;
        }
        if (spec.getBaseline() == null) {
            next.setPhase(BaselinePhase.None);
            next.setMessage(NO_BASELINE);
            return new Decision(Optional.empty(), List.of(PlannedEvent.warning(EventReason.NoDriftBaseline, NO_BASELINE)));
        }
        if (next.getPhase() == BaselinePhase.Ready || next.getPhase() == BaselinePhase.Failed) {
            return Decision.NOTHING;
        }
        String dataset = spec.getBaseline().getDataset();
        next.setDataset(dataset);
        if (next.getJob() != null) {
            Optional<ObservedJob> job = ObservedJob.owned(seen.jobs(), next.getJob());
            if (job.isPresent()) {
                return follow(job.get().outcome(), next);
            }
            if (next.getSnapshot() != null) {
                return start(version, next, seen, OwnedJobs.alternativeName(next.getJob(), seen.jobs().keySet()),
                        snapshotNamed(seen.dataset(), next.getSnapshot()));
            }
        }
        Optional<DatasetSnapshot> snapshot = seen.dataset().map(d -> d.getStatus() == null ? null : d.getStatus().getLatestSnapshot());
        if (seen.dataset().isEmpty() || snapshot.isEmpty()) {
            next.setPhase(BaselinePhase.Waiting);
            next.setMessage(seen.dataset().isEmpty() ? "waiting for Dataset " + dataset + ", which does not exist"
                    : "waiting for Dataset " + dataset + " to have a Ready snapshot");
            return new Decision(Optional.empty(), List.of(PlannedEvent.normal(EventReason.WaitingForSnapshot, next.getMessage())));
        }
        return start(version, next, seen, jobName(version), snapshot);
    }

    private static Decision start(ModelVersion version, BaselineStatus next, BaselineObservation seen, String name,
            Optional<DatasetSnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            next.setPhase(BaselinePhase.Failed);
            next.setMessage("the baseline Job " + next.getJob() + " vanished and Dataset " + next.getDataset() + " no longer lists snapshot "
                    + next.getSnapshot() + "; create a new version of the model to profile another snapshot");
            return new Decision(Optional.empty(), List.of(PlannedEvent.warning(EventReason.BaselineFailed, next.getMessage())));
        }
        Optional<ObservedJob> foreign = ObservedJob.heldByAnother(seen.jobs(), name);
        String job = foreign.isPresent() ? OwnedJobs.alternativeName(name, seen.jobs().keySet()) : name;
        next.setPhase(BaselinePhase.Profiling);
        next.setJob(job);
        next.setSnapshot(snapshot.get().getDigest());
        next.setMessage("Job " + job + " profiles snapshot " + snapshot.get().getDigest() + " of Dataset " + next.getDataset());
        return new Decision(Optional.of(new BaselineJob(job, snapshot.get())),
                List.of(PlannedEvent.normal(EventReason.BaselineStarted, next.getMessage())));
    }

    private static Decision follow(JobOutcome outcome, BaselineStatus next) {
        switch (outcome.state()) {
            case Succeeded -> {
                Optional<JobResult> reported = outcome.result().filter(JobResult::success);
                if (reported.isEmpty()) {
                    next.setPhase(BaselinePhase.Failed);
                    next.setMessage("baseline Job " + next.getJob() + " completed without reporting a result in its pod's termination message");
                    return new Decision(Optional.empty(), List.of(PlannedEvent.warning(EventReason.BaselineFailed, next.getMessage())));
                }
                JobResult result = reported.get();
                next.setPhase(BaselinePhase.Ready);
                next.setUri(result.uri());
                next.setRows(result.rows());
                next.setMessage("computed from snapshot " + next.getSnapshot() + " of Dataset " + next.getDataset() + " by Job " + next.getJob()
                        + "; no prediction baseline (no training run scored a test split with this model)");
                return new Decision(Optional.empty(), List.of(PlannedEvent.normal(EventReason.BaselineComputed, next.getMessage())));
            }
            case Failed -> {
                next.setPhase(BaselinePhase.Failed);
                next.setMessage("baseline Job " + next.getJob() + " failed: " + outcome.message());
                return new Decision(Optional.empty(), List.of(PlannedEvent.warning(EventReason.BaselineFailed, next.getMessage())));
            }
            default -> {
                next.setPhase(BaselinePhase.Profiling);
                return Decision.NOTHING;
            }
        }
    }

    private static Optional<DatasetSnapshot> snapshotNamed(Optional<Dataset> dataset, String digest) {
        return dataset.filter(d -> d.getStatus() != null).stream()
                .flatMap(d -> d.getStatus().getSnapshots().stream())
                .filter(s -> digest.equals(s.getDigest()))
                .findFirst();
    }

    /**
     * {@code <modelversion>-baseline}; a name too long for that keeps its first 45 characters and adds 8 hex digits of
     * its sha256, so the Job's name fits the 63 characters of the label its pods carry.
     */
    static String jobName(ModelVersion version) {
        String name = version.getMetadata().getName();
        String suffix = "-baseline";
        if (name.length() + suffix.length() <= 63) {
            return name + suffix;
        }
        return name.substring(0, 45).replaceAll("-+$", "") + "-" + sha256(name).substring(0, 8) + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
