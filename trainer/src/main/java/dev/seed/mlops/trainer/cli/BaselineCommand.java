package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.prepare.ModelBaselines;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.nio.file.FileAlreadyExistsException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// Not mixinStandardHelpOptions, as train: the spec has a version of its own.
@Command(name = "baseline",
        header = "Write the drift baseline of a model brought by hand from a Dataset snapshot's profile.",
        description = "Takes the model's features (its ModelVersion spec) from the snapshot's profile.json, as prepare "
                + "profiled them, and writes <store>/baselines/<model>/<version>/sha256-<snapshot>/profile.json all at once. "
                + "Written again for the same snapshot, the baseline is kept.")
final class BaselineCommand implements Callable<Integer> {
    static final String NAME = "baseline";

    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--spec", required = true, paramLabel = "FILE|JSON",
            description = "The ModelVersion's spec (model, version, schema.features): JSON inline, or a JSON or YAML file.")
    String spec;

    @Option(names = "--snapshot", required = true, paramLabel = "URI|DIR",
            description = "The Dataset snapshot: pvc://<claim>/datasets/<name>/sha256-<hex>, s3://... or a local directory.")
    String snapshot;

    @Option(names = "--store", required = true, paramLabel = "URI|DIR",
            description = "The artifact store the baseline is written to: pvc://<claim>[/<prefix>], s3://... or a local directory.")
    String store;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            ModelVersionSpec version = Json.readSpec(spec, ModelVersionSpec.class);
            if (version.getModel() == null || version.getVersion() == null || version.getSchema() == null) {
                throw new TrainerException("the ModelVersion spec needs model, version and schema");
            }
            StoreLocation source = StoreLocation.parse(snapshot, common.pvcRoot);
            DataProfile snapshotProfile = Json.mapper().readValue(
                    StoredDirectories.readFile(source, ArtifactFiles.PROFILE), DataProfile.class);
            DataProfile baseline = ModelBaselines.of(snapshotProfile, version.getSchema().getFeatures(), source.uri());
            StoreLocation target = StoreLocation.parse(store, common.pvcRoot).resolve(StoreLayout.baseline(version.getModel(),
                    version.getVersion(), snapshotProfile.datasetDigest()));
            String kept = "";
            try {
                StoredDirectories.publish(target, directory -> Json.write(directory.resolve(ArtifactFiles.PROFILE), baseline));
            } catch (FileAlreadyExistsException e) {
                kept = " (kept: it was written before)";
            }
            return new JobResult(NAME, true, snapshotProfile.datasetDigest(), target.uri(), baseline.rows(), null, null, null,
                    String.format("baseline of %d features from %s, %d rows%s", baseline.features().size(), source.uri(),
                            baseline.rows(), kept));
        });
    }
}
