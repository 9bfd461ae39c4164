package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Instant;
import java.util.Map;

/** The TrainingJob a DriftPolicy creates on a sustained breach, built whole from the policy. */
public final class RetrainJobs {
    static final String COMPONENT = "retrain";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RetrainJobs() {
    }

    /**
     * {@code <policy>-retrain-<n>}, n one more than the last trigger recorded in status. Derived from status alone,
     * a reconcile retried after a failed status patch asks for the same name again, and finds the job it made.
     */
    public static String nextName(DriftPolicy policy) {
        String prefix = policy.getMetadata().getName() + "-retrain-";
        var last = policy.getStatus() == null ? null : policy.getStatus().getLastTriggered();
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
        trainingJob.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
                .withApiVersion(policy.getApiVersion())
                .withKind(policy.getKind())
                .withName(policy.getMetadata().getName())
                .withUid(policy.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build()));
        trainingJob.setSpec(JSON.convertValue(policy.getSpec().getRetrain().getTemplate(), TrainingJobSpec.class));
        return trainingJob;
    }

    public static boolean ownedBy(TrainingJob trainingJob, DriftPolicy policy) {
        return trainingJob.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> policy.getMetadata().getUid().equals(owner.getUid()));
    }
}
