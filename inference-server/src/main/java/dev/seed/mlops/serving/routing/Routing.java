package dev.seed.mlops.serving.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.ArtifactReader;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The routing in force in this pod and what it did. A source (the ConfigMap watch, or a file for local runs)
 * hands it documents; each valid one becomes a new {@link RoutingTable}, swapped atomically, and a malformed one is
 * logged, counted and ignored, so the pod keeps its last good routing. Requests read the table with one volatile read.
 */
@ApplicationScoped
public class Routing {

    private static final Logger LOG = Logger.getLogger(Routing.class);

    private final ObjectMapper mapper;
    private final String ownVersion;
    private final boolean configured;
    private final long settleDeadlineNanos;
    private final LongAdder configErrors = new LongAdder();
    private final RoutingCounters requests;
    private final ShadowStats shadow;
    private volatile RoutingTable table = RoutingTable.UNROUTED;
    private volatile boolean synced;

    public Routing(ServingConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        this.ownVersion = ArtifactReader.servedVersion(config.model().dir(), config.model().version());
        this.configured = config.routing().configMap().isPresent() || config.routing().file().isPresent();
        this.settleDeadlineNanos = System.nanoTime() + config.routing().syncTimeout().toNanos();
        Tags modelTags = Tags.of("model", ArtifactReader.servedName(config.model().dir(), config.model().name()),
                "version", ownVersion);
        this.requests = new RoutingCounters(registry, modelTags);
        this.shadow = new ShadowStats(registry, modelTags);
        Gauge.builder("mlops.routing.synced", this, r -> r.synced ? 1 : 0)
                .description("1 once the routing ConfigMap has been read; 0 while routing is off or unread,"
                        + " when every request is answered locally")
                .tags(modelTags).register(registry);
        FunctionCounter.builder("mlops.routing.config.errors", configErrors, LongAdder::sum)
                .description("Routing documents refused as malformed; the pod kept its last good routing")
                .tags(modelTags).register(registry);
    }

    /** The table to route the next request with. */
    public RoutingTable table() {
        return table;
    }

    /** Follows a new routing.json, or keeps the current table if it is malformed. */
    public void accept(String document, String revision) {
        try {
            RoutingTable next = RoutingTable.of(RoutingDocument.parse(mapper, document), revision, ownVersion);
            table = next;
            synced = true;
            LOG.infof("routing revision %s: role %s, target %s, weight %d%%, shadow %d%%", revision,
                    next.role().id(), next.target(), next.forward().percent(), next.shadow().percent());
        } catch (InvalidRoutingException e) {
            configErrors.increment();
            LOG.errorf("routing revision %s ignored, keeping revision %s: %s", revision, table.revision(),
                    e.getMessage());
        }
    }

    /** The routing ConfigMap does not exist: everything is answered locally until it does. */
    public void absent(String revision) {
        table = RoutingTable.absent(revision);
        synced = true;
        LOG.infof("no routing document (revision %s): every request is answered locally", revision);
    }

    /** Whether readiness may report ready: routing is off, read, or its read took longer than the bound. */
    public boolean settled() {
        return !configured || synced || System.nanoTime() - settleDeadlineNanos > 0;
    }

    public boolean synced() {
        return synced;
    }

    /** The version this pod serves, which decides its role. */
    public String ownVersion() {
        return ownVersion;
    }

    public RoutingCounters requests() {
        return requests;
    }

    public ShadowStats shadow() {
        return shadow;
    }
}
