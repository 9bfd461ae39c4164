package dev.seed.mlops.serving.tensor;

import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.util.Arrays;
import java.util.List;

/**
 * Input tensors to model rows, the same for every transport (V2 JSON, V2 binary, gRPC). Two layouts are served:
 * <ul>
 *   <li>one tensor of shape [rows, features], columns in the model's feature order (what numpy-based
 *       clients send); categorical columns then hold category codes;</li>
 *   <li>one tensor per feature, named after it, of shape [rows] or [rows, 1] (what pandas-based clients
 *       send); categorical ones as BYTES category names.</li>
 * </ul>
 */
public final class TensorBatches {

    /** The name of the one output tensor of every answer, over V2 JSON, V2 binary and gRPC alike. */
    public static final String OUTPUT = "predict";

    private TensorBatches() {
    }

    /**
     * @throws ApiError 400 naming the input for tensors the model cannot take, 413 for more than {@code maxRows}
     * @throws dev.seed.mlops.serving.model.InvalidInputException for a value the model cannot take (names the row)
     */
    public static FeatureBatch toBatch(List<InputTensor> inputs, FeatureSchema schema, int maxRows) {
        if (inputs.isEmpty()) {
            throw ApiError.badRequest("WrongShape", "\"inputs\" must be a non-empty array of tensors");
        }
        if (inputs.size() == 1 && schema.indexOf(inputs.get(0).name()) == FeatureSchema.NOT_A_FEATURE) {
            return fromRowTensor(inputs.get(0), schema, maxRows);
        }
        return fromFeatureTensors(inputs, schema, maxRows);
    }

    private static FeatureBatch fromRowTensor(InputTensor tensor, FeatureSchema schema, int maxRows) {
        long[] shape = tensor.shape();
        if (shape.length != 2 || shape[1] != schema.size()) {
            throw ApiError.badRequest("WrongShape", "input '" + Features.abbreviate(tensor.name()) + "' has shape "
                    + Arrays.toString(shape) + "; send shape [rows, " + schema.size()
                    + "] in feature order " + Features.describe(schema) + ", or one input per feature");
        }
        int rows = checkRows(tensor, shape[0], maxRows);
        Datatype datatype = checkDatatype(tensor, (long) rows * schema.size());
        FeatureBatch batch = newBatch(schema, rows);
        for (int i = 0; i < tensor.values().size(); i++) {
            setValue(batch, i / schema.size(), i % schema.size(), tensor, datatype, i);
        }
        return batch;
    }

    private static FeatureBatch fromFeatureTensors(List<InputTensor> inputs, FeatureSchema schema, int maxRows) {
        InputTensor[] byFeature = new InputTensor[schema.size()];
        for (InputTensor tensor : inputs) {
            int feature = schema.indexOf(tensor.name());
            if (feature == FeatureSchema.NOT_A_FEATURE) {
                throw ApiError.badRequest("UnknownFeature", "input '" + Features.abbreviate(tensor.name())
                        + "' is not a feature of the model " + Features.describe(schema));
            }
            if (byFeature[feature] != null) {
                throw ApiError.badRequest("DuplicateFeature", "input '" + tensor.name() + "' is given twice");
            }
            byFeature[feature] = tensor;
        }
        long rowCount = -1;
        for (int feature = 0; feature < byFeature.length; feature++) {
            InputTensor tensor = byFeature[feature];
            if (tensor == null) {
                throw ApiError.badRequest("MissingFeature", "feature '" + schema.name(feature)
                        + "' has no input; send one input per feature " + Features.describe(schema));
            }
            long[] shape = tensor.shape();
            if (shape.length == 0 || shape.length > 2 || (shape.length == 2 && shape[1] != 1)
                    || (rowCount >= 0 && shape[0] != rowCount)) {
                throw ApiError.badRequest("WrongShape", "input '" + tensor.name() + "' has shape "
                        + Arrays.toString(shape) + "; every feature input must have shape [rows] or [rows, 1]"
                        + " with the same rows");
            }
            rowCount = shape[0];
        }
        int rows = checkRows(byFeature[0], rowCount, maxRows);
        FeatureBatch batch = newBatch(schema, rows);
        for (int feature = 0; feature < byFeature.length; feature++) {
            InputTensor tensor = byFeature[feature];
            Datatype datatype = checkDatatype(tensor, rows);
            for (int row = 0; row < rows; row++) {
                setValue(batch, row, feature, tensor, datatype, row);
            }
        }
        return batch;
    }

    private static FeatureBatch newBatch(FeatureSchema schema, int rows) {
        FeatureBatch batch = new FeatureBatch(schema);
        for (int row = 0; row < rows; row++) {
            batch.addRow();
        }
        return batch;
    }

    private static int checkRows(InputTensor tensor, long rows, int maxRows) {
        if (rows == 0) {
            throw ApiError.badRequest("WrongShape", "input '" + tensor.name() + "' has no rows");
        }
        if (rows > maxRows) {
            throw ApiError.tooLarge("more than " + maxRows + " rows in one request");
        }
        return (int) rows;
    }

    private static Datatype checkDatatype(InputTensor tensor, long elements) {
        Datatype datatype = Datatype.of(tensor.datatype());
        if (datatype == null || datatype == Datatype.BOOL) {
            throw ApiError.badRequest("WrongType", "input '" + tensor.name() + "': datatype "
                    + Features.abbreviate(String.valueOf(tensor.datatype()))
                    + " is not served; use FP16, FP32, FP64, an INT or UINT type, or BYTES");
        }
        if (tensor.values().size() != elements) {
            throw ApiError.badRequest("WrongShape", "input '" + tensor.name() + "' has " + tensor.values().size()
                    + " values but its shape " + Arrays.toString(tensor.shape()) + " needs " + elements);
        }
        return datatype;
    }

    private static void setValue(FeatureBatch batch, int row, int feature, InputTensor tensor, Datatype datatype,
            int index) {
        TensorValues values = tensor.values();
        switch (values.kind(index)) {
            case NULL -> batch.setMissing(row, feature);
            case NUMBER -> {
                double value = values.number(index);
                if (!datatype.isNumeric() || (datatype.isInteger() && value != Math.rint(value))) {
                    throw ApiError.badRequest("WrongType", "input '" + tensor.name() + "' is " + tensor.datatype()
                            + " but holds the number " + value);
                }
                batch.setNumber(row, feature, value);
            }
            case STRING -> {
                if (datatype != Datatype.BYTES) {
                    throw ApiError.badRequest("WrongType", "input '" + tensor.name() + "' is " + tensor.datatype()
                            + " but holds a string");
                }
                batch.setString(row, feature, values.string(index));
            }
        }
    }
}
