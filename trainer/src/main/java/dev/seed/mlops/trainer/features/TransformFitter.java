package dev.seed.mlops.trainer.features;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.features.InvalidTransformException;
import dev.seed.mlops.features.PipelineFitter;
import dev.seed.mlops.features.TransformDeclaration;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.Table;
import java.util.List;
import java.util.Optional;

/** The prepare step that fits a Dataset's declared transforms on the training split, and on nothing else. */
public final class TransformFitter {
    private TransformFitter() {
    }

    /**
     * @param train   the training split only: validation and test rows must not shape a fitted parameter
     * @param profile the snapshot's profile, whose categories are the raw columns' vocabularies
     * @return the fitted transforms, or empty when the spec declares none
     * @throws TrainerException (bad input, exit 2) naming the transform and the column it cannot fit
     */
    public static Optional<FittedTransforms> fit(DatasetSpec spec, Table train, DataProfile profile) {
        if (spec.getTransforms() == null || spec.getTransforms().isEmpty()) {
            return Optional.empty();
        }
        List<TransformDeclaration> declared = spec.getTransforms().stream()
                .map(transform -> Json.mapper().convertValue(transform, TransformDeclaration.class)).toList();
        List<TypedColumn> inputs = RawColumns.inputs(profile);
        try {
            return Optional.of(PipelineFitter.fit(inputs, spec.getSchema().getLabel().getName(), declared,
                    new RawColumns(inputs, train).columns(train.rows())));
        } catch (InvalidTransformException e) {
            throw new TrainerException("spec.transforms: " + e.getMessage() + ": rule transforms");
        }
    }
}
