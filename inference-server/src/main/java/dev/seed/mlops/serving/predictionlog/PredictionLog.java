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
import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration CLAIM_MAX_FILE_AGE = Duration.ofMinutes(10);
    private static final Duration S3_MAX_FILE_AGE = Duration.ofMinutes(1);

    private final RequestIds ids = new RequestIds();
    private final LogCounters counters = new LogCounters();
    private final ServingConfig.PredictionLog config;
    private final int samplePercent;
    private final ServedIds served;
    private final PredictionLogWriter writer;
    private final LogUpload upload;
    private final FeedbackCounters feedback;

    public PredictionLog(ServingConfig serving, MeterRegistry registry) {
        this.config = serving.predictionLog();
        this.samplePercent = Math.max(0, Math.min(100, config.samplePercent()));
        Optional<LogDestination> destination = config.enabled() ? LogDestination.of(serving) : Optional.empty();
        this.upload = destination.flatMap(d -> d.s3PodPrefix().flatMap(prefix -> upload(d.podDir(), prefix))).orElse(null);
        boolean writable = destination.isPresent() && (destination.get().s3PodPrefix().isEmpty() || upload != null);
        // on S3 a line reaches the store only with its completed file: files complete sooner there
        Duration maxFileAge = config.maxFileAge().orElse(upload != null ? S3_MAX_FILE_AGE : CLAIM_MAX_FILE_AGE);
        this.writer = !writable ? null : new PredictionLogWriter(new PredictionLogWriter.Settings(destination.get().podDir(),
                config.maxFileBytes(), maxFileAge.toMillis(), config.maxQueuedLines(),
                config.retention().toMillis(), config.sweepInterval().toMillis(), config.drainTimeout().toMillis()),
                System::currentTimeMillis, counters);
        this.served = writer == null ? null : new ServedIds(config.servedIds());
        Tags tags = Tags.of("model", ArtifactReader.servedName(serving.model().dir(), serving.model().name()),
                "version", ArtifactReader.servedVersion(serving.model().dir(), serving.model().version()));
        this.feedback = new FeedbackCounters(registry, tags);
        if (writer != null) {
            register(registry, tags);
        }
    }

    /** The uploader to the object store, or empty (logging off, said in the log) when its settings are wrong. */
    private Optional<LogUpload> upload(Path spoolDir, S3Uri podPrefix) {
        try {
            S3Store store = S3Store.connect(S3Settings.fromEnvironment());
            return Optional.of(new LogUpload(new LogUpload.Settings(spoolDir, podPrefix, config.uploadInterval().toMillis(),
                    config.uploadGiveUp().toMillis(), config.retention().toMillis(), config.sweepInterval().toMillis(),
                    config.drainTimeout().toMillis()), store, System::currentTimeMillis, counters));
        } catch (ObjectStoreException e) {
            LOG.errorf("prediction logging is on but the object store cannot be used: %s. Nothing is logged.", e.getMessage());
            return Optional.empty();
        }
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
        if (upload != null) {
            FunctionCounter.builder("mlops.prediction.log.uploaded.files", counters, LogCounters::uploaded)
                    .description("Prediction log files uploaded to the object store").tags(tags).register(registry);
            FunctionCounter.builder("mlops.prediction.log.upload.failures", counters, LogCounters::uploadFailures)
                    .description("Prediction log uploads to the object store that failed; each file is retried until upload-give-up")
                    .tags(tags).register(registry);
        }
        Gauge.builder("mlops.prediction.log.queued.lines", writer, PredictionLogWriter::queuedLines)
                .description("Prediction log lines waiting for the writer").tags(tags).register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (writer != null) {
            if (upload != null) {
                upload.adoptLeftovers().start();
            }
            writer.start();
            LOG.infof("prediction log on: %d%% of requests sampled%s", samplePercent, upload == null ? "" : ", uploaded to the object store");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (writer != null) {
            writer.close();
        }
        if (upload != null) {
            upload.close(); // after the writer, which completes its open file on close
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
