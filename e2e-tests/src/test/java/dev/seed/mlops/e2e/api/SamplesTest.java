package dev.seed.mlops.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ApiServerExtension.class)
class SamplesTest {
    private static final String NAMESPACE = "samples";

    @BeforeAll
    static void createNamespace(TestApiServer api) {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
    }

    @Test
    void thereIsASamplePerKind() {
        assertThat(Samples.files().stream().map(f -> Samples.read(f.getFileName().toString()).get("kind")))
                .contains("Dataset", "TrainingJob", "ModelVersion", "InferenceService", "DriftPolicy", "BatchPrediction");
    }

    @Test
    void kubectlAppliesEverySample(TestApiServer api) {
        for (Path sample : Samples.files()) {
            assertThat(api.kubectl("apply", "-n", NAMESPACE, "-f", sample.toString())).as(sample.toString()).contains("created");
        }
        assertThat(api.kubectl("get", "mlops", "-n", NAMESPACE, "-o", "name")).contains(
                "dataset.mlops.seed.dev/credit-risk", "trainingjob.mlops.seed.dev/credit-risk-train-1",
                "inferenceservice.mlops.seed.dev/credit-risk", "driftpolicy.mlops.seed.dev/credit-risk-drift",
                "modelversion.mlops.seed.dev/fraud-score-v1", "batchprediction.mlops.seed.dev/credit-risk-nightly");
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemaDefaultsFillWhatTheUserLeftOut(TestApiServer api) {
        Map<String, Object> minimal = MergePatch.apply(Samples.read("03-inferenceservice.yaml"),
                Map.of("metadata", Map.of("name", "defaults"), "spec", Map.of("model", "credit-risk")));
        minimal = MergePatch.apply(minimal, Map.of("spec", java.util.Collections.singletonMap("canary", null)));

        GenericKubernetesResource created = api.client().resource(Samples.resource(minimal)).inNamespace(NAMESPACE).create();

        Map<String, Object> canary = (Map<String, Object>) ((Map<String, Object>) created.getAdditionalProperties().get("spec")).get("canary");
        assertThat((List<Map<String, Object>>) canary.get("steps")).extracting(step -> step.get("weight")).containsExactly(10, 50, 100);
        assertThat((Map<String, Object>) canary.get("analysis")).containsEntry("minRequests", 100).containsEntry("failureLimit", 2);
    }
}
