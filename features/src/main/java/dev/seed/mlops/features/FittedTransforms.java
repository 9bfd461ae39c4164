package dev.seed.mlops.features;

import java.util.ArrayList;
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

    /** At most this many transforms are summed up in status; the rest are counted. */
    public static final int MAX_SUMMARIES = 16;
    /** A summary longer than this is cut: status and a Job's 4096-byte termination message stay small. */
    public static final int MAX_SUMMARY_CHARS = 160;

    /** '<name>: <fitted parameters>' per transform, at most {@link #MAX_SUMMARIES} and then how many more. */
    public List<String> summaries() {
        List<String> lines = new ArrayList<>();
        for (FittedTransform transform : transforms.subList(0, Math.min(MAX_SUMMARIES, transforms.size()))) {
            String line = transform.name() + ": " + transform.describe();
            lines.add(line.length() <= MAX_SUMMARY_CHARS ? line : line.substring(0, MAX_SUMMARY_CHARS - 3) + "...");
        }
        if (transforms.size() > MAX_SUMMARIES) {
            lines.add("... and " + (transforms.size() - MAX_SUMMARIES) + " more in transforms.json");
        }
        return lines;
    }

    public FeaturePipeline compile() {
        if (formatVersion != CURRENT_FORMAT_VERSION) {
            throw new IllegalArgumentException("fitted transforms have formatVersion " + formatVersion
                    + "; this program reads " + CURRENT_FORMAT_VERSION);
        }
        return FeaturePipeline.compile(inputs, transforms);
    }
}
