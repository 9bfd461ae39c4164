package dev.seed.mlops.serving.predictionlog;

import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.ServedModel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The pod's prediction log (docs/prediction-log.md): request ids, the sampled predictions and the labels received,
 * handed to the {@link PredictionLogWriter} without waiting. With logging off, only ids are given out.
 */
@ApplicationScoped
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    /** The directory under the store root that holds every service's logs. */
    public static final String ROOT = "prediction-logs";

    private final RequestIds ids = new RequestIds();
    private final LogCounters counters = new LogCounters();
    private final ServingConfig.PredictionLog config;
    private final int samplePercent;
    private final ServedIds served;
    private final PredictionLogWriter writer;
    private final FeedbackCounters feedback;

    public PredictionLog(ServingConfig serving, MeterRegistry registry) {
        this.config = serving.predictionLog();
        this.samplePercent = Math.max(0, Math.min(100, config.samplePercent()));
        Optional<Path> podDir = config.enabled() ? podDirectory(serving) : Optional.empty();
        this.writer = podDir.map(dir -> new PredictionLogWriter(new PredictionLogWriter.Settings(dir,
                config.maxFileBytes(), config.maxFileAge().toMillis(), config.maxQueuedLines(),
                config.retention().toMillis(), config.sweepInterval().toMillis(), config.drainTimeout().toMillis()),
                System::currentTimeMillis, counters)).orElse(null);
        this.served = writer == null ? null : new ServedIds(config.servedIds());
        Tags tags = Tags.of("model", ArtifactReader.servedName(serving.model().dir(), serving.model().name()),
                "version", ArtifactReader.servedVersion(serving.model().dir(), serving.model().version()));
        this.feedback = new FeedbackCounters(registry, tags);
        if (writer != null) {
            register(registry, tags);
        }
    }

    /** {@code <store>/prediction-logs/<namespace>/<service>/<pod>}, or empty (logging off) when the store is unknown. */
    private static Optional<Path> podDirectory(ServingConfig serving) {
        ServingConfig.PredictionLog config = serving.predictionLog();
        Optional<Path> store = config.store().or(() -> storeOf(serving.model().dir()));
        if (store.isEmpty()) {
            LOG.errorf("prediction logging is on but the store is unknown: %s is not <store>/models/<model>/<version>;"
                    + " set mlops.prediction-log.store. Nothing is logged.", serving.model().dir());
            return Optional.empty();
        }
        String service = config.service().orElseGet(
                () -> ArtifactReader.servedName(serving.model().dir(), serving.model().name()));
        String pod = config.pod().orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local"));
        return Optional.of(store.get().resolve(ROOT).resolve(config.namespace()).resolve(service).resolve(pod));
    }

    /** The store root above {@code <store>/models/<model>/<version>}. */
    static Optional<Path> storeOf(Path modelDir) {
        Path models = modelDir.toAbsolutePath().normalize().getParent();
        models = models == null ? null : models.getParent();
        return models != null && models.getFileName() != null && "models".equals(models.getFileName().toString())
                ? Optional.ofNullable(models.getParent()) : Optional.empty();
    }

    private void register(MeterRegistry registry, Tags tags) {
        FunctionCounter.builder("mlops.prediction.log.written", counters, LogCounters::predictions)
                .description("Prediction log lines written and flushed to the store, by type").tags(tags.and("type", "prediction"))
                .register(registry);
        FunctionCounter.builder("mlops.prediction.log.written", counters, LogCounters::labels)
                .description("Prediction log lines written and flushed to the store, by type").tags(tags.and("type", "label"))
                .register(registry);
        for (LogCounters.DropReason reason : LogCounters.DropReason.values()) {
            FunctionCounter.builder("mlops.prediction.log.dropped", counters, c -> c.dropped(reason))
                    .description("Prediction log lines not written: queue_full (the writer could not keep up),"
                            + " write_error (the store could not be written), shutdown (left when the pod stopped)")
                    .tags(tags.and("reason", reason.label())).register(registry);
        }
        FunctionCounter.builder("mlops.prediction.log.files", counters, LogCounters::files)
                .description("Prediction log files completed").tags(tags).register(registry);
        FunctionCounter.builder("mlops.prediction.log.expired.files", counters, LogCounters::expired)
                .description("Prediction log files of the service deleted by retention").tags(tags).register(registry);
        Gauge.builder("mlops.prediction.log.queued.lines", writer, PredictionLogWriter::queuedLines)
                .description("Prediction log lines waiting for the writer").tags(tags).register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (writer != null) {
            writer.start();
            LOG.infof("prediction log on: %d%% of requests sampled", samplePercent);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (writer != null) {
            writer.close();
        }
    }

    /** An id for a request that brings none. */
    public String newId() {
        return ids.next();
    }

    public boolean enabled() {
        return writer != null;
    }

    /** Remembers the request's id for feedback and queues its rows if the request is sampled; never blocks or throws. */
    public void predicted(String id, ServedModel model, FeatureBatch batch, float[] predictions) {
        if (writer == null) {
            return;
        }
        served.served(id, batch.rows());
        if (samplePercent == 100 || ThreadLocalRandom.current().nextInt(100) < samplePercent) {
            writer.offer(new LogRecord.Prediction(id, System.currentTimeMillis(), model.name(), model.version(),
                    batch, predictions, model.outputWidth()));
        }
    }

    /** Judges the labels of one feedback request ({@link ServedIds#label}); queues them all if all are accepted. */
    public List<ServedIds.Verdict> labelled(List<LogRecord.Label> labels) {
        List<ServedIds.Verdict> verdicts = served.label(labels.stream().map(LogRecord.Label::id).toList());
        if (verdicts.stream().allMatch(ServedIds.Verdict::accepted)) {
            labels.forEach(writer::offer);
        }
        return verdicts;
    }

    public LogCounters counters() {
        return counters;
    }

    public FeedbackCounters feedback() {
        return feedback;
    }
}
