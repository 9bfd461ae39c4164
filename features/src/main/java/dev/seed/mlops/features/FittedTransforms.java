package dev.seed.mlops.features;

import java.util.List;

/**
 * The transforms of a Dataset fitted on its training split, with the raw columns they start from: transforms.json in
 * a snapshot, and {@code transforms} in a model manifest.
 *
 * @param formatVersion version of this format; readers refuse versions they do not know
 * @param inputs        the raw columns, in the order a pipeline row holds them, categories as the snapshot profiled them
 * @param transforms    the fitted transforms, in declaration order
 */
public record FittedTransforms(int formatVersion, List<TypedColumn> inputs, List<FittedTransform> transforms) {
    public static final int CURRENT_FORMAT_VERSION = 1;

    public FittedTransforms {
        inputs = List.copyOf(inputs);
        transforms = List.copyOf(transforms);
    }

    public FeaturePipeline compile() {
        if (formatVersion != CURRENT_FORMAT_VERSION) {
            throw new IllegalArgumentException("fitted transforms have formatVersion " + formatVersion
                    + "; this program reads " + CURRENT_FORMAT_VERSION);
        }
        return FeaturePipeline.compile(inputs, transforms);
    }
}
