package dev.seed.mlops.cluster;

import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Writes the sample Dataset's source file onto the artifact store with the trainer image's {@code sample-data}
 * command, as a Job that passes the restricted Pod Security Standard. Running it again with the other population
 * is how "fresh data" arrives in the demo: the file is replaced whole, never half-written.
 */
public final class SampleDataJob {
    /** The sample Dataset's {@code spec.source.uri}. */
    public static final String SOURCE = "pvc://" + ClaimStore.CLAIM + "/datasets/credit-risk/credit.csv";

    private SampleDataJob() {
    }

    public static void run(KubernetesClient client, String namespace, String trainerImage, Population population, long seed)
            throws IOException {
        run(client, namespace, trainerImage, population, Concept.ORIGINAL, seed);
    }

    /** As above, with the customers labelled by {@code concept}: fresh data after the concept changed. */
    public static void run(KubernetesClient client, String namespace, String trainerImage, Population population, Concept concept,
            long seed) throws IOException {
        String name = "sample-data-" + population.name().toLowerCase() + (concept == Concept.ORIGINAL ? "" : "-" + concept.name().toLowerCase().replace('_', '-'))
                + "-" + seed;
        Job job = new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withNewTemplate()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName("sample-data")
                                .withImage(trainerImage)
                                .withImagePullPolicy("IfNotPresent")
                                .withArgs("sample-data", "--output", SOURCE, "--rows", "20000",
                                        "--population", population.name(), "--concept", concept.name(), "--seed", String.valueOf(seed))
                                .withNewSecurityContext()
                                    .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .endSecurityContext()
                                .addNewVolumeMount().withName("store").withMountPath("/mnt/pvc/" + ClaimStore.CLAIM).endVolumeMount()
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("store").withNewPersistentVolumeClaim().withClaimName(ClaimStore.CLAIM)
                                .endPersistentVolumeClaim().endVolume()
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
        client.resource(job).create();
        Job done = client.batch().v1().jobs().inNamespace(namespace).withName(name).waitUntilCondition(
                j -> j.getStatus() != null && (count(j.getStatus().getSucceeded()) > 0 || count(j.getStatus().getFailed()) > 0),
                5, TimeUnit.MINUTES);
        if (count(done.getStatus().getSucceeded()) == 0) {
            throw new IOException("Job " + name + " failed: " + client.batch().v1().jobs().inNamespace(namespace).withName(name).getLog());
        }
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
