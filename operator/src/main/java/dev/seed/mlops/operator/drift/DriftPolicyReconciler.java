package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.FeatureScore;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Evaluates drift of an InferenceService's stable version every checkInterval and, on a sustained breach, asks the
 * Dataset for fresh data and retrains with an owned TrainingJob (or only alerts). Every decision is derived from
 * status and the caches, so a restarted operator carries on where it was.
 */
public class DriftPolicyReconciler implements Reconciler<DriftPolicy> {
    static final String INFERENCE_SERVICES = "drift-inferenceservices";
    static final String SERVING_PODS = "drift-serving-pods";
    static final String TRAINING_JOBS = "drift-trainingjobs";
    static final String MODEL_VERSIONS = "drift-modelversions";

    private final EventRecorder events;
    private final Clock clock;
    private final DriftMetrics metrics;
    private final DriftProviders providers;

    public DriftPolicyReconciler(EventRecorder events, Clock clock, DriftMetrics metrics, DriftProviders providers) {
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
        this.providers = providers;
    }

    @Override
    public List<EventSource<?, DriftPolicy>> prepareEventSources(EventSourceContext<DriftPolicy> context) {
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(InferenceService.class, DriftPolicy.class)
                        .withName(INFERENCE_SERVICES)
                        .withSecondaryToPrimaryMapper(isvc -> policies(context, isvc, p -> targets(p, isvc.getMetadata().getName())))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, DriftPolicy.class)
                        .withName(SERVING_PODS)
                        .withLabelSelector(Labels.INFERENCE_SERVICE)
                        .withSecondaryToPrimaryMapper(pod -> policies(context, pod,
                                p -> targets(p, pod.getMetadata().getLabels().get(Labels.INFERENCE_SERVICE))))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(TrainingJob.class, DriftPolicy.class)
                        .withName(TRAINING_JOBS)
                        .withLabelSelector(Labels.selector(Labels.DRIFT_POLICY))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelVersion.class, DriftPolicy.class)
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> policies(context, mv, p -> lastTriggered(p)
                                .filter(job -> job.equals(mv.getMetadata().getLabels() == null ? null : mv.getMetadata().getLabels().get(Labels.TRAINING_JOB)))
                                .isPresent()))
                        .build(), context));
    }

    private static Set<ResourceID> policies(EventSourceContext<DriftPolicy> context, HasMetadata secondary, Predicate<DriftPolicy> concerned) {
        return context.getPrimaryCache().list(secondary.getMetadata().getNamespace())
                .filter(concerned)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static boolean targets(DriftPolicy policy, String inferenceService) {
        return policy.getSpec() != null && policy.getSpec().getTargetRef().getName().equals(inferenceService);
    }

    private static Optional<String> lastTriggered(DriftPolicy policy) {
        return Optional.ofNullable(policy.getStatus()).map(DriftPolicyStatus::getLastTriggered).map(RetrainTrigger::getTrainingJob);
    }

    @Override
    public UpdateControl<DriftPolicy> reconcile(DriftPolicy policy, Context<DriftPolicy> context) {
        Instant now = clock.instant();
        DriftPolicyStatus status = StatusCopies.copyOrNew(policy.getStatus(), DriftPolicyStatus.class, DriftPolicyStatus::new);
        DriftPolicySpec spec = policy.getSpec();
        Duration interval = Durations.parse(spec.getCheckInterval());
        String namespace = policy.getMetadata().getNamespace();
        Optional<InferenceService> target = InformerCaches.named(context, INFERENCE_SERVICES, InferenceService.class)
                .get(new ResourceID(spec.getTargetRef().getName(), namespace));
        Duration untilNext = interval;
        if (target.isEmpty()) {
            targetMissing(policy, status, now);
        } else {
            ServingVersion stable = target.get().getStatus() == null ? null : target.get().getStatus().getStable();
            if (stable == null || stable.getVersion() == null) {
                setReady(policy, status, ConditionStatus.False, "NotServing", "InferenceService " + spec.getTargetRef().getName()
                        + " serves no version yet; drift is measured once it does", now);
                clearDegraded(policy, status, now);
            } else {
                Instant due = evaluationDue(policy, status, stable.getVersion(), interval);
                if (!due.isAfter(now)) {
                    evaluate(policy, status, target.get(), stable.getVersion(), context, now);
                    due = now.plus(interval);
                }
                untilNext = Duration.between(now, due);
            }
        }
        status.setPhase(phase(policy, status, progress(policy, status, target.orElse(null), context)));
        status.setObservedGeneration(policy.getMetadata().getGeneration());
        UpdateControl<DriftPolicy> control;
        if (StatusCopies.same(status, policy.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            policy.setStatus(status);
            control = UpdateControl.patchStatus(policy);
        }
        return control.rescheduleAfter(untilNext.plusMillis(100));
    }

    /**
     * Evaluations happen every checkInterval, whatever woke the reconcile; at once for a new spec or a new serving
     * version. A new version starts a new streak: its baseline is its own training data.
     */
    private static Instant evaluationDue(DriftPolicy policy, DriftPolicyStatus status, long servingVersion, Duration interval) {
        if (!Objects.equals(status.getServingVersion(), servingVersion)) {
            status.setServingVersion(servingVersion);
            status.setConsecutiveBreaches(0);
            status.setScores(new ArrayList<>());
            status.setMaxScore(null);
            status.setSamples(null);
            return Instant.MIN;
        }
        if (status.getLastEvaluated() == null || !Objects.equals(status.getObservedGeneration(), policy.getMetadata().getGeneration())) {
            return Instant.MIN;
        }
        return Timestamps.parse(status.getLastEvaluated()).plus(interval);
    }

    private void evaluate(DriftPolicy policy, DriftPolicyStatus status, InferenceService target, long version, Context<DriftPolicy> context, Instant now) {
        DriftPolicySpec spec = policy.getSpec();
        String isvc = target.getMetadata().getName();
        List<String> addresses = ServingPods.readyAddresses(InformerCaches.named(context, SERVING_PODS, Pod.class)
                .list(policy.getMetadata().getNamespace(), pod -> ServingPods.servesVersion(pod, isvc, version)).toList(), isvc, version);
        DriftTarget driftTarget = new DriftTarget(policy.getMetadata().getNamespace(), isvc, target.getSpec().getModel(), version, addresses);
        DriftReading reading;
        try {
            reading = providers.forPolicy(policy).read(driftTarget, spec.getMetric());
        } catch (DriftProviderException e) {
            providerFailed(policy, status, e.getMessage(), now);
            return;
        }
        clearDegraded(policy, status, now);
        DriftEvaluation evaluation = DriftEvaluation.of(reading, spec);
        status.setScores(new ArrayList<>(evaluation.scores()));
        status.setMaxScore(evaluation.maxScore());
        status.setSamples(evaluation.samples());
        status.setLastEvaluated(Timestamps.format(now));
        metrics.scores(policy, target.getSpec().getModel(), version, evaluation.scores().stream()
                .collect(Collectors.toMap(FeatureScore::getFeature, FeatureScore::getScore)));

        int before = status.getConsecutiveBreaches() == null ? 0 : status.getConsecutiveBreaches();
        RetrainProgress progress = progress(policy, status, target, context);
        boolean mayRetrain = spec.getAction() == DriftAction.Retrain && !progress.inFlight();
        BreachTracker.Step step = tracker(spec).next(state(status, before), evaluation.reading(), mayRetrain, now);
        status.setConsecutiveBreaches(step.consecutiveBreaches());
        status.setRecentTriggers(new ArrayList<>(step.recentTriggers().stream().map(Timestamps::format).toList()));
        String streak = evaluation.summary() + " for " + (before + 1) + " consecutive check" + (before == 0 ? "" : "s");
        if (step.newlySustained()) {
            events.warning(policy, EventReason.DriftDetected, streak + " on " + driftTarget.describe()
                    + (spec.getAction() == DriftAction.AlertOnly ? "; action AlertOnly: no retrain" : ""));
        }
        if (step.cleared()) {
            events.normal(policy, EventReason.DriftCleared, evaluation.summary());
        }
        switch (step.outcome()) {
            case INCONCLUSIVE -> setReady(policy, status, ConditionStatus.True, "Inconclusive", evaluation.summary(), now);
            case CLEAR -> setReady(policy, status, ConditionStatus.True, "NoDrift", evaluation.summary(), now);
            case BREACHING -> setReady(policy, status, ConditionStatus.True, "Breaching", evaluation.summary() + " (" + step.consecutiveBreaches()
                    + " of " + spec.getConsecutiveBreaches() + " consecutive checks before acting)", now);
            case SUSTAINED -> setReady(policy, status, ConditionStatus.True, "DriftSustained", streak
                    + (spec.getAction() == DriftAction.AlertOnly ? "; action AlertOnly" : "; retrain " + lastTriggered(policy).orElse("") + " is in flight"), now);
            case SUPPRESSED -> suppressed(policy, status, streak + "; retrain suppressed by " + step.suppressedWhy(), now);
            case TRIGGER -> trigger(policy, status, streak, context, now);
        }
    }

    private void trigger(DriftPolicy policy, DriftPolicyStatus status, String reason, Context<DriftPolicy> context, Instant now) {
        String name = RetrainJobs.nextName(policy);
        String namespace = policy.getMetadata().getNamespace();
        String dataset = policy.getSpec().getRetrain().getTemplate().getDatasetRef().getName();
        requestFreshData(context, namespace, dataset, now);
        Instant requestedAt = now;
        try {
            TrainingJob created = context.getClient().resource(RetrainJobs.desired(policy, name, now)).create();
            InformerCaches.named(context, TRAINING_JOBS, TrainingJob.class).handleRecentResourceCreate(ResourceID.fromResource(created), created);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // A retried reconcile (its status patch was lost) asks for the same name: adopt what it made.
            TrainingJob existing = context.getClient().resources(TrainingJob.class).inNamespace(namespace).withName(name).get();
            if (existing == null || !RetrainJobs.ownedBy(existing, policy)) {
                throw new IllegalStateException("TrainingJob " + name + " already exists and is not owned by DriftPolicy "
                        + policy.getMetadata().getName() + "; rename or delete it");
            }
            requestedAt = Optional.ofNullable(existing.getMetadata().getAnnotations()).map(a -> a.get(Labels.SNAPSHOT_AFTER))
                    .map(Timestamps::parse).orElse(now);
        }
        RetrainTrigger trigger = new RetrainTrigger();
        trigger.setTrainingJob(name);
        trigger.setTime(Timestamps.format(requestedAt));
        trigger.setReason(reason);
        status.setLastTriggered(trigger);
        metrics.retrainTriggered(policy);
        String message = "created TrainingJob " + name + " after asking Dataset " + dataset + " for fresh data: " + reason;
        events.normal(policy, EventReason.RetrainTriggered, message);
        setReady(policy, status, ConditionStatus.True, "RetrainTriggered", message, now);
    }

    /** Metadata only: the Dataset's spec belongs to its author. The Dataset reconciler prepares again on seeing it. */
    private static void requestFreshData(Context<DriftPolicy> context, String namespace, String dataset, Instant now) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + Labels.REFRESH_REQUESTED_AT + "\":\"" + Timestamps.format(now) + "\"}}}";
        try {
            context.getClient().resources(Dataset.class).inNamespace(namespace).withName(dataset)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            // No Dataset: the TrainingJob says DatasetNotFound, which is where a user looks.
        }
    }

    private void suppressed(DriftPolicy policy, DriftPolicyStatus status, String message, Instant now) {
        boolean already = Conditions.find(status, Conditions.READY).map(c -> "RetrainSuppressed".equals(c.getReason())).orElse(false);
        setReady(policy, status, ConditionStatus.True, "RetrainSuppressed", message, now);
        if (!already) {
            events.normal(policy, EventReason.RetrainSuppressed, message);
        }
    }

    private void providerFailed(DriftPolicy policy, DriftPolicyStatus status, String message, Instant now) {
        boolean already = Conditions.isTrue(status, Conditions.DEGRADED);
        Conditions.set(status, Conditions.DEGRADED, ConditionStatus.True, EventReason.DriftProviderFailed.name(), message,
                policy.getMetadata().getGeneration(), now);
        setReady(policy, status, ConditionStatus.False, EventReason.DriftProviderFailed.name(),
                "drift could not be read; the breach count holds until it can: " + message, now);
        if (!already) {
            events.warning(policy, EventReason.DriftProviderFailed, message);
        }
    }

    private void targetMissing(DriftPolicy policy, DriftPolicyStatus status, Instant now) {
        String name = policy.getSpec().getTargetRef().getName();
        String message = "InferenceService " + name + " does not exist; create it or fix spec.targetRef.name";
        boolean already = Conditions.find(status, Conditions.DEGRADED).map(c -> EventReason.TargetNotFound.name().equals(c.getReason())).orElse(false);
        Conditions.set(status, Conditions.DEGRADED, ConditionStatus.True, EventReason.TargetNotFound.name(), message,
                policy.getMetadata().getGeneration(), now);
        setReady(policy, status, ConditionStatus.False, EventReason.TargetNotFound.name(), message, now);
        if (!already) {
            events.warning(policy, EventReason.TargetNotFound, message);
        }
    }

    private static void clearDegraded(DriftPolicy policy, DriftPolicyStatus status, Instant now) {
        Conditions.set(status, Conditions.DEGRADED, ConditionStatus.False, "DriftReadable", "drift statistics can be read",
                policy.getMetadata().getGeneration(), now);
    }

    private static void setReady(DriftPolicy policy, DriftPolicyStatus status, ConditionStatus value, String reason, String message, Instant now) {
        Conditions.set(status, Conditions.READY, value, reason, message, policy.getMetadata().getGeneration(), now);
    }

    private static String phase(DriftPolicy policy, DriftPolicyStatus status, RetrainProgress progress) {
        if (Conditions.isTrue(status, Conditions.DEGRADED)) {
            return DriftPhase.DEGRADED;
        }
        return switch (progress) {
            case TRAINING -> DriftPhase.RETRAINING;
            case REPLACING -> DriftPhase.REPLACING;
            case NONE -> Optional.ofNullable(status.getConsecutiveBreaches()).orElse(0) >= policy.getSpec().getConsecutiveBreaches()
                    ? DriftPhase.DRIFTING : DriftPhase.HEALTHY;
        };
    }

    private static RetrainProgress progress(DriftPolicy policy, DriftPolicyStatus status, InferenceService target, Context<DriftPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        Optional<TrainingJob> trainingJob = Optional.ofNullable(status.getLastTriggered()).map(RetrainTrigger::getTrainingJob)
                .flatMap(name -> InformerCaches.named(context, TRAINING_JOBS, TrainingJob.class).get(new ResourceID(name, namespace)));
        Optional<ModelVersion> modelVersion = trainingJob.map(tj -> tj.getStatus() == null ? null : tj.getStatus().getModelVersion())
                .flatMap(name -> InformerCaches.named(context, MODEL_VERSIONS, ModelVersion.class).get(new ResourceID(name, namespace)));
        return RetrainProgress.of(trainingJob, modelVersion, target);
    }

    private static BreachTracker tracker(DriftPolicySpec spec) {
        var retrain = spec.getRetrain();
        return new BreachTracker(new BreachTracker.Limits(spec.getConsecutiveBreaches(),
                retrain == null ? Duration.ZERO : Durations.parse(retrain.getCooldown()),
                retrain == null ? Integer.MAX_VALUE : retrain.getMaxPerDay()));
    }

    private static BreachTracker.State state(DriftPolicyStatus status, int consecutiveBreaches) {
        Instant last = Optional.ofNullable(status.getLastTriggered()).map(RetrainTrigger::getTime).map(Timestamps::parse).orElse(null);
        return new BreachTracker.State(consecutiveBreaches, last, status.getRecentTriggers().stream().map(Timestamps::parse).toList());
    }

}
