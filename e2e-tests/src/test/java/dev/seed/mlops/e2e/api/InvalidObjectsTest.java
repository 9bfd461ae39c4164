package dev.seed.mlops.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of invalid-objects.yaml is refused by the real API server with the message a user should read. */
@ExtendWith(ApiServerExtension.class)
class InvalidObjectsTest {
    private static final String NAMESPACE = "invalid";
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** What the API server says when a rule fails to evaluate or has no message of its own. */
    private static final String[] CEL_RUNTIME_ERRORS = {"index out of bounds", "no such key", "no such overload", "no matching overload", "failed rule:"};

    record Case(String name, String sample, boolean update, Map<String, Object> patch, List<String> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void createNamespace(TestApiServer api) {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
    }

    static Stream<Case> cases() throws IOException {
        return read("/invalid-objects.yaml");
    }

    /** valid-objects.yaml: objects at the edge of the rules, in the same format without `expect`. */
    static Stream<Case> validCases() throws IOException {
        return read("/valid-objects.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Stream<Case> read(String resource) throws IOException {
        try (InputStream in = InvalidObjectsTest.class.getResourceAsStream(resource)) {
            List<Map<String, Object>> raw = Serialization.unmarshal(in, List.class);
            return raw.stream().map(c -> new Case((String) c.get("case"), (String) c.get("sample"),
                    Boolean.TRUE.equals(c.get("update")), (Map<String, Object>) c.get("patch"), (List<String>) c.get("expect")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithAReadableMessage(Case invalid, TestApiServer api) {
        Map<String, Object> sample = MergePatch.apply(Samples.read(invalid.sample()),
                Map.of("metadata", Map.of("name", "invalid-" + NAMES.incrementAndGet())));
        GenericKubernetesResource patched = Samples.resource(MergePatch.apply(sample, invalid.patch()));

        if (invalid.update()) {
            GenericKubernetesResource created = api.client().resource(Samples.resource(sample)).inNamespace(NAMESPACE).create();
            patched.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        }
        var request = api.client().resource(patched).inNamespace(NAMESPACE);

        assertThatThrownBy(invalid.update() ? request::update : request::create)
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(invalid.expect());
                    assertThat(e.getMessage()).as("a CEL runtime error or a raw rule instead of a message")
                            .doesNotContain(CEL_RUNTIME_ERRORS);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void anObjectAtTheEdgeOfTheRulesIsAccepted(Case valid, TestApiServer api) {
        Map<String, Object> sample = MergePatch.apply(Samples.read(valid.sample()),
                Map.of("metadata", Map.of("name", "valid-" + NAMES.incrementAndGet())));
        var request = api.client().resource(Samples.resource(MergePatch.apply(sample, valid.patch()))).inNamespace(NAMESPACE).dryRun();

        assertThat(request.create()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theUnpatchedSampleOfEachCaseIsValid(Case invalid, TestApiServer api) {
        Map<String, Object> sample = MergePatch.apply(Samples.read(invalid.sample()),
                Map.of("metadata", Map.of("name", "valid-" + NAMES.incrementAndGet())));
        var request = api.client().resource(Samples.resource(sample)).inNamespace(NAMESPACE).dryRun();

        assertThat(request.create()).isNotNull();
    }
}
