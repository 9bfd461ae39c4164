package dev.seed.mlops.operator.batch;

import dev.seed.mlops.api.v1alpha1.BatchDatasetInput;
import dev.seed.mlops.api.v1alpha1.BatchInputSplit;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.operator.common.Conditions;
import java.util.List;
import java.util.Optional;

/** Which files of a Dataset snapshot a run reads: the snapshot a TrainingJob would take, and the split's files. */
final class BatchInputs {
    private BatchInputs() {
    }

    /** The pinned snapshot if the Dataset has it, else the latest snapshot of a Ready Dataset. */
    static Optional<String> snapshotUri(BatchDatasetInput input, Optional<Dataset> dataset) {
        if (dataset.isEmpty() || dataset.get().getStatus() == null) {
            return Optional.empty();
        }
        if (input.getSnapshot() != null) {
            return dataset.get().getStatus().getSnapshots().stream().filter(s -> input.getSnapshot().equals(s.getDigest()))
                    .findFirst().map(DatasetSnapshot::getUri);
        }
        return Conditions.isTrue(dataset.get().getStatus(), Conditions.READY)
                ? Optional.ofNullable(dataset.get().getStatus().getLatestSnapshot()).map(DatasetSnapshot::getUri) : Optional.empty();
    }

    static List<String> splitFiles(String snapshotUri, BatchInputSplit split) {
        String base = snapshotUri.endsWith("/") ? snapshotUri : snapshotUri + "/";
        List<String> files = switch (split == null ? BatchInputSplit.all : split) {
            case all -> List.of(ArtifactFiles.TRAIN_SPLIT, ArtifactFiles.VALIDATION_SPLIT, ArtifactFiles.TEST_SPLIT);
            case train -> List.of(ArtifactFiles.TRAIN_SPLIT);
            case validation -> List.of(ArtifactFiles.VALIDATION_SPLIT);
            case test -> List.of(ArtifactFiles.TEST_SPLIT);
        };
        return files.stream().map(file -> base + file).toList();
    }
}
