package dev.seed.mlops.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.metrics.InferenceMetrics;
import dev.seed.mlops.serving.metrics.ModelMetrics;
import dev.seed.mlops.serving.model.ArtifactDownload;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.EngineSelector;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.InferenceEngine;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.serving.model.ProbeRows;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.model.XgboostTreeCompiler;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Uri;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the served model's life: loads it in the background once the HTTP server is up (so liveness answers
 * while a large model loads), answers a warm-up prediction, and only then reports ready. On shutdown it
 * reports not ready first, so the endpoints drop the pod while in-flight requests drain; a model that cannot
 * be loaded stops the process with the reason in the log, which Kubernetes shows as a crash loop.
 */
@ApplicationScoped
public class ModelHost {

    private static final Logger LOG = Logger.getLogger(ModelHost.class);
    private static final int WARM_UP_ROWS = 8;

    private final ServingConfig config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Routing routing;
    private final DriftWindowSetting driftWindow;
    private volatile Serving serving;
    private volatile boolean shuttingDown;

    public ModelHost(ServingConfig config, ObjectMapper json, MeterRegistry registry, Routing routing,
            DriftWindowSetting driftWindow) {
        this.config = config;
        this.json = json;
        this.registry = registry;
        this.routing = routing;
        this.driftWindow = driftWindow;
    }

    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(this::loadOrExit, "model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void loadOrExit() {
        try {
            serving = load();
            LOG.infof("serving %s version %s with %s", serving.model().name(), serving.model().version(),
                    serving.model().engine().name());
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot serve the model in %s: %s", artifactLocation(), e.getMessage());
            Quarkus.asyncExit(1);
        }
    }

    private String artifactLocation() {
        return config.model().uri().orElse(config.model().dir().toString());
    }

    private Serving load() {
        config.model().uri().filter(S3Uri::isS3)
                .ifPresent(uri -> ArtifactDownload.fetch(uri, config.model().dir(), S3Settings.fromEnvironment()));
        ModelArtifact artifact = new ArtifactReader(json).read(config.model().dir(), config.model().name(),
                config.model().version(), config.model().baseline().map(ModelHost::baselineDirectory));
        config.model().sha256().ifPresent(recorded -> ArtifactDownload.checkRecordedDigest(artifact, recorded, artifactLocation()));
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        InferenceEngine engine = new EngineSelector(new XgboostTreeCompiler(json))
                .open(artifact, FeatureSchema.modelInputs(artifact.manifest()), config.model().engine());
        ServedModel model = new ServedModel(artifact, schema, engine);
        warmUp(model);
        DriftMonitor drift = DriftMonitor.create(schema, model.modelSchema(), artifact.outputWidth(), "binary".equals(artifact.manifest().task()), artifact.profile(),
                artifact.baselineDigest(), driftWindow.current(), Clock.systemUTC());
        driftWindow.attach(drift);
        ModelMetrics.registerInfo(registry, model.name(), model.version(), artifact.manifest().format(), engine.name());
        ModelMetrics.registerDrift(registry, model.name(), model.version(), drift);
        ModelMetrics.registerCalibration(registry, model.name(), model.version(), artifact.manifest().metrics());
        return new Serving(model, drift, new InferenceMetrics(registry, model.name(), model.version(), artifact.isClassifier() ? artifact.outputWidth() : 0));
    }

    /**
     * The baseline's directory: as given, or, for an s3:// URI, where it is downloaded: java.io.tmpdir (the pod's /tmp
     * emptyDir), since the model's own directory may be a read-only claim.
     */
    private static Path baselineDirectory(String location) {
        if (!S3Uri.isS3(location)) {
            return Path.of(location);
        }
        Path local = Path.of(System.getProperty("java.io.tmpdir"), "mlops-baseline");
        ArtifactDownload.fetch(location, local, S3Settings.fromEnvironment());
        return local;
    }

    /** The first prediction pays for lazy native initialisation; readiness waits until it has been paid. */
    private static void warmUp(ServedModel model) {
        float[] rows = ProbeRows.generate(model.modelSchema(), model.artifact().profile(), WARM_UP_ROWS);
        float[] out = new float[WARM_UP_ROWS * model.outputWidth()];
        model.engine().predict(rows, WARM_UP_ROWS, out);
        for (float value : out) {
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("the warm-up prediction returned " + value);
            }
        }
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
        Serving current = serving;
        if (current != null) {
            current.model().close();
        }
    }

    /** Loaded, warmed up, routing read (or given up on after its bound), and not shutting down. */
    public boolean isReady() {
        return serving != null && !shuttingDown && routing.settled();
    }

    /** The served model once it is loaded. */
    public Optional<Serving> serving() {
        return Optional.ofNullable(serving);
    }
}
