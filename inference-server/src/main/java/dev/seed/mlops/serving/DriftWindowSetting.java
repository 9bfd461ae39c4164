package dev.seed.mlops.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.drift.DriftMonitor.WindowSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.jboss.logging.Logger;

/**
 * The drift window in force. It starts as the server's own setting ({@code mlops.drift.*}) and follows
 * {@code drift.json} of the routing ConfigMap, where the operator writes the DriftPolicy's window, so a policy
 * created, changed or deleted resizes the window of running pods instead of rolling them (docs/routing.md). No
 * {@code drift.json} means the server's own setting. The ConfigMap is usually read before the model is loaded; a
 * change that comes later resizes the loaded model's window, keeping the rows that fit.
 */
@ApplicationScoped
public class DriftWindowSetting {

    /** The ConfigMap key the operator writes the window under. */
    public static final String KEY = "drift.json";

    private static final Logger LOG = Logger.getLogger(DriftWindowSetting.class);

    private final WindowSpec configured;
    private final ObjectMapper mapper;
    private WindowSpec current;
    private DriftMonitor monitor;

    public DriftWindowSetting(ServingConfig config, ObjectMapper mapper) {
        ServingConfig.Drift drift = config.drift();
        this.configured = new WindowSpec(drift.windowRows(), drift.windowDuration().map(Duration::toMillis).orElse(0L),
                drift.buckets());
        this.current = configured;
        this.mapper = mapper;
    }

    /** The window a model loaded now starts with. */
    public synchronized WindowSpec current() {
        return current;
    }

    /** The loaded model's monitor follows the setting from now on, starting with any change made while it loaded. */
    public synchronized void attach(DriftMonitor loaded) {
        monitor = loaded;
        loaded.resize(current);
    }

    /**
     * Follows {@code drift.json} (null when the ConfigMap has none, or is gone); a document the server cannot read is
     * logged and ignored, keeping the window in force.
     */
    public synchronized void accept(String document, String revision) {
        WindowSpec next;
        try {
            next = document == null ? configured : parse(document);
        } catch (IllegalArgumentException e) {
            LOG.errorf("drift.json of revision %s ignored, keeping the window of %s: %s", revision, describe(current), e.getMessage());
            return;
        }
        if (!next.equals(current)) {
            LOG.infof("drift window %s (revision %s)", describe(next), revision);
        }
        current = next;
        if (monitor != null) {
            monitor.resize(next);
        }
    }

    /** {@code {"window": {"rows": 5000}}}, {@code {"window": {"duration": "PT1H"}}}, or no window: the server's own. */
    private WindowSpec parse(String document) {
        JsonNode window;
        try {
            window = mapper.readTree(document).path("window");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        JsonNode rows = window.path("rows");
        JsonNode duration = window.path("duration");
        if (rows.isIntegralNumber() && rows.asLong() > 0 && duration.isMissingNode()) {
            return new WindowSpec(rows.asLong(), 0, configured.buckets());
        }
        if (duration.isTextual() && rows.isMissingNode()) {
            try {
                Duration parsed = Duration.parse(duration.asText());
                if (parsed.toMillis() > 0) {
                    return new WindowSpec(configured.rows(), parsed.toMillis(), configured.buckets());
                }
            } catch (DateTimeParseException e) {
                // refused below, naming the value
            }
        }
        if (window.isMissingNode() || window.isObject() && window.isEmpty()) {
            return configured;
        }
        throw new IllegalArgumentException("window " + window + " is neither {\"rows\": n > 0} nor {\"duration\": \"<ISO-8601, > 0>\"}");
    }

    private static String describe(WindowSpec spec) {
        return spec.windowMillis() > 0 ? Duration.ofMillis(spec.windowMillis()).toString() : spec.rows() + " rows";
    }
}
