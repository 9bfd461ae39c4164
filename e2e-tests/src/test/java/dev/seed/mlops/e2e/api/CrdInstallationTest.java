package dev.seed.mlops.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.CrdInstaller;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ApiServerExtension.class)
class CrdInstallationTest {

    @Test
    void allSixKindsAreEstablishedWithStatusSubresourceAndShortNames(TestApiServer api) {
        List<CustomResourceDefinition> crds = api.client().apiextensions().v1().customResourceDefinitions().list().getItems()
                .stream().filter(crd -> crd.getSpec().getGroup().equals("mlops.seed.dev")).toList();

        assertThat(crds).extracting(crd -> crd.getSpec().getNames().getKind())
                .containsExactlyInAnyOrder("Dataset", "TrainingJob", "ModelVersion", "InferenceService", "DriftPolicy", "BatchPrediction");
        assertThat(crds).allMatch(CrdInstaller::isEstablished);
        assertThat(crds).allSatisfy(crd -> assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull());
        assertThat(crds).flatExtracting(crd -> crd.getSpec().getNames().getShortNames())
                .containsExactlyInAnyOrder("mlds", "tj", "mv", "mlisvc", "dp", "mlbp");
    }

    @Test
    void kubectlApiResourcesListsTheMlopsCategory(TestApiServer api) {
        assertThat(api.kubectl("api-resources", "--api-group=mlops.seed.dev", "-o", "name"))
                .contains("datasets.mlops.seed.dev", "trainingjobs.mlops.seed.dev", "modelversions.mlops.seed.dev",
                        "inferenceservices.mlops.seed.dev", "driftpolicies.mlops.seed.dev",
                        "batchpredictions.mlops.seed.dev");
    }
}
