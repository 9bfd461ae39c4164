package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Shard;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A prepared snapshot, read back: the spec it was prepared with, its profile and its splits. */
public record Snapshot(StoreLocation location, DatasetSpec spec, DataProfile profile) {

    public static Snapshot open(StoreLocation location) {
        Path specFile = location.path().resolve(ArtifactFiles.DATASET_SPEC);
        if (!Files.isRegularFile(specFile)) {
            throw new TrainerException("snapshot " + location.uri() + " has no " + ArtifactFiles.DATASET_SPEC
                    + "; is it a snapshot written by the prepare command?");
        }
        return new Snapshot(location, Json.read(specFile, DatasetSpec.class),
                Json.read(location.path().resolve(ArtifactFiles.PROFILE), DataProfile.class));
    }

    /** The transforms fitted on this snapshot's training split (transforms.json), if its Dataset declared any. */
    public Optional<FittedTransforms> transforms() {
        Path file = location.path().resolve(ArtifactFiles.TRANSFORMS);
        return Files.isRegularFile(file) ? Optional.of(Json.read(file, FittedTransforms.class)) : Optional.empty();
    }

    /** Reads one split file (train.csv, validation.csv, test.csv) with the snapshot's schema. */
    public Table split(String fileName) throws IOException {
        return split(fileName, Shard.ALL);
    }

    /** Reads one shard's rows of a split file, streaming: the other shards' rows are never held. */
    public Table split(String fileName, Shard shard) throws IOException {
        StoreLocation file = location.resolve(fileName);
        return TableReader.readFile(file.path(), spec.getSchema(), file.uri(), shard);
    }

    /** Reads only the label column of a split file (8 bytes a row), for what depends on every label, such as the classes. */
    public NumericColumn labels(String fileName) throws IOException {
        DataSchema labelOnly = new DataSchema();
        labelOnly.setLabel(spec.getSchema().getLabel());
        StoreLocation file = location.resolve(fileName);
        return TableReader.readFile(file.path(), labelOnly, file.uri()).label();
    }
}
