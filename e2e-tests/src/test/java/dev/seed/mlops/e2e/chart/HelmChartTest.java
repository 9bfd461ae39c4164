package dev.seed.mlops.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.TestApiServer;
import dev.seed.mlops.testing.ToolRun;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The chart lints clean, renders, and what it renders is accepted by the real API server (server-side dry run). */
@ExtendWith(ApiServerExtension.class)
class HelmChartTest {
    private static final Path CHART = RepoRoot.path().resolve("helm/mlops-operator");

    @Test
    void lintsCleanWithAndWithoutTheMonitoringObjects() throws Exception {
        assertThat(helm("lint", "--strict", CHART.toString()).output()).contains("0 chart(s) failed");
        assertThat(helm("lint", "--strict", CHART.toString(), "--set", "serviceMonitor.enabled=true,prometheusRule.enabled=true,grafanaDashboard.enabled=true")
                .exit()).isZero();
    }

    @Test
    void theRenderedChartIsAcceptedByTheApiServer(TestApiServer api) throws Exception {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mlops-system").endMetadata().build()).serverSideApply();
        ToolRun rendered = helm("template", "mlops", CHART.toString(), "--namespace", "mlops-system", "--kube-version", "1.34.4");
        assertThat(rendered.exit()).as(rendered.output()).isZero();
        Path manifest = Files.createTempFile("mlops-chart", ".yaml");
        Files.writeString(manifest, rendered.output());

        String applied = api.kubectl("apply", "--dry-run=server", "-n", "mlops-system", "-f", manifest.toString());

        assertThat(applied).contains("deployment.apps/mlops created (server dry run)", "clusterrole.rbac.authorization.k8s.io/mlops created (server dry run)",
                "serviceaccount/mlops created (server dry run)", "service/mlops-metrics created (server dry run)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleCarriesEveryAlertWithARunbook() throws Exception {
        List<Map<String, Object>> alerts = renderedAlerts();

        assertThat(alerts).extracting(a -> a.get("alert")).contains("MlopsCanaryRolledBack", "MlopsTrainingFailing", "MlopsFeatureDrift");
        assertThat(alerts).allSatisfy(a -> assertThat((Map<String, String>) a.get("annotations")).containsKey("runbook"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunbookLinksPointWhereTheUserBrowsesTheRepository() throws Exception {
        List<Map<String, Object>> alerts = renderedAlerts("--set", "prometheusRule.runbookBaseUrl=https://git.example.org/mlops-operator/blob/main/");

        assertThat(alerts).allSatisfy(a -> assertThat(((Map<String, String>) a.get("annotations")).get("runbook_url"))
                .startsWith("https://git.example.org/mlops-operator/blob/main/docs/operations.md#"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardConfigMapCarriesTheDashboardForGrafanasSidecar() throws Exception {
        ToolRun rendered = helm("template", "mlops", CHART.toString(), "--kube-version", "1.34.4", "--set", "grafanaDashboard.enabled=true",
                "--set", "grafanaDashboard.annotations.grafana_folder=MLOps", "--show-only", "templates/grafana-dashboard.yaml");
        Map<String, Object> configMap = Serialization.unmarshal(rendered.output(), Map.class);
        Map<String, Object> metadata = (Map<String, Object>) configMap.get("metadata");

        assertThat((Map<String, String>) metadata.get("labels")).containsEntry("grafana_dashboard", "1");
        assertThat((Map<String, String>) metadata.get("annotations")).containsEntry("grafana_folder", "MLOps");
        assertThat(((Map<String, String>) configMap.get("data")).get("mlops-operator.json"))
                .isEqualTo(Files.readString(RepoRoot.path().resolve("config/grafana/mlops-operator.json")).stripTrailing());
    }

    @Test
    void theOperatorsJvmLeavesRoomBesideTheHeapWithinTheMemoryLimit() throws Exception {
        // The image's default (-XX:MaxRAMPercentage=75) let the heap take 384 of 512 MiB and RSS pass the limit (issue 19).
        assertThat(operatorJavaToolOptions()).contains("-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=", "-XX:MaxDirectMemorySize=");
        // At the JVM's defaults (40/70 % free) the committed heap stayed at 137 MiB over 59 MiB live in steady state.
        assertThat(operatorJavaToolOptions()).contains("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    }

    @Test
    void onTwoCoresTheOperatorsJvmCompletesAsyncStagesOnItsPoolNotOnANewThreadEach(@TempDir Path dir) throws Exception {
        // With a common pool of parallelism 1 (the default on 2 cores) CompletableFuture runs every async stage on a new
        // thread, and the JDK's HttpClient completes each response that way: 3,042 threads in 6 min at 100 services (issue 19).
        Path program = Files.writeString(dir.resolve("AsyncPool.java"), "public class AsyncPool { public static void main(String[] a) {"
                + " System.out.print(new java.util.concurrent.CompletableFuture<Void>().defaultExecutor().getClass().getName()); } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:ActiveProcessorCount=2"));
        command.addAll(List.of(operatorJavaToolOptions().split("\\s+")));
        command.add(program.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("java.util.concurrent.ForkJoinPool");
    }

    @SuppressWarnings("unchecked")
    private static String operatorJavaToolOptions() throws Exception {
        ToolRun rendered = helm("template", "mlops", CHART.toString(), "--kube-version", "1.34.4", "--show-only", "templates/deployment.yaml");
        Map<String, Object> deployment = Serialization.unmarshal(rendered.output(), Map.class);
        Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0);
        return ((List<Map<String, String>>) container.get("env")).stream()
                .filter(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name"))).map(e -> e.get("value")).findFirst().orElse("");
    }

    @Test
    void valuesThatBreakTheSchemaAreRefusedWithTheField() throws Exception {
        ToolRun refused = helm("template", "mlops", CHART.toString(), "--kube-version", "1.34.4", "--set", "artifactStore.uri=ftp://store");

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("/artifactStore/uri").contains("does not match pattern");
    }

    /** The alert rules of the PrometheusRule the chart renders with {@code values}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> renderedAlerts(String... values) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("template", "mlops", CHART.toString(), "--kube-version", "1.34.4",
                "--set", "prometheusRule.enabled=true", "--show-only", "templates/prometheusrule.yaml"));
        args.addAll(List.of(values));
        ToolRun rendered = helm(args.toArray(String[]::new));
        assertThat(rendered.exit()).as(rendered.output()).isZero();
        Map<String, Object> rule = Serialization.unmarshal(rendered.output(), Map.class);
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")).get(0).get("rules");
    }

    private static ToolRun helm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("helm.binary", "helm")));
        command.addAll(List.of(args));
        return ToolRun.of(command);
    }
}
