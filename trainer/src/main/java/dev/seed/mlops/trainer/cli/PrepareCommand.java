package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.prepare.Preparer;
import dev.seed.mlops.trainer.prepare.SnapshotResult;
import dev.seed.mlops.trainer.source.SourceReaders;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prepare", mixinStandardHelpOptions = true,
        header = "Validate, split and profile a Dataset's source into an immutable snapshot.",
        description = "Reads the source (pvc://, https:// or a local path; csv, jsonl or parquet as spec.format says; "
                + "*.gz is gunzipped), checks it against the "
                + "schema and validation rules, splits it by seed and profiles it, then writes "
                + "<store>/datasets/<name>/sha256-<hex of the source bytes>/ with train.csv, validation.csv, test.csv, "
                + "profile.json, validation-report.json and dataset.json, all at once.")
final class PrepareCommand implements Callable<Integer> {
    static final String NAME = "prepare";

    @Mixin
    CommonOptions common;

    @Option(names = "--spec", required = true, paramLabel = "FILE|JSON",
            description = "The Dataset's spec (mlops.seed.dev/v1alpha1 DatasetSpec): JSON inline, or a JSON or YAML file holding "
                    + "the spec or the whole Dataset (as config/samples/01-dataset.yaml).")
    String spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The Dataset's name (a DNS label).")
    String name;

    @Option(names = "--store", required = true, paramLabel = "URI|DIR",
            description = "The artifact store: pvc://<claim>[/<prefix>] or a local directory.")
    String store;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            DatasetSpec datasetSpec = Json.readSpec(spec, DatasetSpec.class);
            if (datasetSpec.getSource() == null || datasetSpec.getSchema() == null) {
                throw new TrainerException("the Dataset spec needs source and schema");
            }
            Progress progress = new Progress(System.out, NAME);
            SnapshotResult snapshot = new Preparer(SourceReaders.standard(common.pvcRoot), progress)
                    .prepare(datasetSpec, name, StoreLocation.parse(store, common.pvcRoot));
            return new JobResult(NAME, true, snapshot.digest(), snapshot.uri(), snapshot.rows(), snapshot.trainRows(),
                    snapshot.testRows(), null, String.format("prepared %d rows in %.1f s%s", snapshot.rows(),
                            progress.elapsedSeconds(), snapshot.reused() ? " (snapshot existed already)" : ""),
                    snapshot.transforms());
        });
    }
}
