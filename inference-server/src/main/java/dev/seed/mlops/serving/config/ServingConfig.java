package dev.seed.mlops.serving.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything an operator or a user can set, under {@code mlops.*} (env: {@code MLOPS_MODEL_DIR} etc.). */
@ConfigMapping(prefix = "mlops")
public interface ServingConfig {

    Model model();

    Http http();

    Drift drift();

    Routing routing();

    PredictionLog predictionLog();

    interface Model {
        /**
         * The artifact directory, normally {@code <store>/models/<model>/<version>}; when {@link #uri()} is on S3, the
         * empty directory the artifact is downloaded into at start.
         */
        Path dir();

        /**
         * The artifact's URI. {@code s3://<bucket>/<key>}: downloaded into {@link #dir()} at start, every file checked
         * against the artifact's published.json (settings: the AWS_* and MLOPS_S3_PATH_STYLE environment variables, S3Settings). Unset or pvc://:
         * {@link #dir()} is read as it is.
         */
        Optional<String> uri();

        /**
         * The sha256 of the model file that the ModelVersion records (64 hex digits, optionally {@code sha256:}
         * first); the server refuses an artifact whose manifest says another.
         */
        Optional<String> sha256();

        /**
         * Where the drift baseline is when it is not the artifact's own profile.json: the directory a ModelVersion's
         * baseline Job published (its {@code status.baseline.uri}, for a model brought by hand), as a path or, on S3,
         * its {@code s3://} URI (downloaded and checked at start like the artifact). Unset: the artifact's profile.json,
         * and without one no drift is measured.
         */
        Optional<String> baseline();

        /** The model name served; defaults to the name of the directory above {@link #dir()}. */
        Optional<String> name();

        /** The version served; defaults to the name of {@link #dir()}. */
        Optional<String> version();

        /**
         * Which engine runs XGBoost models: {@code auto} compiles the trees into the pure-Java fast path and
         * falls back to DJL if the model has features the fast path lacks; {@code djl} always uses DJL.
         */
        @WithDefault("auto")
        EngineChoice engine();
    }

    interface Http {
        /** Larger request bodies get 413 before they are parsed; compressed bodies are measured inflated. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Requests with more rows get 413: one request must not hold the event loop for long. */
        @WithDefault("10000")
        int maxRows();

        /**
         * Explanations (TreeSHAP) of more rows get 400: they cost about a thousand times a prediction
         * (docs/protocol.md, Explanations).
         */
        @WithDefault("100")
        int maxExplainRows();
    }

    interface Drift {
        /** Rows in the sliding window, when the window is counted in rows. */
        @WithDefault("10000")
        int windowRows();

        /** When set, the window covers this much time instead of {@link #windowRows()} rows. */
        Optional<Duration> windowDuration();

        /** Buckets the window is cut into: the oldest bucket leaves the window as a whole. */
        @WithDefault("10")
        int buckets();
    }

    /** Exact splits and shadow mirroring (docs/routing.md); off unless {@link #configMap()} or {@link #file()} is set. */
    interface Routing {
        /** The routing ConfigMap the operator writes ({@code <isvc>-routing}); env {@code MLOPS_ROUTING_CONFIG_MAP}. */
        Optional<String> configMap();

        /** Its namespace (the pod's, from the downward API); env {@code MLOPS_ROUTING_NAMESPACE}. */
        Optional<String> namespace();

        /**
         * A routing.json read once at start-up instead of the ConfigMap: for local runs and benchmarks, never
         * set by the operator.
         */
        Optional<Path> file();

        /** How long readiness waits for the first read of the ConfigMap before the pod serves everything locally. */
        @WithDefault("5s")
        Duration syncTimeout();

        /** Connecting to the canary (or stable) Service; a forward that cannot connect in time is answered locally. */
        @WithDefault("500ms")
        Duration connectTimeout();

        /** A forwarded request whose target sends nothing for this long is answered locally. */
        @WithDefault("2s")
        Duration forwardTimeout();

        /** A mirrored request whose target sends nothing for this long counts as failed. */
        @WithDefault("5s")
        Duration shadowTimeout();

        /** Mirrors in flight at most; over it a mirror is dropped and counted, never queued behind the client. */
        @WithDefault("64")
        int shadowMaxInFlight();
    }

    /** What the pod predicted, and the labels it received, appended to the store (docs/prediction-log.md); off by default. */
    interface PredictionLog {
        /** Env {@code MLOPS_PREDICTION_LOG_ENABLED}; the operator sets it from the InferenceService's predictionLog. */
        @WithDefault("false")
        boolean enabled();

        /** Percent of requests whose predictions are logged, 0..100, drawn per request. */
        @WithDefault("100")
        int samplePercent();

        /** Log files of the service older than this are deleted by any of its pods. */
        @WithDefault("168h")
        Duration retention();

        /**
         * The artifact store's root, writable; defaults to the directory that holds {@code models/} above
         * {@link Model#dir()} ({@code <store>/models/<model>/<version>}).
         */
        Optional<Path> store();

        /** The namespace in the log's path; env {@code MLOPS_PREDICTION_LOG_NAMESPACE} (downward API). */
        @WithDefault("default")
        String namespace();

        /** The InferenceService in the log's path; defaults to the model name. */
        Optional<String> service();

        /** The pod in the log's path; defaults to the host name, which Kubernetes sets to the pod's name. */
        Optional<String> pod();

        /** A file is completed and a new one started when it reaches this many compressed bytes... */
        @WithDefault("16777216")
        long maxFileBytes();

        /**
         * ... or this age. Default 10m on a claim; 1m when the model is read from s3://, where a file reaches the store
         * only once it is complete.
         */
        Optional<Duration> maxFileAge();

        /** Lines waiting for the writer at most; requests past this bound are not logged (and counted as dropped). */
        @WithDefault("100000")
        int maxQueuedLines();

        /** Requests whose ids the feedback endpoint recognises as served by this pod, the most recent ones. */
        @WithDefault("100000")
        int servedIds();

        /** How often the writer deletes expired files. */
        @WithDefault("5m")
        Duration sweepInterval();

        /** On shutdown, how long queued lines may still be written before the rest is dropped. */
        @WithDefault("5s")
        Duration drainTimeout();

        /** When the model is read from s3://: the local directory files are written in before they are uploaded. */
        @WithDefault("/tmp/prediction-log")
        Path spool();

        /** When the model is read from s3://: how often completed files are uploaded. */
        @WithDefault("10s")
        Duration uploadInterval();

        /** When the model is read from s3://: how long a file that cannot be uploaded is retried before it is dropped. */
        @WithDefault("1h")
        Duration uploadGiveUp();
    }

    enum EngineChoice {
        AUTO, DJL
    }
}
