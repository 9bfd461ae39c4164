package dev.seed.mlops.serving.predictionlog;

import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.store.S3Uri;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where a pod's prediction log goes: the store the model is read from, under
 * {@code prediction-logs/<namespace>/<service>/<pod>}. On a claim the writer writes there directly ({@link #podDir});
 * when the model comes from {@code s3://<bucket>/<root>/models/<model>/<version>} it writes into a local spool
 * directory and {@link LogUpload} moves the completed files to {@link #s3PodPrefix}.
 */
record LogDestination(Path podDir, Optional<S3Uri> s3PodPrefix) {
    static final String MODELS = "models";

    /** The destination, or empty (logging off, said in the log) when the store cannot be told from the model's location. */
    static Optional<LogDestination> of(ServingConfig serving) {
        ServingConfig.PredictionLog config = serving.predictionLog();
        String below = PredictionLog.ROOT + "/" + config.namespace() + "/"
                + config.service().orElseGet(() -> ArtifactReader.servedName(serving.model().dir(), serving.model().name())) + "/"
                + config.pod().orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local"));
        Optional<String> s3Model = serving.model().uri().filter(S3Uri::isS3);
        if (s3Model.isPresent()) {
            Optional<S3Root> store = s3StoreOf(s3Model.get());
            if (store.isEmpty()) {
                unknown(s3Model.get());
                return Optional.empty();
            }
            return Optional.of(new LogDestination(config.spool().resolve(below), Optional.of(store.get().resolve(below))));
        }
        Optional<Path> store = config.store().or(() -> storeOf(serving.model().dir()));
        if (store.isEmpty()) {
            unknown(serving.model().dir().toString());
            return Optional.empty();
        }
        return Optional.of(new LogDestination(store.get().resolve(below), Optional.empty()));
    }

    private static void unknown(String model) {
        Logger.getLogger(LogDestination.class).errorf("prediction logging is on but the store is unknown: %s is not"
                + " <store>/models/<model>/<version>; on a claim, set mlops.prediction-log.store. Nothing is logged.", model);
    }

    /** The store root above {@code <store>/models/<model>/<version>}. */
    static Optional<Path> storeOf(Path modelDir) {
        Path models = modelDir.toAbsolutePath().normalize().getParent();
        models = models == null ? null : models.getParent();
        return models != null && models.getFileName() != null && MODELS.equals(models.getFileName().toString())
                ? Optional.ofNullable(models.getParent()) : Optional.empty();
    }

    /**
     * The store root above {@code s3://<bucket>/[<root>/]models/<model>/<version>}, as a bucket and a key prefix to
     * which {@link S3Uri#resolve} appends; a store at the bucket's top is the bucket with an empty root.
     */
    static Optional<S3Root> s3StoreOf(String modelUri) {
        S3Uri model;
        try {
            model = S3Uri.parse(modelUri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] segments = model.key().split("/");
        int n = segments.length;
        if (n < 3 || !MODELS.equals(segments[n - 3])) {
            return Optional.empty();
        }
        String root = String.join("/", Arrays.copyOf(segments, n - 3));
        return Optional.of(new S3Root(model.bucket(), root));
    }

    /** A store's root on S3; {@code root} is empty for a store at the top of its bucket. */
    record S3Root(String bucket, String root) {
        S3Uri resolve(String relative) {
            return new S3Uri(bucket, root.isEmpty() ? relative : root + "/" + relative);
        }
    }
}
