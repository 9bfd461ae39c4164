package dev.seed.mlops.operator.dataset;

import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusSkeleton;
import dev.seed.mlops.operator.common.Owners;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a Dataset with a Job on creation, on every spec change, every refreshInterval and when fresh data is asked
 * for (the {@link Labels#REFRESH_REQUESTED_AT} annotation), and records the resulting snapshot (or the validation
 * failure) in status: observe the caches, plan with {@link DatasetPlanner}, create the planned Job, patch status.
 * Not generation-aware: an annotation does not bump the generation, and must still wake it.
 */
@ControllerConfiguration(generationAwareEventProcessing = false)
public class DatasetReconciler implements Reconciler<Dataset> {
    /** How many names in a row another owner may hold before the reconcile gives up and lets the retry backoff work. */
    private static final int NAME_ATTEMPTS = 5;

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private InformerEventSource<Job, Dataset> jobs;

    public DatasetReconciler(OperatorSettings settings, EventRecorder events, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Dataset>> prepareEventSources(EventSourceContext<Dataset> context) {
        String selector = Labels.selector(Labels.DATASET) + "," + Labels.COMPONENT + "=" + PrepareJobs.COMPONENT;
        // Jobs map to their Dataset by owner name, so a Job left by a deleted Dataset of the same name is seen too:
        // the observation tells it apart by uid.
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Dataset.class)
                .withLabelSelector(selector).build(), context);
        return List.of(jobs,
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, Dataset.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.DATASET)).build(), context));
    }

    @Override
    public UpdateControl<Dataset> reconcile(Dataset dataset, Context<Dataset> context) {
        Instant now = clock.instant();
        DatasetObservation seen = DatasetObservation.of(dataset, context.getSecondaryResources(Job.class),
                context.getSecondaryResources(Pod.class), now);
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<Dataset>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen, now);
        for (int attempt = 1; plan.createJob().isPresent(); attempt++) {
            String name = plan.createJob().get();
            Optional<Job> holder = OwnedJobs.create(context, PrepareJobs.desired(dataset, name, settings), jobs);
            if (holder.isEmpty()) {
                break;
            }
            if (attempt == NAME_ATTEMPTS) {
                throw new IllegalStateException("prepare Job " + name + " already exists and belongs to " + Owners.describe(holder.get())
                        + ", as did " + (NAME_ATTEMPTS - 1) + " names before it; delete the Jobs left by a deleted Dataset " + dataset.getMetadata().getName());
            }
            // The cache had not seen that Job (or it lacks our labels): plan again knowing the name is taken.
            seen = seen.withForeignJob(holder.get());
            plan = DatasetPlanner.plan(dataset, seen, now);
        }
        PlannedEvent.recordAll(plan.events(), events, dataset);
        UpdateControl<Dataset> control = StatusSkeleton.patchIfChanged(dataset, plan.status());
        plan.requeueAfter().ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Dataset> updateErrorStatus(Dataset dataset, Context<Dataset> context, Exception e) {
        return StatusSkeleton.error(dataset, DatasetStatus.class, DatasetStatus::new, e, clock.instant());
    }
}
