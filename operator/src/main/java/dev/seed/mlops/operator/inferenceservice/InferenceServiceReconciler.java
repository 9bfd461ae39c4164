package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.LastApplied;
import dev.seed.mlops.operator.common.LeanItemStore;
import dev.seed.mlops.operator.common.Measurements;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusSkeleton;
import dev.seed.mlops.operator.drift.QualityJobs;
import dev.seed.mlops.operator.inferenceservice.CanaryMetrics.ServingPod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Serves an InferenceService's model and replaces its version through the canary: observe (caches and the latest
 * canary measurement), plan ({@link RolloutPlanner}, pure), act (apply the plan, start the measurement it asks for,
 * record its events). All state is in status, so an operator restarted mid-canary resumes where it was; what is kept
 * in memory for a service (its latest measurement, its previous scrape, what was last applied) is dropped when the service is deleted.
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class InferenceServiceReconciler implements Reconciler<InferenceService> {
    static final String MODEL_VERSIONS = "modelversions";
    static final String DRIFT_POLICIES = "driftpolicies";
    static final String PODS = "serving-pods";
    static final String QUALITY_JOBS = "canary-quality-jobs";
    static final String QUALITY_PODS = "canary-quality-pods";
    /** Selects the canary quality Jobs and their pods. */
    static final String QUALITY_SELECTOR = Labels.selector(Labels.INFERENCE_SERVICE) + "," + Labels.COMPONENT + "=" + CanaryQuality.COMPONENT;
    /** How often children the operator does not watch (ServiceAccount, Role, RoleBinding, ConfigMap, PDB) are applied anyway. */
    static final Duration UNWATCHED_REFRESH = Duration.ofMinutes(10);

    private final EventRecorder events;
    private final Clock clock;
    private final CanaryMetrics canaryMetrics;
    private final RolloutMetrics rolloutMetrics;
    private final ServingApplier applier;
    private final CanaryIntervals intervals = new CanaryIntervals();
    private final Measurements<InferenceService, CanaryKey, CanaryReading> measurements;
    private final Set<String> namespaces;
    private final OperatorSettings settings;
    private InformerEventSource<Job, InferenceService> qualityJobs;

    public InferenceServiceReconciler(OperatorSettings settings, EventRecorder events, Clock clock, CanaryMetrics canaryMetrics,
            RolloutMetrics rolloutMetrics, io.fabric8.kubernetes.client.KubernetesClient client) {
        this.events = events;
        this.clock = clock;
        this.canaryMetrics = canaryMetrics;
        this.rolloutMetrics = rolloutMetrics;
        this.applier = new ServingApplier(client, settings, new LastApplied(clock, UNWATCHED_REFRESH));
        this.measurements = new Measurements<>("canary-measurements", clock, Duration.ofSeconds(10));
        this.namespaces = settings.namespaces();
        this.settings = settings;
    }

    @Override
    public List<EventSource<?, InferenceService>> prepareEventSources(EventSourceContext<InferenceService> context) {
        String selector = Labels.selector(Labels.INFERENCE_SERVICE) + "," + Labels.COMPONENT + "=" + ServingObjects.COMPONENT;
        // Deployments keep the managedFields entries that own spec.replicas: ServingApplier reads them.
        ServingIndexes.indexServices(context.getPrimaryCache());
        var modelVersions = new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(ModelVersion.class, InferenceService.class), namespaces)
                .withName(MODEL_VERSIONS)
                .withSecondaryToPrimaryMapper(mv -> ServingIndexes.servicesOf(context.getPrimaryCache(), mv))
                .build(), context);
        ServingIndexes.indexModelVersions(modelVersions);
        var driftPolicies = new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(DriftPolicy.class, InferenceService.class), namespaces)
                .withName(DRIFT_POLICIES)
                .withSecondaryToPrimaryMapper(dp -> Set.of(new ResourceID(dp.getSpec().getTargetRef().getName(), dp.getMetadata().getNamespace())))
                .build(), context);
        ServingIndexes.indexDriftPolicies(driftPolicies);
        qualityJobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, InferenceService.class)
                .withName(QUALITY_JOBS).withLabelSelector(QUALITY_SELECTOR).build(), context);
        return List.of(
                new InformerEventSource<>(deployments(InformerEventSourceConfiguration.from(Deployment.class, InferenceService.class))
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(Service.class, InferenceService.class), namespaces)
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, InferenceService.class), namespaces)
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(Pod.class, InferenceService.class), namespaces)
                        .withName(PODS).withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.INFERENCE_SERVICE)).build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(Pod.class, InferenceService.class), namespaces)
                        .withName(QUALITY_PODS).withLabelSelector(QUALITY_SELECTOR)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.INFERENCE_SERVICE)).build(), context),
                qualityJobs,
                modelVersions,
                driftPolicies,
                measurements.eventSource());
    }

    private InformerEventSourceConfiguration.Builder<Deployment> deployments(InformerEventSourceConfiguration.Builder<Deployment> informer) {
        ReplicasOwnersStore.forNamespaces(namespaces).ifPresent(informer::withItemStore);
        return informer;
    }

    @Override
    public UpdateControl<InferenceService> reconcile(InferenceService isvc, Context<InferenceService> context) {
        ResourceID id = ResourceID.fromResource(isvc);
        if (context.isPrimaryResourceDeleted()) {
            measurements.forget(id);
            intervals.forget(id);
            applier.forget(id);
            return UpdateControl.noUpdate();
        }
        Map<Long, Deployment> deployments = context.getSecondaryResources(Deployment.class).stream()
                .collect(Collectors.toMap(ServingObjects::versionOf, Function.identity(), (a, b) -> a));
        Optional<DriftPolicy> policy = ServingIndexes.policyOf(isvc, context, DRIFT_POLICIES);
        ServingObservation seen = new ServingObservation(ServingIndexes.versionsOf(isvc, context, MODEL_VERSIONS),
                deployments.values().stream().collect(Collectors.toMap(ServingObjects::versionOf, ServingObjects::workload)),
                ServingObjects.addresses(context.getSecondaryResources(Service.class)), policy, measurements.latest(id), measurements.running(id),
                ObservedJob.byName(isvc, context.getSecondaryResources(Job.class),
                        InformerCaches.named(context, QUALITY_PODS, Pod.class).list(isvc.getMetadata().getNamespace()).toList(), clock.instant()));
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<InferenceService>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }

        ServingPlan plan = RolloutPlanner.plan(isvc, seen, clock.instant());

        applier.apply(isvc, plan, policy.map(dp -> dp.getSpec().getWindow()).orElse(null), deployments,
                context.getSecondaryResources(Service.class).stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity())),
                context.getSecondaryResources(HorizontalPodAutoscaler.class).stream().findFirst());
        plan.measure().ifPresent(key -> measure(isvc, id, key, plan.status(), context));
        plan.qualityJob().ifPresent(order -> compareQuality(isvc, order, context));
        PlannedEvent.recordAll(plan.events(), events, isvc);
        plan.rolloutEnded().ifPresent(outcome -> rolloutMetrics.rolloutEnded(isvc.getMetadata().getNamespace(), isvc.getMetadata().getName(), outcome));
        UpdateControl<InferenceService> control = StatusSkeleton.patchIfChanged(isvc, plan.status());
        plan.requeueAfter().ifPresent(control::rescheduleAfter);
        return control;
    }

    private void measure(InferenceService isvc, ResourceID id, CanaryKey key, InferenceServiceStatus status, Context<InferenceService> context) {
        List<Pod> pods = InformerCaches.named(context, PODS, Pod.class).list(isvc.getMetadata().getNamespace(),
                pod -> isvc.getMetadata().getName().equals(pod.getMetadata().getLabels().get(Labels.INFERENCE_SERVICE))).toList();
        List<ServingPod> canary = ServingObjects.readyPods(pods, key.version());
        List<ServingPod> stable = ServingObjects.readyPods(pods, status.getStable().getVersion());
        measurements.request(id, key, () -> canaryMetrics.scrape(isvc, key, canary, stable).thenApply(scrape -> intervals.next(id, key, scrape)));
    }

    /** Creates the quality Job; a name another owner holds makes the planner report the comparison as lost. */
    private void compareQuality(InferenceService isvc, CanaryQuality.Order order, Context<InferenceService> context) {
        OwnedJobs.create(context, QualityJobs.desired(isvc, order.name(), Labels.managed(CanaryQuality.COMPONENT, Labels.INFERENCE_SERVICE, isvc),
                isvc.getMetadata().getName(), order.model(), List.of(order.stable(), order.canary()), order.from(), order.until(), settings), qualityJobs);
    }

    @Override
    public ErrorStatusUpdateControl<InferenceService> updateErrorStatus(InferenceService isvc, Context<InferenceService> context, Exception e) {
        return StatusSkeleton.error(isvc, InferenceServiceStatus.class, InferenceServiceStatus::new, e, clock.instant());
    }
}
