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

    interface Model {
        /** The artifact directory, normally {@code <store>/models/<model>/<version>}. */
        Path dir();

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
        /** Larger request bodies get 413 before they are parsed. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Requests with more rows get 413: one request must not hold the event loop for long. */
        @WithDefault("10000")
        int maxRows();
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

    enum EngineChoice {
        AUTO, DJL
    }
}
