package dev.seed.mlops.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
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

/** Every case of valid-objects.yaml, at the edge of what the rules allow, is accepted by the real API server. */
@ExtendWith(ApiServerExtension.class)
class ValidObjectsTest {
    private static final String NAMESPACE = "valid";
    private static final AtomicInteger NAMES = new AtomicInteger();

    record Case(String name, String sample, Map<String, Object> patch) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void createNamespace(TestApiServer api) {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
    }

    @SuppressWarnings("unchecked")
    static Stream<Case> cases() throws IOException {
        try (InputStream in = ValidObjectsTest.class.getResourceAsStream("/valid-objects.yaml")) {
            List<Map<String, Object>> raw = Serialization.unmarshal(in, List.class);
            return raw.stream().map(c -> new Case((String) c.get("case"), (String) c.get("sample"), (Map<String, Object>) c.get("patch")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAccepted(Case valid, TestApiServer api) {
        Map<String, Object> sample = MergePatch.apply(Samples.read(valid.sample()),
                Map.of("metadata", Map.of("name", "valid-" + NAMES.incrementAndGet())));
        var request = api.client().resource(Samples.resource(MergePatch.apply(sample, valid.patch()))).inNamespace(NAMESPACE).dryRun();

        assertThat(request.create()).isNotNull();
    }
}
