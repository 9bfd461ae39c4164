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
import dev.seed.mlops.serving.model.ArtifactDownload;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
    private final Supplier<S3Settings> s3Settings;

    BatchShard(ObjectMapper json, Clock clock) {
        this(json, clock, S3Settings::fromEnvironment);
    }

    /** @param s3Settings how to reach the object store, asked only when a location is on s3:// */
    BatchShard(ObjectMapper json, Clock clock, Supplier<S3Settings> s3Settings) {
        this.json = json;
        this.clock = clock;
        this.s3Settings = s3Settings;
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
            return new JobResult(ShardResults.COMMAND, false, null, options.output(), null, null, null,
                    ShardResults.shardMetrics(options.shard(), 0, 0), message);
        }
    }

    JobResult run(ShardOptions options) throws IOException {
        Path scratch = Files.createTempDirectory("mlops-shard-");
        try (RunStore store = new RunStore(s3Settings)) {
            return run(options, store, scratch);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private JobResult run(ShardOptions options, RunStore store, Path scratch) throws IOException {
        long started = clock.millis();
        Path artifactDir = Path.of(options.artifact());
        if (S3Uri.isS3(options.artifact())) {
            artifactDir = scratch.resolve("model");
            ArtifactDownload.fetch(options.artifact(), artifactDir, s3Settings.get());
        }
        ModelArtifact artifact = new ArtifactReader(json).read(artifactDir, Optional.empty(), Optional.empty());
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        try (ServedModel model = new ServedModel(artifact, schema,
                new EngineSelector(new XgboostTreeCompiler(json)).open(artifact, FeatureSchema.modelInputs(artifact.manifest()), EngineChoice.AUTO))) {
            DriftMonitor drift = DriftMonitor.create(schema, model.modelSchema(), artifact.outputWidth(), "binary".equals(artifact.manifest().task()),
                    artifact.profile(), artifact.baselineDigest(), WHOLE_BATCH, clock);
            ShardScorer scorer = new ShardScorer(model, drift, options.idColumn().orElse(null), options.passThrough());
            RunOutput output = new RunOutput(options.output(), store, scratch, json);
            long rows;
            try (ShardRows input = new ShardRows(options.inputs(), new ShardInputs(store, scratch), options.shard(), options.shards())) {
                rows = output.writePart(options.shard(), out -> scorer.score(input, out));
            }
            double seconds = (clock.millis() - started) / 1000.0;
            output.writeSummary(new ShardSummary(options.shard(), options.shards(), model.name(), model.version(), rows, rows,
                    seconds, drift.report()));
            Optional<RunManifest> published = output.publishIfComplete(options.shards());
            return ShardResults.succeeded(options, rows, seconds, published);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The input files in the order they are read. */
    static List<String> inputs(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
