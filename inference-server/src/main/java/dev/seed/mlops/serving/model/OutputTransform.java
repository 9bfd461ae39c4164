package dev.seed.mlops.serving.model;

import java.util.Map;

/** How an XGBoost objective turns summed margins into the prediction, in float arithmetic like XGBoost. */
enum OutputTransform {
    IDENTITY {
        @Override
        void apply(float[] margins, int from, int count) {
        }

        @Override
        float baseMargin(float baseScore) {
            return baseScore;
        }
    },
    SIGMOID {
        @Override
        void apply(float[] margins, int from, int count) {
            for (int i = from; i < from + count; i++) {
                margins[i] = 1.0f / (1.0f + (float) Math.exp(-margins[i]));
            }
        }

        @Override
        float baseMargin(float baseScore) {
            return (float) -Math.log(1.0f / baseScore - 1.0f);
        }
    },
    EXP {
        @Override
        void apply(float[] margins, int from, int count) {
            for (int i = from; i < from + count; i++) {
                margins[i] = (float) Math.exp(margins[i]);
            }
        }

        @Override
        float baseMargin(float baseScore) {
            return (float) Math.log(baseScore);
        }
    },
    SOFTMAX {
        @Override
        void apply(float[] margins, int from, int count) {
            float max = margins[from];
            for (int i = from + 1; i < from + count; i++) {
                max = Math.max(max, margins[i]);
            }
            float sum = 0f;
            for (int i = from; i < from + count; i++) {
                margins[i] = (float) Math.exp(margins[i] - max);
                sum += margins[i];
            }
            for (int i = from; i < from + count; i++) {
                margins[i] /= sum;
            }
        }

        @Override
        float baseMargin(float baseScore) {
            return baseScore;
        }
    };

    /** The objectives the fast path reproduces; others are served by DJL. */
    private static final Map<String, OutputTransform> BY_OBJECTIVE = Map.ofEntries(
            Map.entry("binary:logistic", SIGMOID),
            Map.entry("reg:logistic", SIGMOID),
            Map.entry("binary:logitraw", IDENTITY),
            Map.entry("reg:squarederror", IDENTITY),
            Map.entry("reg:squaredlogerror", IDENTITY),
            Map.entry("reg:pseudohubererror", IDENTITY),
            Map.entry("reg:absoluteerror", IDENTITY),
            Map.entry("count:poisson", EXP),
            Map.entry("reg:gamma", EXP),
            Map.entry("reg:tweedie", EXP),
            Map.entry("multi:softprob", SOFTMAX));

    static OutputTransform forObjective(String objective) {
        return BY_OBJECTIVE.get(objective);
    }

    /** Transforms {@code count} margins starting at {@code from} in place. */
    abstract void apply(float[] margins, int from, int count);

    /** The margin a base score (stored in prediction space) starts from. */
    abstract float baseMargin(float baseScore);
}
