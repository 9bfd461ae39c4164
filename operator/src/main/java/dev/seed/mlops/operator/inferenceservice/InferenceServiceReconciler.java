package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.AnalysisResult;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftWindow;
import dev.seed.mlops.api.v1alpha1.RetireSpec;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Serves an InferenceService's model and replaces its version through the canary. Every decision is taken from
 * status and the cluster's state, so an operator restarted mid-canary resumes where it was.
 */
public class InferenceServiceReconciler implements Reconciler<InferenceService> {
    static final String MODEL_VERSIONS = "modelversions";
    static final String DRIFT_POLICIES = "driftpolicies";
    static final int HISTORY = 20;

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final CanaryMetrics canaryMetrics;
    private final RolloutMetrics rolloutMetrics;

    public InferenceServiceReconciler(OperatorSettings settings, EventRecorder events, Clock clock, CanaryMetrics canaryMetrics,
            RolloutMetrics rolloutMetrics) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.canaryMetrics = canaryMetrics;
        this.rolloutMetrics = rolloutMetrics;
    }

    @Override
    public List<EventSource<?, InferenceService>> prepareEventSources(EventSourceContext<InferenceService> context) {
        String selector = Labels.selector(Labels.INFERENCE_SERVICE) + "," + Labels.COMPONENT + "=" + ServingObjects.COMPONENT;
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, InferenceService.class)
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, InferenceService.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.INFERENCE_SERVICE)).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelVersion.class, InferenceService.class)
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> servicesOfModel(context, mv.getSpec().getModel(), mv.getMetadata().getNamespace()))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(DriftPolicy.class, InferenceService.class)
                        .withName(DRIFT_POLICIES)
                        .withSecondaryToPrimaryMapper(dp -> Set.of(new ResourceID(dp.getSpec().getTargetRef().getName(), dp.getMetadata().getNamespace())))
                        .build(), context));
    }

    private static Set<ResourceID> servicesOfModel(EventSourceContext<InferenceService> context, String model, String namespace) {
        return context.getPrimaryCache().list(namespace).filter(isvc -> model.equals(isvc.getSpec().getModel()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<InferenceService> reconcile(InferenceService isvc, Context<InferenceService> context) {
        Instant now = clock.instant();
        InferenceServiceStatus status = StatusCopies.copyOrNew(isvc.getStatus(), InferenceServiceStatus.class, InferenceServiceStatus::new);
        long generation = isvc.getMetadata().getGeneration();
        List<ModelVersion> versions = InformerCaches.named(context, MODEL_VERSIONS, ModelVersion.class).list(isvc.getMetadata().getNamespace()).toList();
        Optional<ModelVersion> target = VersionResolver.target(withStatus(isvc, status), versions);

        if (status.getStable() == null) {
            if (target.isEmpty()) {
                return noServableVersion(isvc, status, now);
            }
            status.setStable(serving(isvc, target.get()));
            events.normal(isvc, EventReason.ServingStarted, "serving " + target.get().getMetadata().getName());
        } else if (status.getCanary() == null && target.isPresent() && !target.get().getSpec().getVersion().equals(status.getStable().getVersion())) {
            status.setCanary(CanaryStateMachine.start(target.get().getSpec().getVersion(), target.get().getMetadata().getName(),
                    isvc.getSpec().getCanary().getSteps(), now));
            events.normal(isvc, EventReason.CanaryStarted, "replacing v" + status.getStable().getVersion() + " with " + target.get().getMetadata().getName()
                    + " through a canary at " + status.getCanary().getWeight() + "%");
        }
        if (status.getCanary() != null) {
            advanceCanary(isvc, status, context, versions, now);
        }
        applyServingObjects(isvc, status, context, versions, now);
        report(isvc, status, context, generation, now);

        UpdateControl<InferenceService> control = StatusCopies.same(status, isvc.getStatus()) ? UpdateControl.noUpdate() : patch(isvc, status);
        if (status.getCanary() != null) {
            control.rescheduleAfter(Durations.parse(isvc.getSpec().getCanary().getAnalysis().getInterval()).plusMillis(100));
        }
        return control;
    }

    private void advanceCanary(InferenceService isvc, InferenceServiceStatus status, Context<InferenceService> context,
            List<ModelVersion> versions, Instant now) {
        CanaryStatus canary = status.getCanary();
        var strategy = isvc.getSpec().getCanary();
        if (readyReplicas(context, isvc, canary.getVersion()) < Replicas.canary(total(isvc), canary.getWeight())) {
            return;
        }
        if (CanaryStateMachine.measurementDue(canary, strategy.getAnalysis(), now)) {
            measure(isvc, status, now);
        }
        switch (CanaryStateMachine.decide(canary, strategy.getSteps(), strategy.getAnalysis(), now)) {
            case Hold -> { }
            case Advance -> events.normal(isvc, EventReason.CanaryStepAdvanced, "canary v" + canary.getVersion() + " at step "
                    + canary.getStep() + ": " + canary.getWeight() + "% of the pods");
            case Promote -> promote(isvc, status, context, versions, now);
            case Rollback -> rollBack(isvc, status, now);
        }
    }

    private void measure(InferenceService isvc, InferenceServiceStatus status, Instant now) {
        CanaryStatus canary = status.getCanary();
        CanaryMetrics.Counters since = new CanaryMetrics.Counters(
                Objects.requireNonNullElse(canary.getRequestsSoFar(), 0L), Objects.requireNonNullElse(canary.getErrorsSoFar(), 0L));
        try {
            CanaryMetrics.Reading reading = canaryMetrics.measure(isvc, canary.getVersion(), status.getStable().getVersion(), since);
            AnalysisResult result = CanaryStateMachine.judge(canary, isvc.getSpec().getCanary().getAnalysis(), reading.measurement(), now);
            canary.setRequestsSoFar(reading.counters().requests());
            canary.setErrorsSoFar(reading.counters().errors());
            if (CanaryStateMachine.FAIL.equals(result.getOutcome())) {
                events.warning(isvc, EventReason.CanaryAnalysisFailed, "canary v" + canary.getVersion() + ": " + result.getMessage()
                        + " (" + canary.getFailures() + " of " + (isvc.getSpec().getCanary().getAnalysis().getFailureLimit() + 1) + " failures roll back)");
            }
        } catch (Exception e) {
            // Unmeasurable is no data: Inconclusive, never a pass and never a failure.
            AnalysisResult result = CanaryStateMachine.judge(canary, isvc.getSpec().getCanary().getAnalysis(),
                    new CanaryMeasurement(0, 0, Double.NaN, Double.NaN), now);
            result.setMessage("could not measure the canary: " + e.getMessage());
        }
    }

    private void promote(InferenceService isvc, InferenceServiceStatus status, Context<InferenceService> context, List<ModelVersion> versions, Instant now) {
        CanaryStatus canary = status.getCanary();
        long replaced = status.getStable().getVersion();
        ModelVersion promoted = versions.stream().filter(mv -> mv.getMetadata().getName().equals(canary.getModelVersion())).findFirst().orElse(null);
        String reason = "replaced v" + replaced + driftReason(isvc, context, promoted).map(r -> "; retrained after drift: " + r).orElse("");
        record(status, canary.getVersion(), RolloutOutcome.PROMOTED, reason, now);
        status.setStable(promoted == null ? status.getStable() : serving(isvc, promoted));
        status.setCanary(null);
        rolloutMetrics.rolloutEnded(isvc.getMetadata().getNamespace(), isvc.getMetadata().getName(), "promoted");
        events.normal(isvc, EventReason.Promoted, "promoted v" + canary.getVersion() + ": " + reason);
    }

    private void rollBack(InferenceService isvc, InferenceServiceStatus status, Instant now) {
        String reason = CanaryStateMachine.rollbackReason(status.getCanary());
        record(status, status.getCanary().getVersion(), RolloutOutcome.ROLLED_BACK, reason, now);
        status.setCanary(null);
        rolloutMetrics.rolloutEnded(isvc.getMetadata().getNamespace(), isvc.getMetadata().getName(), "rolled_back");
        events.warning(isvc, EventReason.RolledBack, reason + "; v" + status.getStable().getVersion() + " keeps serving");
    }

    /** The DriftPolicy retrain that produced the promoted version, if one did: its reason names feature and score. */
    private static Optional<String> driftReason(InferenceService isvc, Context<InferenceService> context, ModelVersion promoted) {
        if (promoted == null || promoted.getSpec().getSource() == null || promoted.getSpec().getSource().getTrainingJob() == null) {
            return Optional.empty();
        }
        String trainingJob = promoted.getSpec().getSource().getTrainingJob();
        return InformerCaches.named(context, DRIFT_POLICIES, DriftPolicy.class).list(isvc.getMetadata().getNamespace())
                .filter(dp -> isvc.getMetadata().getName().equals(dp.getSpec().getTargetRef().getName()))
                .filter(dp -> dp.getStatus() != null && dp.getStatus().getLastTriggered() != null)
                .filter(dp -> trainingJob.equals(dp.getStatus().getLastTriggered().getTrainingJob()))
                .map(dp -> dp.getStatus().getLastTriggered().getReason())
                .findFirst();
    }

    private void applyServingObjects(InferenceService isvc, InferenceServiceStatus status, Context<InferenceService> context, List<ModelVersion> versions, Instant now) {
        var client = context.getClient();
        int total = total(isvc);
        CanaryStatus canary = status.getCanary();
        long stable = status.getStable().getVersion();
        boolean autoscaled = isvc.getSpec().getAutoscaling() != null;
        DriftWindow window = policyWatching(isvc, context).map(dp -> dp.getSpec().getWindow()).orElse(null);
        Integer stableReplicas = canary != null ? Integer.valueOf(Replicas.stable(total, canary.getWeight())) : autoscaled ? null : Integer.valueOf(total);
        apply(client, ServingObjects.deployment(isvc, version(versions, status.getStable().getModelVersion()), stableReplicas, window, settings));
        apply(client, ServingObjects.versionService(isvc, stable));
        if (canary != null) {
            apply(client, ServingObjects.deployment(isvc, version(versions, canary.getModelVersion()), Replicas.canary(total, canary.getWeight()), window, settings));
            apply(client, ServingObjects.versionService(isvc, canary.getVersion()));
        }
        apply(client, ServingObjects.trafficService(isvc));
        apply(client, ServingObjects.disruptionBudget(isvc));
        if (autoscaled) {
            apply(client, ServingObjects.autoscaler(isvc, stable));
        } else {
            client.resources(HorizontalPodAutoscaler.class).inNamespace(isvc.getMetadata().getNamespace()).withName(isvc.getMetadata().getName()).delete();
        }
        retireOtherDeployments(isvc, status, context, now);
    }

    /**
     * Versions that no longer serve: a rolled-back canary is deleted; a promoted-away version is scaled to zero and
     * kept for a fast manual rollback — the newest retire.keepPrevious of them, each for retire.deleteAfter (from the
     * DriftPolicy that watches this service, else one kept for a week). Nothing is removed before the stable version
     * is fully ready again, so no request meets an empty Service.
     */
    private void retireOtherDeployments(InferenceService isvc, InferenceServiceStatus status, Context<InferenceService> context, Instant now) {
        long stable = status.getStable().getVersion();
        Long canary = status.getCanary() == null ? null : status.getCanary().getVersion();
        int wanted = status.getCanary() != null ? Replicas.stable(total(isvc), status.getCanary().getWeight()) : total(isvc);
        if (readyReplicas(context, isvc, stable) < Math.min(wanted, total(isvc))) {
            return;
        }
        Set<Long> rolledBack = status.getHistory().stream().filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome()))
                .map(RolloutRecord::getVersion).collect(Collectors.toSet());
        RetireSpec retire = policyWatching(isvc, context).map(dp -> dp.getSpec().getRetire()).orElseGet(RetireSpec::new);
        List<Deployment> retired = context.getSecondaryResources(Deployment.class).stream()
                .filter(d -> versionOf(d) != stable && !Objects.equals(versionOf(d), canary))
                .sorted(Comparator.comparingLong(InferenceServiceReconciler::versionOf).reversed())
                .toList();
        var deployments = context.getClient().apps().deployments().inNamespace(isvc.getMetadata().getNamespace());
        int kept = 0;
        for (Deployment deployment : retired) {
            long version = versionOf(deployment);
            boolean expired = replacedAt(status, version).map(at -> !now.isBefore(at.plus(Durations.parse(retire.getDeleteAfter())))).orElse(false);
            if (rolledBack.contains(version) || kept >= retire.getKeepPrevious() || expired) {
                deployments.withName(deployment.getMetadata().getName()).delete();
                context.getClient().services().inNamespace(isvc.getMetadata().getNamespace()).withName(deployment.getMetadata().getName()).delete();
                continue;
            }
            kept++;
            if (deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() != 0) {
                deployments.withName(deployment.getMetadata().getName()).scale(0);
            }
        }
    }

    /** When a newer version was promoted over this one: the oldest promotion above it in the history. */
    private static Optional<Instant> replacedAt(InferenceServiceStatus status, long version) {
        return status.getHistory().stream()
                .filter(r -> RolloutOutcome.PROMOTED.equals(r.getOutcome()) && r.getVersion() != null && r.getVersion() > version)
                .map(r -> Timestamps.parse(r.getTime()))
                .min(Comparator.naturalOrder());
    }

    private static long versionOf(Deployment deployment) {
        return Long.parseLong(deployment.getMetadata().getLabels().get(Labels.VERSION));
    }

    private static Optional<DriftPolicy> policyWatching(InferenceService isvc, Context<InferenceService> context) {
        return InformerCaches.named(context, DRIFT_POLICIES, DriftPolicy.class).list(isvc.getMetadata().getNamespace())
                .filter(dp -> isvc.getMetadata().getName().equals(dp.getSpec().getTargetRef().getName()))
                .min(Comparator.comparing(dp -> dp.getMetadata().getName()));
    }

    private void report(InferenceService isvc, InferenceServiceStatus status, Context<InferenceService> context, long generation, Instant now) {
        String ns = isvc.getMetadata().getNamespace();
        int ready = readyReplicas(context, isvc, status.getStable().getVersion());
        status.getStable().setReadyReplicas(ready);
        status.setUrl("http://" + isvc.getMetadata().getName() + "." + ns + ".svc.cluster.local/v2/models/" + isvc.getSpec().getModel());
        boolean lastRolledBack = !status.getHistory().isEmpty() && RolloutOutcome.ROLLED_BACK.equals(status.getHistory().get(0).getOutcome());
        String stableName = status.getStable().getModelVersion();
        Conditions.set(status, Conditions.READY, ready > 0 ? ConditionStatus.True : ConditionStatus.False,
                ready > 0 ? "Serving" : "WaitingForPods", ready > 0 ? stableName + " serves with " + ready + " ready pods"
                        : "waiting for pods of " + stableName + " to load the model and pass readiness", generation, now);
        if (status.getCanary() != null) {
            CanaryStatus c = status.getCanary();
            Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Canary", "canary " + c.getModelVersion() + " at step " + c.getStep()
                    + " (" + c.getWeight() + "%), " + c.getFailures() + " failed measurements", generation, now);
        } else {
            Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Stable", "no replacement in progress", generation, now);
        }
        Conditions.set(status, Conditions.DEGRADED, lastRolledBack ? ConditionStatus.True : ConditionStatus.False,
                lastRolledBack ? "RolledBack" : "Healthy", lastRolledBack ? status.getHistory().get(0).getReason()
                        + "; publish a better version or pin one" : "the last replacement succeeded or none happened", generation, now);
        status.setPhase(status.getCanary() != null ? "Progressing" : ready == 0 ? "Pending" : lastRolledBack ? "Degraded" : "Ready");
        status.setObservedGeneration(generation);
    }

    private UpdateControl<InferenceService> noServableVersion(InferenceService isvc, InferenceServiceStatus status, Instant now) {
        long generation = isvc.getMetadata().getGeneration();
        String message = isvc.getSpec().getVersion() != null
                ? "version " + isvc.getSpec().getVersion() + " of model " + isvc.getSpec().getModel() + " does not exist"
                : "model " + isvc.getSpec().getModel() + " has no Validated version yet";
        boolean changed = !Conditions.find(status, Conditions.READY).map(c -> "NoServableVersion".equals(c.getReason())).orElse(false);
        status.setPhase("Pending");
        Conditions.set(status, Conditions.READY, ConditionStatus.False, "NoServableVersion", message, generation, now);
        status.setObservedGeneration(generation);
        if (changed) {
            events.normal(isvc, EventReason.NoServableVersion, message);
        }
        return StatusCopies.same(status, isvc.getStatus()) ? UpdateControl.noUpdate() : patch(isvc, status);
    }

    private static void record(InferenceServiceStatus status, long version, String outcome, String reason, Instant now) {
        RolloutRecord record = new RolloutRecord();
        record.setVersion(version);
        record.setOutcome(outcome);
        record.setReason(reason);
        record.setTime(Timestamps.format(now));
        status.getHistory().add(0, record);
        while (status.getHistory().size() > HISTORY) {
            status.getHistory().remove(status.getHistory().size() - 1);
        }
    }

    private static ServingVersion serving(InferenceService isvc, ModelVersion version) {
        ServingVersion serving = new ServingVersion();
        serving.setVersion(version.getSpec().getVersion());
        serving.setModelVersion(version.getMetadata().getName());
        serving.setDeployment(ServingObjects.deploymentName(isvc, version.getSpec().getVersion()));
        serving.setReadyReplicas(0);
        return serving;
    }

    private static ModelVersion version(List<ModelVersion> versions, String name) {
        return versions.stream().filter(mv -> mv.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("ModelVersion " + name + " is not in the cache yet"));
    }

    private static int readyReplicas(Context<InferenceService> context, InferenceService isvc, long version) {
        return context.getSecondaryResources(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(ServingObjects.deploymentName(isvc, version)))
                .map(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas())
                .findFirst().orElse(0);
    }

    static int total(InferenceService isvc) {
        if (isvc.getSpec().getAutoscaling() != null) {
            return isvc.getSpec().getAutoscaling().getMinReplicas();
        }
        return isvc.getSpec().getReplicas() == null ? 1 : isvc.getSpec().getReplicas();
    }

    private static void apply(io.fabric8.kubernetes.client.KubernetesClient client, HasMetadata object) {
        client.resource(object).fieldManager("mlops-operator").forceConflicts().serverSideApply();
    }

    private static InferenceService withStatus(InferenceService isvc, InferenceServiceStatus status) {
        InferenceService copy = new InferenceService();
        copy.setMetadata(isvc.getMetadata());
        copy.setSpec(isvc.getSpec());
        copy.setStatus(status);
        return copy;
    }

    private static UpdateControl<InferenceService> patch(InferenceService isvc, InferenceServiceStatus status) {
        isvc.setStatus(status);
        return UpdateControl.patchStatus(isvc);
    }

}
