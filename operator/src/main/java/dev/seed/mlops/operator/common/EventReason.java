package dev.seed.mlops.operator.common;

/** Every reason the operator records an event with; kubectl get events --field-selector reason=... finds them. */
public enum EventReason {
    PrepareStarted,
    SnapshotPrepared,
    ValidationFailed,
    PrepareFailed,
    DatasetNotFound,
    WaitingForSnapshot,
    TrainingStarted,
    TrainingSucceeded,
    TrainingFailed,
    TrainingRetried,
    ModelVersionRegistered,
    ModelValidated,
    ModelRejected,
    StageChanged,
    NoServableVersion,
    ServingStarted,
    CanaryStarted,
    CanaryStepAdvanced,
    CanaryAnalysisFailed,
    Promoted,
    RolledBack,
    DeletionBlocked,
    WaitingForFreshData,
    TargetNotFound,
    DriftDetected,
    DriftCleared,
    RetrainTriggered,
    RetrainSuppressed,
    DriftProviderFailed
}
