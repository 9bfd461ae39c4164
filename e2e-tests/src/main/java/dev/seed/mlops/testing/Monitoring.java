package dev.seed.mlops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the monitoring tests read: the alert rules (config/prometheus), the dashboard's queries (config/grafana), promtool,
 * and the metric names in PromQL. Used by the promtool tests and by the cluster suite's checks on a real Prometheus.
 */
public final class Monitoring {
    public static final Path RULES = RepoRoot.path().resolve("config/prometheus/alerts.yaml");
    public static final Path RULE_TESTS = RepoRoot.path().resolve("config/prometheus/alerts_test.yaml");
    public static final Path DASHBOARD = RepoRoot.path().resolve("config/grafana/mlops-operator.json");
    /** The metrics this project exports or alerts on: its own and the Java Operator SDK's (MicrometerMetricsV2). */
    private static final Pattern METRIC = Pattern.compile("\\b(?:mlops_|reconciliations_)[a-z0-9_]+\\b");

    public record Alert(String name, String expr, JsonNode annotations) {
    }

    /** A recording rule: a series Prometheus computes, e.g. the accuracy estimate pooled across pods. */
    public record Recording(String name, String expr) {
    }

    public record PanelQuery(String panel, String expr) {
    }

    private Monitoring() {
    }

    public static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : yaml(RULES).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(rule.get("alert").asText(), rule.get("expr").asText(), rule.get("annotations")));
                }
            }
        }
        return alerts;
    }

    public static List<Recording> recordings() {
        List<Recording> recordings = new ArrayList<>();
        for (JsonNode group : yaml(RULES).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("record")) {
                    recordings.add(new Recording(rule.get("record").asText(), rule.get("expr").asText()));
                }
            }
        }
        return recordings;
    }

    /** Every target of every panel, with the dashboard's variables set to match everything. */
    public static List<PanelQuery> dashboardQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        try {
            for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    queries.add(new PanelQuery(panel.get("title").asText(), target.get("expr").asText()
                            .replace("$namespace", ".*").replace("$model", ".*")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    public static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    public static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ToolRun promtool(String... args) throws IOException, InterruptedException {
        Path promtool = Path.of(System.getProperty("prometheus.dir", "")).resolve("promtool");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        return ToolRun.in(null, Duration.ofMinutes(2), command);
    }
}
