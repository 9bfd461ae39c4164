package dev.seed.mlops.trainer.features;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.features.FeaturePipeline;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.features.Values;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's raw feature columns as a feature pipeline reads them ({@link Values}): numbers as they are, a category as its
 * index in the column's vocabulary (the snapshot profile's categories), missing as NaN, a category outside the
 * vocabulary as unknown.
 */
public final class RawColumns {
    private final List<TypedColumn> inputs;
    private final Column[] columns;
    private final double[][] codesByDictionary;

    public RawColumns(List<TypedColumn> inputs, Table table) {
        this.inputs = List.copyOf(inputs);
        Map<String, Column> byName = new HashMap<>();
        table.features().forEach(column -> byName.put(column.name(), column));
        this.columns = new Column[inputs.size()];
        this.codesByDictionary = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            TypedColumn input = inputs.get(i);
            Column column = byName.get(input.name());
            if (column == null || !column.type().name().equals(input.type().name())) {
                throw new TrainerException("the transforms read the " + input.type() + " column '" + input.name()
                        + "', which the data does not have as " + input.type());
            }
            columns[i] = column;
            if (column instanceof CategoricalColumn categorical) {
                codesByDictionary[i] = categorical.dictionary().stream()
                        .mapToDouble(value -> Values.code(input.categories(), value)).toArray();
            }
        }
    }

    /** The raw columns of a snapshot's schema: every feature, categories as its profile lists them. */
    public static List<TypedColumn> inputs(DataProfile profile) {
        return profile.features().stream().map(feature -> "categorical".equals(feature.type())
                ? TypedColumn.categorical(feature.name(), feature.categories())
                : TypedColumn.numeric(feature.name())).toList();
    }

    /** Input i's value at a row, coded as a pipeline row holds it. */
    public double value(int input, int row) {
        Column column = columns[input];
        if (column instanceof NumericColumn numeric) {
            return numeric.get(row);
        }
        int code = ((CategoricalColumn) column).code(row);
        return code == CategoricalColumn.MISSING ? Values.MISSING : codesByDictionary[input][code];
    }

    /** Column-wise, every row: what a transform is fitted on. */
    public double[][] columns(int rows) {
        double[][] values = new double[inputs.size()][rows];
        for (int i = 0; i < inputs.size(); i++) {
            for (int row = 0; row < rows; row++) {
                values[i][row] = value(i, row);
            }
        }
        return values;
    }

    /** Every row through the pipeline: the model's features, row-major, as the inference server computes them. */
    public float[] transform(FeaturePipeline pipeline, int rows) {
        int width = pipeline.features().size();
        float[] matrix = new float[rows * width];
        double[] row = pipeline.newRow();
        for (int r = 0; r < rows; r++) {
            fill(row, r);
            pipeline.transform(row, matrix, r * width);
        }
        return matrix;
    }

    /** Sets a pipeline row's inputs to a table row's values. */
    public void fill(double[] row, int tableRow) {
        for (int i = 0; i < inputs.size(); i++) {
            row[i] = value(i, tableRow);
        }
    }
}
