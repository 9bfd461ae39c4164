package dev.seed.mlops.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.Monitoring;
import dev.seed.mlops.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alerts and the dashboard use only metrics the code exports, and the operator's series never share a name with
 * the serving pods' (one name per meaning: the operator's drift per policy is mlops_policy_feature_drift, a pod's own
 * window is mlops_feature_drift). The names come from the Micrometer meter names in the sources; the cluster suite
 * checks the same rules and queries against what a real Prometheus scraped.
 */
class ExportedMetricsTest {
    private static final Pattern METER_NAME = Pattern.compile("\"(mlops(?:\\.[a-z]+)+)\"");
    /**
     * What Prometheus' exposition appends to a Micrometer meter's name: counters, timers' histograms, distribution
     * summaries' histograms, gauges (none).
     */
    private static final List<String> SUFFIXES = List.of("_total", "_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max",
            "_bucket", "_count", "_sum", "_max", "");
    /** The Java Operator SDK's reconcile metrics (MicrometerMetricsV2, per controller) that the alerts use. */
    private static final Set<String> OPERATOR_SDK = Set.of("reconciliations_failure_total");

    @Test
    void theAlertsUseOnlyMetricsTheCodeExports() {
        Set<String> exported = exported();

        assertThat(Monitoring.alerts()).allSatisfy(alert ->
                assertThat(exported).as(alert.name()).containsAll(Monitoring.metricNames(alert.expr())));
    }

    @Test
    void theRecordingRulesUseOnlyMetricsTheCodeExports() {
        Set<String> exported = exported();

        assertThat(Monitoring.recordings()).isNotEmpty().allSatisfy(recording ->
                assertThat(exported).as(recording.name()).containsAll(Monitoring.metricNames(recording.expr())));
    }

    @Test
    void theDashboardUsesOnlyMetricsTheCodeExports() {
        Set<String> exported = exported();

        assertThat(Monitoring.dashboardQueries()).allSatisfy(query ->
                assertThat(exported).as(query.panel()).containsAll(Monitoring.metricNames(query.expr())));
    }

    @Test
    void theOperatorAndTheServingPodsExportNoSeriesOfTheSameName() {
        assertThat(meterNames("operator")).contains("mlops.policy.feature.drift", "mlops.rollout");
        assertThat(meterNames("inference-server")).contains("mlops.feature.drift", "mlops.inference.requests");
        Set<String> operator = exposedNames(meterNames("operator"));
        operator.retainAll(exposedNames(meterNames("inference-server")));
        assertThat(operator).isEmpty();
    }

    private static Set<String> exported() {
        Set<String> exported = exposedNames(meterNames("operator"));
        exported.addAll(exposedNames(meterNames("inference-server")));
        exported.addAll(OPERATOR_SDK);
        return exported;
    }

    /** Every name a meter can appear under in the Prometheus exposition. */
    private static Set<String> exposedNames(Set<String> meters) {
        Set<String> names = new TreeSet<>();
        meters.forEach(meter -> SUFFIXES.forEach(suffix -> names.add(meter.replace('.', '_') + suffix)));
        return names;
    }

    /** The Micrometer meter names ("mlops.x.y" string literals) in a module's main sources. */
    private static Set<String> meterNames(String module) {
        Set<String> names = new HashSet<>();
        try (Stream<Path> sources = Files.walk(RepoRoot.path().resolve(module).resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = METER_NAME.matcher(Files.readString(source));
                while (matcher.find()) {
                    if (!matcher.group(1).startsWith("mlops.seed.")) {
                        names.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
