package dev.seed.mlops.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits declared transforms, in order, on the rows of a training split: each transform is fitted on its input columns
 * as the earlier transforms computed them, through the same bound steps serving uses. Only the rows given are read,
 * so nothing of a validation or test split can reach a fitted parameter.
 */
public final class PipelineFitter {
    private PipelineFitter() {
    }

    /**
     * @param inputs    the raw feature columns, categories coded as in {@code columns}
     * @param label     the label column, which no transform may read (that would leak the answer into the features)
     * @param declared  the transforms as declared
     * @param columns   the training rows, column-wise: {@code columns[i]} holds input i as {@link Values} codes it
     * @throws InvalidTransformException naming the transform and the column when one cannot be fitted
     */
    public static FittedTransforms fit(List<TypedColumn> inputs, String label, List<TransformDeclaration> declared,
            double[][] columns) {
        checkReferences(inputs, label, declared);
        ColumnLayout layout = new ColumnLayout();
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            layout.add(inputs.get(i).name(), inputs.get(i), true);
            values.add(columns[i]);
        }
        int rows = columns.length == 0 ? 0 : columns[0].length;
        List<FittedTransform> fitted = new ArrayList<>();
        for (TransformDeclaration declaration : declared) {
            TransformParameters.check(declaration);
            FittedTransform transform = TransformFitting.fit(declaration, layout, values);
            int before = layout.size();
            Step step = transform.bind(layout);
            values.addAll(compute(step, values, before, layout.size(), rows));
            fitted.add(transform);
        }
        return new FittedTransforms(FittedTransforms.CURRENT_FORMAT_VERSION, inputs, fitted);
    }

    /** Runs a step over every row and returns the columns it added (slots before..after-1). */
    private static List<double[]> compute(Step step, List<double[]> values, int before, int after, int rows) {
        List<double[]> added = new ArrayList<>();
        for (int slot = before; slot < after; slot++) {
            added.add(new double[rows]);
        }
        double[] row = new double[after];
        for (int r = 0; r < rows; r++) {
            for (int slot = 0; slot < before; slot++) {
                row[slot] = values.get(slot)[r];
            }
            step.apply(row);
            for (int slot = before; slot < after; slot++) {
                added.get(slot - before)[r] = row[slot];
            }
        }
        return added;
    }

    /**
     * Names: unique, not a raw column, not read before they are made (so no cycle can form), never the label. Checked
     * for every transform before any is fitted, so the first message is about the first mistake in the list.
     */
    private static void checkReferences(List<TypedColumn> inputs, String label, List<TransformDeclaration> declared) {
        Set<String> later = new HashSet<>();
        declared.forEach(d -> later.add(d.name()));
        Set<String> known = new HashSet<>();
        inputs.forEach(c -> known.add(c.name()));
        for (TransformDeclaration declaration : declared) {
            for (String column : declaration.inputs()) {
                if (column.equals(label)) {
                    throw new InvalidTransformException(declaration.name(), "column '" + column + "' is the label;"
                            + " a feature computed from the label leaks the answer into the model's input");
                }
                if (column.equals(declaration.name())) {
                    throw new InvalidTransformException(declaration.name(), "reads its own output column '" + column
                            + "' (a cycle); read a raw column or an earlier transform");
                }
                if (!known.contains(column) && later.contains(column)) {
                    throw new InvalidTransformException(declaration.name(), "column '" + column + "' is made by a"
                            + " later transform; transforms may read only raw columns and earlier transforms, so list it first");
                }
            }
            known.add(declaration.name());
            if (declaration.indicatorName() != null) {
                known.add(declaration.indicatorName());
            }
        }
    }
}
