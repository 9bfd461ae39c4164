package dev.seed.mlops.serving.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.TerminationLog;
import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.EngineSelector;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.model.XgboostTreeCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One shard of a BatchPrediction run: loads the model artifact as the inference server does (same reader, same engine
 * choice, the compiled tree walk when it reproduces XGBoost), scores its rows into its part, and publishes the run's
 * manifest if it is the last shard to finish. Runs without Quarkus, on the inference-server image's class path.
 */
public final class BatchShard {
    /** A window that never slides: the drift of a batch is over all of its rows. */
    private static final DriftMonitor.WindowSpec WHOLE_BATCH = new DriftMonitor.WindowSpec(Long.MAX_VALUE, 0, 1);

    private final ObjectMapper json;
    private final Clock clock;

    BatchShard(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        ShardOptions options;
        try {
            options = ShardOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        JobResult result = new BatchShard(json, Clock.systemUTC()).runReporting(options);
        System.out.println(result.message());
        options.terminationLog().ifPresent(path -> new TerminationLog(path, System.err).write(result));
        System.exit(result.success() ? 0 : 1);
    }

    /** Runs the shard; a failure becomes an unsuccessful result with its message, as the operator reads it. */
    JobResult runReporting(ShardOptions options) {
        try {
            return run(options);
        } catch (IOException | RuntimeException e) {
            String message = "shard " + options.shard() + " of " + options.shards() + " failed: " + e.getMessage();
            return new JobResult(ShardResults.COMMAND, false, null, options.output().toString(), null, null, null,
                    ShardResults.shardMetrics(options.shard(), 0, 0), message);
        }
    }

    JobResult run(ShardOptions options) throws IOException {
        long started = clock.millis();
        ModelArtifact artifact = new ArtifactReader(json).read(options.artifact(), Optional.empty(), Optional.empty());
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        try (ServedModel model = new ServedModel(artifact, schema,
                new EngineSelector(new XgboostTreeCompiler(json)).open(artifact, FeatureSchema.modelInputs(artifact.manifest()), EngineChoice.AUTO))) {
            DriftMonitor drift = DriftMonitor.create(schema, model.modelSchema(), artifact.outputWidth(), "binary".equals(artifact.manifest().task()),
                    artifact.profile(), artifact.baselineDigest(), WHOLE_BATCH, clock);
            ShardScorer scorer = new ShardScorer(model, drift, options.idColumn().orElse(null), options.passThrough());
            RunOutput output = new RunOutput(options.output(), json);
            long rows;
            try (ShardRows input = new ShardRows(options.inputs(), options.shard(), options.shards())) {
                rows = output.writePart(options.shard(), out -> scorer.score(input, out));
            }
            double seconds = (clock.millis() - started) / 1000.0;
            output.writeSummary(new ShardSummary(options.shard(), options.shards(), model.name(), model.version(), rows, rows,
                    seconds, drift.report()));
            Optional<RunManifest> published = output.publishIfComplete(options.shards());
            return ShardResults.succeeded(options, rows, seconds, published);
        }
    }

    /** The input files in the order they are read. */
    static List<Path> inputs(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
