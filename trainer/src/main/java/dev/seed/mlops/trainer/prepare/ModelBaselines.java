package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.trainer.TrainerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift baseline of a model brought by hand, taken from a Dataset snapshot's profile: the entries of the model's
 * features, in its order, as prepare's {@link Profiler} computed them (the one implementation of a profile). It has
 * no {@code _prediction}: no training run scored a test split with the model.
 */
public final class ModelBaselines {
    private ModelBaselines() {
    }

    /**
     * @param snapshot    the snapshot's profile.json
     * @param features    the ModelVersion's features, in the model's order
     * @param snapshotUri where the snapshot is, for messages
     */
    public static DataProfile of(DataProfile snapshot, List<FeatureColumn> features, String snapshotUri) {
        Map<String, FeatureProfile> columns = new LinkedHashMap<>();
        snapshot.engineered().forEach(column -> columns.put(column.name(), column));
        snapshot.features().forEach(column -> columns.put(column.name(), column));
        List<FeatureProfile> picked = new ArrayList<>();
        for (FeatureColumn feature : features) {
            FeatureProfile column = columns.get(feature.getName());
            if (column == null) {
                throw new TrainerException("feature '" + feature.getName() + "' of the model is not a column of the snapshot "
                        + snapshotUri + " (its columns: " + String.join(", ", columns.keySet()) + "): rule baseline-features");
            }
            String type = feature.getType() == null ? null : feature.getType().name();
            if (!column.type().equals(type)) {
                throw new TrainerException("feature '" + feature.getName() + "' is " + type + " in the model but "
                        + column.type() + " in the snapshot " + snapshotUri + ": rule baseline-features");
            }
            picked.add(column);
        }
        return new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, snapshot.datasetDigest(), snapshot.rows(), picked);
    }
}
