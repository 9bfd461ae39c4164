package dev.seed.mlops.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.testing.Monitoring;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.ToolRun;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules as Prometheus itself reads them (promtool, built from the Prometheus Go module): they load, their
 * unit tests pass (config/prometheus/alerts_test.yaml), every alert is tested both firing and quiet, and every alert's
 * runbook_url names a section of the on-call guide.
 */
class PrometheusRulesTest {

    @Test
    void theRulesLoad() throws Exception {
        ToolRun check = Monitoring.promtool("check", "rules", Monitoring.RULES.toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + (Monitoring.alerts().size() + Monitoring.recordings().size()) + " rules found");
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        ToolRun test = Monitoring.promtool("test", "rules", Monitoring.RULE_TESTS.toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : Monitoring.yaml(Monitoring.RULE_TESTS).get("tests")) {
            for (JsonNode evaluation : test.path("alert_rule_test")) {
                String alert = evaluation.get("alertname").asText();
                (evaluation.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }

        List<String> alerts = Monitoring.alerts().stream().map(Monitoring.Alert::name).toList();
        assertThat(fires).as("alerts with a test where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a test where they do not").containsAll(alerts);
    }

    @Test
    void everyAlertSaysWhatBrokeWhatToRunAndWhereItsRunbookIs() throws Exception {
        String guide = Files.readString(RepoRoot.path().resolve("docs/operations.md"));

        assertThat(Monitoring.alerts()).allSatisfy(alert -> {
            assertThat(alert.annotations().path("summary").asText()).isNotBlank();
            assertThat(alert.annotations().path("runbook").asText()).isNotBlank();
            assertThat(alert.annotations().path("runbook_url").asText()).isEqualTo("docs/operations.md#" + alert.name().toLowerCase(Locale.ROOT));
            assertThat(guide).as("docs/operations.md has a section for " + alert.name()).contains("\n### " + alert.name() + "\n");
        });
    }
}
