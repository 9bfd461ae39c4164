package dev.seed.mlops.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a platform engineer sees: kubectl explain teaches the API and kubectl get is a dashboard. */
@ExtendWith(ApiServerExtension.class)
class KubectlOutputTest {
    private static final String NAMESPACE = "kubectl";

    @BeforeAll
    static void applySamples(TestApiServer api) {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
        for (Path sample : Samples.files()) {
            api.kubectl("apply", "-n", NAMESPACE, "-f", sample.toString());
        }
    }

    @ParameterizedTest(name = "kubectl explain {0}")
    @CsvSource(delimiter = '|', value = {
        "datasets.spec.split.testFraction | Fraction of rows held out as the test set",
        "datasets.spec.source.uri         | pvc://<claim>/<path>",
        "trainingjobs.spec.evaluation.mustBeatServing | Champion/challenger",
        "modelversions.spec               | Immutable after creation",
        "inferenceservices.spec.canary.steps | Weights strictly increase and the last is 100",
        "driftpolicies.spec.consecutiveBreaches | hysteresis against noise",
        "driftpolicies.status.phase       | Healthy, Drifting, Retraining, Replacing or Degraded",
        "datasets                         | Where training data is (pvc://, s3:// or https://)",
        "trainingjobs                     | One training run of a model on the latest Ready snapshot of a Dataset",
        "modelversions                    | A registry record: one immutable trained model",
        "inferenceservices.mlops.seed.dev | address it as inferenceservices.mlops.seed.dev or by its short name mlisvc",
        "driftpolicies                    | Watches the data an InferenceService receives for drift",
        "datasets                         | The name is a DNS-1035 label of at most 32 characters.",
        "trainingjobs                     | The name is a DNS-1035 label of at most 48 characters.",
        "modelversions                    | The name is a DNS-1123 label of at most 63 characters.",
        "inferenceservices                | The name is a DNS-1035 label of at most 52 characters.",
        "driftpolicies                    | The name is a DNS-1035 label of at most 32 characters.",
    })
    void explainPrintsTheFieldDescription(String field, String expected, TestApiServer api) {
        assertThat(api.kubectl("explain", field.trim()).replaceAll("\\s+", " ")).contains(expected.trim());
    }

    @ParameterizedTest(name = "kubectl get {0}")
    @CsvSource(delimiter = '|', value = {
        "mlds   | NAME AGE READY ROWS PHASE",
        "tj     | NAME AGE MODEL READY VERSION PHASE BEST",
        "mv     | NAME AGE FORMAT MODEL VERSION READY STAGE",
        "mlisvc | NAME AGE MODEL SERVED CANARY WEIGHT READY STABLE URL",
        "dp     | NAME AGE TARGET READY BREACHES MAX-SCORE PHASE",
    })
    void getShowsThePrinterColumns(String shortName, String header, TestApiServer api) {
        String firstLine = api.kubectl("get", shortName.trim(), "-n", NAMESPACE).lines().findFirst().orElseThrow();

        assertThat(firstLine.trim().split("\\s+")).containsExactly(header.trim().split(" "));
    }

    @Test
    void wideOutputAddsTheDetailColumns(TestApiServer api) {
        String wide = api.kubectl("get", "mlds", "-n", NAMESPACE, "-o", "wide");

        assertThat(wide.lines().findFirst().orElseThrow()).contains("SNAPSHOT", "SOURCE");
        assertThat(wide).contains("pvc://mlops-store/datasets/credit-risk/credit.csv");
    }

    /** KServe's kind has the same plural: the group-qualified name, the short name and the category still find ours. */
    @Test
    void ourInferenceServicesStayAddressableBesideKServes(TestApiServer api) {
        CustomResourceDefinition kserve = api.client().apiextensions().v1().customResourceDefinitions().resource(kserveLikeCrd()).create();
        try {
            api.client().apiextensions().v1().customResourceDefinitions().resource(kserve)
                    .waitUntilCondition(crd -> crd.getStatus() != null && crd.getStatus().getConditions().stream()
                            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())), 30, TimeUnit.SECONDS);
            api.client().genericKubernetesResources("serving.kserve.io/v1beta1", "InferenceService").inNamespace(NAMESPACE)
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion("serving.kserve.io/v1beta1").withKind("InferenceService")
                            .withNewMetadata().withName("kserve-model").endMetadata().build()).create();

            assertThat(api.kubectl("get", "inferenceservices.mlops.seed.dev", "-n", NAMESPACE, "-o", "name"))
                    .contains("credit-risk").doesNotContain("kserve-model");
            assertThat(api.kubectl("get", "mlisvc", "-n", NAMESPACE, "-o", "name")).contains("credit-risk").doesNotContain("kserve-model");
            assertThat(api.kubectl("get", "mlops", "-n", NAMESPACE, "-o", "name"))
                    .contains("inferenceservice.mlops.seed.dev/credit-risk").doesNotContain("kserve-model");
            assertThat(api.kubectl("get", "inferenceservices.serving.kserve.io", "-n", NAMESPACE, "-o", "name"))
                    .contains("kserve-model").doesNotContain("credit-risk");
        } finally {
            api.client().apiextensions().v1().customResourceDefinitions().resource(kserve).delete();
        }
    }

    /** The names KServe's InferenceService CRD declares, with an open schema. */
    private static CustomResourceDefinition kserveLikeCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("inferenceservices.serving.kserve.io").endMetadata()
                .withNewSpec().withGroup("serving.kserve.io").withScope("Namespaced")
                    .withNewNames().withKind("InferenceService").withPlural("inferenceservices").withSingular("inferenceservice")
                        .withShortNames("isvc").endNames()
                    .addNewVersion().withName("v1beta1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                    .endVersion()
                .endSpec().build();
    }
}
