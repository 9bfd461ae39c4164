package dev.seed.mlops.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Fitted transforms bound to a row layout: the raw inputs in slots 0..inputs-1, then each transform's outputs. A caller
 * fills a row's inputs ({@link Values} says how), then {@link #transform} computes the rest and writes the model's
 * features. The trainer, the inference server and batch prediction all go through here, so the vector a model gets is
 * the same bits wherever the row came from. Immutable and safe to share; rows are the caller's.
 */
public final class FeaturePipeline {
    private final List<TypedColumn> inputs;
    private final List<Step> steps;
    private final int width;
    private final int[] featureSlots;
    private final boolean[] categorical;
    private final List<TypedColumn> features;

    private FeaturePipeline(List<TypedColumn> inputs, List<Step> steps, ColumnLayout layout) {
        this.inputs = List.copyOf(inputs);
        this.steps = List.copyOf(steps);
        this.width = layout.size();
        List<TypedColumn> modelFeatures = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < layout.size(); slot++) {
            if (layout.isModelFeature(slot)) {
                slots.add(slot);
                modelFeatures.add(layout.column(slot));
            }
        }
        this.featureSlots = slots.stream().mapToInt(Integer::intValue).toArray();
        this.features = List.copyOf(modelFeatures);
        this.categorical = new boolean[featureSlots.length];
        for (int f = 0; f < featureSlots.length; f++) {
            categorical[f] = modelFeatures.get(f).isCategorical();
        }
    }

    /** Binds fitted transforms, in order, to the raw input columns; refuses a transform whose columns do not fit. */
    public static FeaturePipeline compile(List<TypedColumn> inputs, List<FittedTransform> transforms) {
        ColumnLayout layout = new ColumnLayout();
        for (TypedColumn input : inputs) {
            layout.add(input.name(), input, true);
        }
        List<Step> steps = new ArrayList<>();
        for (FittedTransform transform : transforms) {
            steps.add(transform.bind(layout));
        }
        return new FeaturePipeline(inputs, steps, layout);
    }

    /** The raw columns a row starts with, in slot order: what clients send. */
    public List<TypedColumn> inputs() {
        return inputs;
    }

    /** The model's features in the order it takes them: the raw inputs, then the transforms' outputs not intermediate. */
    public List<TypedColumn> features() {
        return features;
    }

    /** A row to fill: slot i (below {@code inputs().size()}) holds input i. */
    public double[] newRow() {
        return new double[width];
    }

    /**
     * Computes the transforms of a row whose inputs are filled, then writes the model's features as 32-bit floats at
     * {@code out[offset..]}: an unknown category and a number beyond the float range as NaN (missing), as XGBoost takes them.
     */
    public void transform(double[] row, float[] out, int offset) {
        for (Step step : steps) {
            step.apply(row);
        }
        for (int f = 0; f < featureSlots.length; f++) {
            double value = row[featureSlots[f]];
            float feature = categorical[f] && value == Values.UNKNOWN ? Float.NaN : (float) value;
            out[offset + f] = Float.isInfinite(feature) ? Float.NaN : feature;
        }
    }
}
