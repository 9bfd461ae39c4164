package dev.seed.mlops.serving.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;

/**
 * Compiles an XGBoost model file (JSON or UBJSON, XGBoost's two model formats) into a {@link TreeEnsemble}.
 * The legacy binary format, and models using features the fast path lacks, are left to DJL.
 */
public final class XgboostTreeCompiler {

    private final ObjectMapper json;

    public XgboostTreeCompiler(ObjectMapper json) {
        this.json = json;
    }

    /** The compiled ensemble, or empty with the reason when the model uses something the fast path lacks. */
    public Result compile(ModelArtifact artifact) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(artifact.modelFile());
        } catch (IOException e) {
            throw new InvalidArtifactException("cannot read " + artifact.modelFile() + ": " + e.getMessage(), e);
        }
        JsonNode model;
        if (isJson(bytes)) {
            try {
                model = json.readTree(bytes);
            } catch (IOException e) {
                return Result.unsupported("a model file that is not valid JSON: " + e.getMessage());
            }
        } else if (bytes.length > 0 && bytes[0] == '{') {
            model = Ubjson.read(bytes);
        } else {
            return Result.unsupported("XGBoost's legacy binary model format");
        }
        return compile(model, artifact.featureCount(), artifact.outputWidth());
    }

    /** A JSON object starts with '{' and then a key or '}'; a UBJSON object's '{' is followed by a type marker. */
    private static boolean isJson(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i == bytes.length || bytes[i] != '{') {
            return false;
        }
        i++;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && (bytes[i] == '"' || bytes[i] == '}');
    }

    Result compile(JsonNode root, int featureCount, int outputWidth) {
        JsonNode learner = root.path("learner");
        String objective = learner.path("objective").path("name").asText();
        OutputTransform transform = OutputTransform.forObjective(objective);
        if (transform == null) {
            return Result.unsupported("objective " + objective);
        }
        JsonNode booster = learner.path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            return Result.unsupported("booster " + booster.path("name").asText());
        }
        JsonNode params = learner.path("learner_model_param");
        int groups = Math.max(1, params.path("num_class").asInt(0));
        if (groups != outputWidth || params.path("num_target").asInt(1) != 1) {
            return Result.unsupported(groups + " output groups where the manifest expects " + outputWidth);
        }
        JsonNode trees = booster.path("model").path("trees");
        JsonNode treeInfo = booster.path("model").path("tree_info");
        int nodeCount = 0;
        for (JsonNode tree : trees) {
            if (tree.path("tree_param").path("size_leaf_vector").asInt(1) > 1) {
                return Result.unsupported("vector leaves");
            }
            for (JsonNode splitType : tree.path("split_type")) {
                if (splitType.asInt() != 0) {
                    return Result.unsupported("categorical splits");
                }
            }
            nodeCount += tree.path("left_children").size();
        }
        TreeArrays arrays = new TreeArrays(trees.size(), nodeCount);
        for (int t = 0; t < trees.size(); t++) {
            String problem = arrays.add(t, trees.get(t), treeInfo.path(t).asInt(0), featureCount);
            if (problem != null) {
                return Result.unsupported(problem);
            }
        }
        float baseMargin = transform.baseMargin(baseScore(params.path("base_score").asText()));
        float[] baseMargins = new float[groups];
        Arrays.fill(baseMargins, baseMargin);
        return new Result(Optional.of(arrays.build(featureCount, outputWidth, baseMargins, transform)), null);
    }

    /** XGBoost writes the base score as "5E-1", or as a one-element vector "[5E-1]" in newer releases. */
    private static float baseScore(String text) {
        return Float.parseFloat(text.replace("[", "").replace("]", "").trim());
    }

    /** What {@link #compile} produced: the ensemble, or why there is none. */
    public record Result(Optional<TreeEnsemble> ensemble, String unsupportedBecause) {
        static Result unsupported(String what) {
            return new Result(Optional.empty(), "the fast path does not support " + what);
        }
    }

    /** The flat arrays all trees' nodes are copied into, each tree's node ids offset by where it starts. */
    private static final class TreeArrays {
        private final int[] roots;
        private final int[] treeGroup;
        private final int[] splitFeature;
        private final float[] thresholdOrValue;
        private final int[] leftChild;
        private final int[] rightChild;
        private final int[] missingChild;
        private int next;

        TreeArrays(int trees, int nodes) {
            roots = new int[trees];
            treeGroup = new int[trees];
            splitFeature = new int[nodes];
            thresholdOrValue = new float[nodes];
            leftChild = new int[nodes];
            rightChild = new int[nodes];
            missingChild = new int[nodes];
        }

        /** Adds one tree; returns a problem that rules the fast path out, or null. */
        String add(int index, JsonNode tree, int group, int featureCount) {
            JsonNode left = tree.path("left_children");
            JsonNode right = tree.path("right_children");
            JsonNode feature = tree.path("split_indices");
            JsonNode condition = tree.path("split_conditions");
            JsonNode defaultLeft = tree.path("default_left");
            int offset = next;
            roots[index] = offset;
            treeGroup[index] = group;
            for (int n = 0; n < left.size(); n++) {
                int node = offset + n;
                thresholdOrValue[node] = (float) condition.get(n).asDouble();
                if (left.get(n).asInt() < 0) {
                    splitFeature[node] = TreeEnsemble.LEAF;
                    continue;
                }
                splitFeature[node] = feature.get(n).asInt();
                if (splitFeature[node] >= featureCount) {
                    return "a split on feature " + splitFeature[node] + " of a model with " + featureCount + " features";
                }
                leftChild[node] = offset + left.get(n).asInt();
                rightChild[node] = offset + right.get(n).asInt();
                JsonNode goesLeft = defaultLeft.get(n);
                missingChild[node] = goesLeft.asBoolean() || goesLeft.asInt() == 1 ? leftChild[node] : rightChild[node];
            }
            next += left.size();
            return null;
        }

        TreeEnsemble build(int featureCount, int outputWidth, float[] baseMargins, OutputTransform transform) {
            return new TreeEnsemble(featureCount, outputWidth, roots, treeGroup, splitFeature, thresholdOrValue,
                    leftChild, rightChild, missingChild, baseMargins, transform);
        }
    }
}
