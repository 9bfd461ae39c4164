package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Owners;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reserves a model's version numbers with one Lease per number ({@code mlops-<model>-v<n>}), owned by the TrainingJob
 * that holds it. The API server is the arbiter: a create that answers 409 means another run holds the number, and the
 * next one is tried, so two TrainingJobs never train the same version however stale the caches are. The caches only
 * say where to start. Deleting the TrainingJob frees its number (the garbage collector deletes the Lease); once its
 * ModelVersion is registered, that holds the number.
 */
final class VersionReservations {
    static final String COMPONENT = "version-reservation";
    /** How many numbers in a row may be held by others before the reconcile fails and the retry backoff takes over. */
    private static final int ATTEMPTS = 20;

    private VersionReservations() {
    }

    static String name(String model, long version) {
        return "mlops-" + model + "-v" + version;
    }

    /** The first number from {@code from} on that this TrainingJob holds or could reserve. */
    static long reserve(KubernetesClient client, TrainingJob trainingJob, long from) {
        for (long version = from; version < from + ATTEMPTS; version++) {
            Lease lease = desired(trainingJob, version);
            try {
                client.resource(lease).create();
                return version;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
            Lease holder = client.resource(lease).get();
            if (holder != null && Owners.ownedBy(holder, trainingJob)) {
                return version;
            }
        }
        throw new IllegalStateException("versions " + from + " to " + (from + ATTEMPTS - 1) + " of model " + trainingJob.getSpec().getModel()
                + " are all reserved by other TrainingJobs (Leases mlops-" + trainingJob.getSpec().getModel() + "-v<n>)");
    }

    static Lease desired(TrainingJob trainingJob, long version) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.managed(COMPONENT, Labels.TRAINING_JOB, trainingJob));
        labels.put(Labels.MODEL, trainingJob.getSpec().getModel());
        labels.put(Labels.VERSION, String.valueOf(version));
        return new LeaseBuilder()
                .withNewMetadata()
                    .withName(name(trainingJob.getSpec().getModel(), version))
                    .withNamespace(trainingJob.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controller(trainingJob))
                .endMetadata()
                .withNewSpec()
                    .withHolderIdentity("TrainingJob " + trainingJob.getMetadata().getName())
                .endSpec()
                .build();
    }
}
