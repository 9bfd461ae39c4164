package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.evaluate.Predictions;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import dev.seed.mlops.trainer.train.ArtifactModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Score a CSV file with a model artifact.",
        description = "For batch scoring, or to check what a server answers. Writes one row per input row: binary, "
                + "P(class 1); multiclass, P(class k) for each k; regression, the value.")
final class PredictCommand implements Callable<Integer> {
    static final String NAME = "predict";

    @Mixin
    CommonOptions common;

    @Option(names = "--artifact", required = true, paramLabel = "URI|DIR", description = "The model artifact directory.")
    String artifact;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV with a header row holding the model's features (other columns are ignored).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where the predictions CSV goes.")
    Path output;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            Progress progress = new Progress(System.out, NAME);
            StoreLocation location = StoredDirectories.readable(StoreLocation.parse(artifact, common.pvcRoot));
            try (ArtifactModel model = ArtifactModel.load(location.path())) {
                Table table = TableReader.readFile(input, featureSchema(model.manifest()), input.toString());
                Predictions predictions = model.predict(table);
                write(predictions, model.manifest());
                progress.step("scored %d rows with %s into %s", table.rows(), location.uri(), output);
                return new JobResult(NAME, true, model.manifest().modelSha256(), output.toString(), (long) table.rows(),
                        null, null, null, "scored " + table.rows() + " rows");
            }
        });
    }

    /** The manifest's request features (raw columns) as a schema without a label, so any CSV holding them can be read. */
    private static DataSchema featureSchema(ModelManifest manifest) {
        DataSchema schema = new DataSchema();
        schema.setFeatures(manifest.requestFeatures().stream().map(feature -> {
            FeatureColumn column = new FeatureColumn();
            column.setName(feature.name());
            column.setType(FeatureType.valueOf(feature.type()));
            return column;
        }).toList());
        return schema;
    }

    private void write(Predictions predictions, ModelManifest manifest) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            int columns = predictions.size() == 0 ? 1 : predictions.rows()[0].length;
            StringBuilder header = new StringBuilder();
            for (int k = 0; k < columns; k++) {
                header.append(k == 0 ? "" : ",").append(columns == 1 ? "prediction" : "p" + k);
            }
            out.write(header.append('\n').toString());
            for (float[] row : predictions.rows()) {
                for (int k = 0; k < row.length; k++) {
                    out.write((k == 0 ? "" : ",") + Float.toString(row[k]));
                }
                out.write('\n');
            }
        }
    }
}
