package dev.seed.mlops.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.testing.Monitoring;
import dev.seed.mlops.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every query of the Grafana dashboard is PromQL that Prometheus parses (each checked as a recording rule by promtool). */
class GrafanaDashboardTest {

    @Test
    void everyPanelQueryParses() throws Exception {
        List<Monitoring.PanelQuery> queries = Monitoring.dashboardQueries();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: '")
                    .append(queries.get(i).expr().replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".yaml");
        Files.writeString(file, rules);

        ToolRun check = Monitoring.promtool("check", "rules", file.toString());

        assertThat(check.exit()).as(check.output() + "\n" + rules).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void everyPanelSaysWhatItShowsAndFiltersByNamespaceAndModel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Monitoring.DASHBOARD.toFile());

        assertThat(dashboard.get("panels")).allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("description").asText()).isNotBlank();
            assertThat(panel.path("targets")).isNotEmpty();
        });
        assertThat(dashboard.at("/templating/list")).extracting(v -> v.get("name").asText()).contains("datasource", "namespace", "model");
    }
}
