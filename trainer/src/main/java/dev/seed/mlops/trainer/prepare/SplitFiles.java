package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.trainer.data.Row;
import dev.seed.mlops.trainer.data.RowWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The snapshot's train, validation and test files, written as the source's rows stream by in source order: a row goes
 * to the part its {@link Split} names (each part's indexes are sorted, so one cursor per part finds it).
 */
final class SplitFiles implements Closeable {
    enum Part { TRAIN, VALIDATION, TEST }

    private final Split split;
    private final RowWriter train;
    private final RowWriter validation;
    private final RowWriter test;
    private int nextValidation;
    private int nextTest;

    SplitFiles(Path directory, DataSchema schema, Split split) throws IOException {
        this.split = split;
        train = RowWriter.forSchema(directory.resolve(ArtifactFiles.TRAIN_SPLIT), schema);
        validation = RowWriter.forSchema(directory.resolve(ArtifactFiles.VALIDATION_SPLIT), schema);
        test = RowWriter.forSchema(directory.resolve(ArtifactFiles.TEST_SPLIT), schema);
    }

    /** Writes the row with this 0-based index, rows coming in source order, to its part; returns the part. */
    Part write(long index, Row row) throws IOException {
        Part part;
        if (nextTest < split.test().length && split.test()[nextTest] == index) {
            nextTest++;
            part = Part.TEST;
            test.write(row);
        } else if (nextValidation < split.validation().length && split.validation()[nextValidation] == index) {
            nextValidation++;
            part = Part.VALIDATION;
            validation.write(row);
        } else {
            part = Part.TRAIN;
            train.write(row);
        }
        return part;
    }

    @Override
    public void close() throws IOException {
        try (train; validation; test) {
            // closes all three, the first failure thrown with the others suppressed
        }
    }
}
