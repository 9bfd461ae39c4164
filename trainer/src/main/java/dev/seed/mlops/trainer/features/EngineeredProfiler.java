package dev.seed.mlops.trainer.features;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.features.FeaturePipeline;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.prepare.Profiler;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift baseline of the features a Dataset's transforms compute ({@link DataProfile#engineered()}): the training
 * split's rows through the fitted pipeline, each engineered model feature profiled by the rules of the raw ones, on
 * the 32-bit float the model gets, which is what the inference server bins.
 */
public final class EngineeredProfiler {
    private EngineeredProfiler() {
    }

    /** @param train the training split the transforms were fitted on */
    public static List<FeatureProfile> profile(FittedTransforms fitted, Table train) {
        FeaturePipeline pipeline = fitted.compile();
        int inputs = pipeline.inputs().size();
        int width = pipeline.features().size();
        // The model's features are the raw inputs, then the engineered ones.
        List<TypedColumn> engineered = pipeline.features().subList(inputs, width);
        RawColumns raw = new RawColumns(pipeline.inputs(), train);
        // Only the engineered columns are kept (deciles need every value); each row's vector is reused.
        double[][] columns = new double[engineered.size()][train.rows()];
        double[] row = pipeline.newRow();
        float[] features = new float[width];
        for (int r = 0; r < train.rows(); r++) {
            raw.fill(row, r);
            pipeline.transform(row, features, 0);
            for (int e = 0; e < columns.length; e++) {
                columns[e][r] = features[inputs + e];
            }
        }
        List<FeatureProfile> profiles = new ArrayList<>(engineered.size());
        for (int e = 0; e < columns.length; e++) {
            TypedColumn column = engineered.get(e);
            profiles.add(column.isCategorical()
                    ? Profiler.categorical(column.name(), column.categories(), columns[e])
                    : Profiler.numeric(column.name(), columns[e]));
        }
        return profiles;
    }
}
