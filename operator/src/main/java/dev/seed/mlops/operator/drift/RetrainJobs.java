package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.Evaluation;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Map;

/** The TrainingJob a DriftPolicy creates on a sustained breach, built whole from the policy, and its creation. */
public final class RetrainJobs {
    static final String COMPONENT = "retrain";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RetrainJobs() {
    }

    /**
     * {@code <policy>-retrain-<n>}, n one more than the last trigger recorded in status. Derived from status alone,
     * a reconcile retried after a failed status patch asks for the same name again, and finds the job it made.
     */
    public static String nextName(String policy, RetrainTrigger last) {
        String prefix = policy + "-retrain-";
        long n = 0;
        if (last != null && last.getTrainingJob() != null && last.getTrainingJob().startsWith(prefix)) {
            try {
                n = Long.parseLong(last.getTrainingJob().substring(prefix.length()));
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        return prefix + (n + 1);
    }

    /**
     * @param requestedAt when the Dataset was asked for fresh data: the job trains only on a snapshot prepared since
     */
    public static TrainingJob desired(DriftPolicy policy, String name, Instant requestedAt) {
        TrainingJob trainingJob = new TrainingJob();
        trainingJob.getMetadata().setName(name);
        trainingJob.getMetadata().setNamespace(policy.getMetadata().getNamespace());
        trainingJob.getMetadata().setLabels(Labels.managed(COMPONENT, Labels.DRIFT_POLICY, policy));
        trainingJob.getMetadata().setAnnotations(Map.of(Labels.SNAPSHOT_AFTER, Timestamps.format(requestedAt)));
        trainingJob.getMetadata().setOwnerReferences(java.util.List.of(Owners.controller(policy)));
        trainingJob.setSpec(JSON.convertValue(policy.getSpec().getRetrain().getTemplate(), TrainingJobSpec.class));
        mustBeatServing(trainingJob.getSpec(), policy.getSpec());
        return trainingJob;
    }

    /**
     * A policy with a performance section retrains only into a version that beats the serving one on the same new test
     * split, on the performance metric (margin 0), unless the template names its own champion/challenger rule.
     */
    private static void mustBeatServing(TrainingJobSpec job, DriftPolicySpec policy) {
        if (policy.getPerformance() == null || (job.getEvaluation() != null && job.getEvaluation().getMustBeatServing() != null)) {
            return;
        }
        if (job.getEvaluation() == null) {
            job.setEvaluation(new Evaluation());
        }
        MustBeatServing rule = new MustBeatServing();
        LocalObjectRef serving = new LocalObjectRef();
        serving.setName(policy.getTargetRef().getName());
        rule.setInferenceServiceRef(serving);
        rule.setMetric(policy.getPerformance().getMetric());
        rule.setMargin(0.0);
        job.getEvaluation().setMustBeatServing(rule);
    }

    /**
     * Asks the Dataset for fresh data (an annotation: its spec belongs to its author), then creates the TrainingJob.
     * The name comes from status, so a reconcile retried after a lost status patch finds the job it made.
     *
     * @return whether it created the TrainingJob (false: it had already, in a reconcile whose status patch was lost)
     */
    static boolean start(DriftPolicy policy, DriftPlan.RetrainOrder order, Context<DriftPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        String patch = "{\"metadata\":{\"annotations\":{\"" + Labels.REFRESH_REQUESTED_AT + "\":\"" + Timestamps.format(order.requestedAt()) + "\"}}}";
        try {
            context.getClient().resources(Dataset.class).inNamespace(namespace).withName(order.dataset()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            // No Dataset: the TrainingJob says DatasetNotFound, which is where a user looks.
        }
        try {
            TrainingJob created = context.getClient().resource(desired(policy, order.trainingJob(), order.requestedAt())).create();
            InformerCaches.named(context, DriftPolicyReconciler.TRAINING_JOBS, TrainingJob.class).handleRecentResourceCreate(ResourceID.fromResource(created), created);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            TrainingJob existing = context.getClient().resources(TrainingJob.class).inNamespace(namespace).withName(order.trainingJob()).get();
            if (existing == null || !Owners.ownedBy(existing, policy)) {
                throw new IllegalStateException("TrainingJob " + order.trainingJob() + " already exists and is not owned by DriftPolicy "
                        + policy.getMetadata().getName() + "; rename or delete it");
            }
            return false;
        }
        return true;
    }
}
