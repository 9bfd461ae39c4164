package dev.seed.mlops.e2e.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.ToolRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Argo CD health checks in config/argocd run in gopher-lua, the engine Argo CD runs them in (through
 * e2e-tests/argocd-health, built with the Go toolchain from the module proxy), over fixtures in Argo CD's own layout;
 * the fixtures are real statuses of this project's kinds; the argocd-cm patch ships exactly those scripts.
 */
class ArgoCdHealthChecksTest {
    private static final Path CHECKS = RepoRoot.path().resolve("config/argocd");
    private static final Path GROUP = CHECKS.resolve("mlops.seed.dev");
    private static final Path RUNNER = RepoRoot.path().resolve("e2e-tests/argocd-health");
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(Dataset.class, TrainingJob.class, ModelVersion.class,
            InferenceService.class, DriftPolicy.class, BatchPrediction.class);

    private static ToolRun checked;

    @BeforeAll
    static void runEveryFixtureInGopherLua() throws Exception {
        checked = runner("check");
    }

    @TestFactory
    Stream<DynamicTest> eachFixtureGetsTheHealthItsTestExpects() {
        List<String> lines = checked.output().lines().filter(l -> l.startsWith("ok ") || l.startsWith("FAIL ")).toList();
        assertThat(lines).as(checked.output()).isNotEmpty();
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.substring(line.indexOf(' ') + 1, line.indexOf(':')), () -> {
            if (line.startsWith("FAIL ")) {
                fail(line);
            }
        }));
    }

    @Test
    void theRunnerPassesAsAWhole() {
        assertThat(checked.exit()).as(checked.output()).isZero();
    }

    @Test
    void everyKindHasAHealthCheckWithFixtures() {
        for (Class<? extends HasMetadata> kind : KINDS) {
            Path dir = GROUP.resolve(HasMetadata.getKind(kind));
            assertThat(dir.resolve("health.lua")).exists();
            assertThat(dir.resolve("health_test.yaml")).exists();
        }
    }

    /** A fixture with a field the kind's status does not have (or a value its enums refuse) would test a fiction. */
    @TestFactory
    Stream<DynamicTest> everyFixtureIsAStatusTheOperatorCanWrite() throws IOException {
        ObjectMapper strict = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return KINDS.stream().flatMap(kind -> {
            try (Stream<Path> fixtures = Files.list(GROUP.resolve(HasMetadata.getKind(kind)).resolve("testdata"))) {
                return fixtures.sorted().toList().stream().map(fixture -> DynamicTest.dynamicTest(HasMetadata.getKind(kind) + "/" + fixture.getFileName(),
                        () -> assertThat(strict.readValue(fixture.toFile(), kind).getKind()).isEqualTo(HasMetadata.getKind(kind))));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theArgoCdConfigMapPatchCarriesExactlyTheTestedScripts() throws Exception {
        ToolRun patch = runner("cm-patch");

        assertThat(patch.exit()).as(patch.output()).isZero();
        assertThat(Files.readString(CHECKS.resolve("argocd-cm-patch.yaml")))
                .as("config/argocd/argocd-cm-patch.yaml is stale: regenerate it with (cd e2e-tests/argocd-health && go run . cm-patch ../../config/argocd)")
                .isEqualTo(patch.output());
    }

    private static ToolRun runner(String command) throws Exception {
        return ToolRun.in(RUNNER, Duration.ofMinutes(5), List.of(System.getProperty("go.binary", "go"), "run", ".", command, CHECKS.toString()));
    }
}
