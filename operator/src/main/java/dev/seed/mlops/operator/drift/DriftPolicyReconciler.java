package dev.seed.mlops.operator.drift;

import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.LeanItemStore;
import dev.seed.mlops.operator.common.Measurements;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusSkeleton;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Observe (caches and the kept drift readings), plan ({@link DriftPlanner}), act: ask for a reading off the reconcile
 * thread (ahead, to be taken when the check is due), start a planned retrain, record events and gauges, patch status if a field users read changed
 * ({@link UnwrittenStatuses}). Called on delete events too
 * (no finalizer needed), to drop a deleted policy's gauges and readings at once.
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class DriftPolicyReconciler implements Reconciler<DriftPolicy> {
    static final String INFERENCE_SERVICES = "drift-inferenceservices";
    static final String SERVING_PODS = "drift-serving-pods";
    static final String TRAINING_JOBS = "drift-trainingjobs";
    static final String MODEL_VERSIONS = "drift-modelversions";
    static final String QUALITY_JOBS = "drift-quality-jobs";
    static final String QUALITY_PODS = "drift-quality-pods";
    /** The longest a reading may take; the built-in providers time out sooner (5 s per pod, 10 s for Prometheus). */
    static final Duration READING_TIMEOUT = Duration.ofSeconds(20);

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final DriftMetrics metrics;
    private final DriftProviders providers;
    private final Measurements<DriftPolicy, ReadingKey, DriftReading> readings;
    private final UnwrittenStatuses statuses = new UnwrittenStatuses();

    private InformerEventSource<Job, DriftPolicy> qualityJobs;

    public DriftPolicyReconciler(OperatorSettings settings, EventRecorder events, Clock clock, DriftMetrics metrics, DriftProviders providers) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
        this.providers = providers;
        this.readings = new Measurements<>("drift-readings", clock, READING_TIMEOUT);
    }

    @Override
    public List<EventSource<?, DriftPolicy>> prepareEventSources(EventSourceContext<DriftPolicy> context) {
        var policies = context.getPrimaryCache();
        PolicyIndexes.index(policies);
        qualityJobs = new InformerEventSource<>(lean(Job.class)
                .withName(QUALITY_JOBS)
                .withLabelSelector(QualityJobs.SELECTOR)
                .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.DRIFT_POLICY))
                .build(), context);
        return List.of(qualityJobs,
                new InformerEventSource<>(lean(Pod.class)
                        .withName(QUALITY_PODS)
                        .withLabelSelector(QualityJobs.SELECTOR)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.DRIFT_POLICY))
                        .build(), context),
                new InformerEventSource<>(lean(InferenceService.class)
                        .withName(INFERENCE_SERVICES)
                        .withSecondaryToPrimaryMapper(isvc -> PolicyIndexes.targeting(policies, isvc.getMetadata().getNamespace(),
                                isvc.getMetadata().getName()))
                        .build(), context),
                new InformerEventSource<>(lean(Pod.class)
                        .withName(SERVING_PODS)
                        .withLabelSelector(Labels.INFERENCE_SERVICE)
                        .withSecondaryToPrimaryMapper(pod -> PolicyIndexes.targeting(policies, pod.getMetadata().getNamespace(),
                                pod.getMetadata().getLabels().get(Labels.INFERENCE_SERVICE)))
                        .build(), context),
                new InformerEventSource<>(lean(TrainingJob.class)
                        .withName(TRAINING_JOBS)
                        .withLabelSelector(Labels.selector(Labels.DRIFT_POLICY))
                        .build(), context),
                new InformerEventSource<>(lean(ModelVersion.class)
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> PolicyIndexes.retrainedBy(policies, mv.getMetadata().getNamespace(),
                                mv.getMetadata().getLabels() == null ? null : mv.getMetadata().getLabels().get(Labels.TRAINING_JOB)))
                        .build(), context),
                readings.eventSource());
    }

    /** An informer of this controller: none of them reads managedFields, so their caches keep none (issue 19). */
    private <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> lean(Class<R> type) {
        return LeanItemStore.lean(InformerEventSourceConfiguration.from(type, DriftPolicy.class), settings.namespaces());
    }

    @Override
    public UpdateControl<DriftPolicy> reconcile(DriftPolicy policy, Context<DriftPolicy> context) {
        if (context.isPrimaryResourceDeleted()) {
            metrics.forget(policy);
            readings.forget(ResourceID.fromResource(policy));
            statuses.forget(policy);
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        DriftObservation seen = DriftObservations.of(policy, context, readings, now);
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<DriftPolicy>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        DriftPlan plan = DriftPlanner.next(policy.getMetadata().getName(), policy.getMetadata().getUid(), policy.getSpec(),
                policy.getMetadata().getGeneration(), statuses.current(policy), seen, now);
        ResourceID id = ResourceID.fromResource(policy);
        // The planner asks for readings only of a target it sees.
        plan.measure().ifPresentOrElse(key -> readings.request(id, key, key.due(), () -> read(policy, seen.target().orElseThrow(), key)),
                () -> readings.withdraw(id));
        plan.qualityJob().ifPresent(order -> OwnedJobs.create(context, QualityJobs.desired(policy, policy.getSpec().getTargetRef().getName(),
                order, settings), qualityJobs).ifPresent(holder -> {
                    // The evaluation is lost: the planner finds no Job of its own under that name and says so.
                    events.warning(policy, EventReason.QualityEvaluationFailed, "Job " + order.name() + " already exists and belongs to "
                            + Owners.describe(holder));
                }));
        plan.retrain().filter(order -> RetrainJobs.start(policy, order, context)).ifPresent(order -> metrics.retrainTriggered(policy));
        plan.quality().ifPresent(values -> metrics.quality(policy, values));
        plan.scores().ifPresent(scores -> metrics.scores(policy, seen.target().orElseThrow().model(), plan.status().getServingVersion(), scores));
        plan.retrainEnded().ifPresent(state -> metrics.retrainEnded(policy, state));
        plan.events().forEach(event -> {
            if (event.warning()) {
                events.warning(policy, event.reason(), event.message());
            } else {
                events.normal(policy, event.reason(), event.message());
            }
        });
        return statuses.write(policy, plan.status()).rescheduleAfter(plan.requeueAfter().plusMillis(100));
    }

    private CompletableFuture<DriftReading> read(DriftPolicy policy, DriftObservation.Target target, ReadingKey key) {
        return providers.forPolicy(policy).readAsync(new DriftTarget(policy.getMetadata().getNamespace(), target.name(), target.model(),
                key.version(), target.readyPods(), policy.getSpec().getMinSamples()), policy.getSpec().getMetric(), ForkJoinPool.commonPool());
    }

    @Override
    public ErrorStatusUpdateControl<DriftPolicy> updateErrorStatus(DriftPolicy policy, Context<DriftPolicy> context, Exception e) {
        return StatusSkeleton.error(policy, DriftPolicyStatus.class, DriftPolicyStatus::new, e, clock.instant());
    }
}
