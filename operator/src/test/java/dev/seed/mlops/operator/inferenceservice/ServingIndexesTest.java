package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.IndexOnlyCache;
import dev.seed.mlops.operator.TestObjects;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A ModelVersion event finds the services of its model through an index, never by scanning every service (issue 19). */
class ServingIndexesTest {

    @Test
    void aModelVersionFindsTheServicesOfItsModelWithoutAScan() {
        IndexOnlyCache<InferenceService> services = new IndexOnlyCache<>();
        ServingIndexes.indexServices(services);
        IntStream.range(0, 100).forEach(i -> services.add(service("s" + i, "model-" + i % 50, "team-a")));
        services.add(service("other-namespace", "model-7", "team-b"));
        ModelVersion mv = TestObjects.handMadeModelVersion("model-7-v2");
        mv.getMetadata().setNamespace("team-a");
        mv.getSpec().setModel("model-7");

        assertThat(ServingIndexes.servicesOf(services, mv))
                .containsExactlyInAnyOrder(new ResourceID("s7", "team-a"), new ResourceID("s57", "team-a"));
    }

    private static InferenceService service(String name, String model, String namespace) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getMetadata().setNamespace(namespace);
        isvc.getSpec().setModel(model);
        return isvc;
    }
}
