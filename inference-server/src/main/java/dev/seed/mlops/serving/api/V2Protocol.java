package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open Inference Protocol (KServe V2) infer. Two request layouts are served:
 * <ul>
 *   <li>one tensor of shape [rows, features], columns in the model's feature order (what numpy-based
 *       clients send); categorical columns then hold category codes;</li>
 *   <li>one tensor per feature, named after it, of shape [rows] or [rows, 1] (what pandas-based clients
 *       send); categorical ones as BYTES category names.</li>
 * </ul>
 * The answer has one output, {@value #OUTPUT}, FP32 of shape [rows] (or [rows, classes] for multiclass).
 */
final class V2Protocol implements InferenceProtocol {

    static final String OUTPUT = "predict";

    private record Tensor(String name, long[] shape, String datatype, TensorData data) {
    }

    @Override
    public Request decode(byte[] body, FeatureSchema schema, int maxRows) throws IOException {
        try (JsonParser json = Json.parser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "the body must be a JSON object with \"inputs\"");
            }
            List<Tensor> inputs = null;
            String id = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "inputs" -> inputs = readInputs(json);
                    case "id" -> id = value.isScalarValue() ? json.getText() : skip(json);
                    case "outputs" -> checkRequestedOutputs(json);
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw ApiError.badRequest("MalformedJson", "content after the end of the JSON object");
            }
            if (inputs == null || inputs.isEmpty()) {
                throw ApiError.badRequest("WrongShape", "\"inputs\" must be a non-empty array of tensors");
            }
            return new Request(toBatch(inputs, schema, maxRows), id);
        }
    }

    private static String skip(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    private static List<Tensor> readInputs(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"inputs\" must be an array of tensors");
        }
        List<Tensor> inputs = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(readTensor(json, inputs.size()));
        }
        return inputs;
    }

    private static Tensor readTensor(JsonParser json, int index) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw ApiError.badRequest("WrongShape", "input " + index + " must be an object");
        }
        String name = null;
        String datatype = null;
        long[] shape = null;
        TensorData data = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "name" -> name = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "datatype" -> datatype = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "shape" -> shape = readShape(json, index);
                case "data" -> data = TensorData.read(json, name == null ? Integer.toString(index) : name);
                default -> json.skipChildren();
            }
        }
        if (name == null || datatype == null || shape == null || data == null) {
            throw ApiError.badRequest("WrongShape", "input " + index
                    + " needs a string name, a shape, a string datatype and data");
        }
        return new Tensor(name, shape, datatype, data);
    }

    private static long[] readShape(JsonParser json, int index) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "input " + index + ": shape must be an array of sizes");
        }
        List<Long> dims = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || json.getLongValue() < 0 || dims.size() == 8) {
                throw ApiError.badRequest("WrongShape", "input " + index
                        + ": shape must hold at most 8 non-negative integer sizes");
            }
            dims.add(json.getLongValue());
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static void checkRequestedOutputs(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"outputs\" must be an array");
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "each requested output must be an object with a name");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if ("name".equals(field) && !OUTPUT.equals(json.getValueAsString())) {
                    throw ApiError.badRequest("UnknownOutput", "the model has one output, '" + OUTPUT + "', not '"
                            + V1Protocol.abbreviate(String.valueOf(json.getValueAsString())) + "'");
                }
                json.skipChildren();
            }
        }
    }

    private static FeatureBatch toBatch(List<Tensor> inputs, FeatureSchema schema, int maxRows) {
        if (inputs.size() == 1 && schema.indexOf(inputs.get(0).name()) == FeatureSchema.NOT_A_FEATURE) {
            return fromRowTensor(inputs.get(0), schema, maxRows);
        }
        return fromFeatureTensors(inputs, schema, maxRows);
    }

    private static FeatureBatch fromRowTensor(Tensor tensor, FeatureSchema schema, int maxRows) {
        long[] shape = tensor.shape();
        if (shape.length != 2 || shape[1] != schema.size()) {
            throw ApiError.badRequest("WrongShape", "input '" + V1Protocol.abbreviate(tensor.name()) + "' has shape "
                    + Arrays.toString(shape) + "; send shape [rows, " + schema.size()
                    + "] in feature order " + Features.describe(schema) + ", or one input per feature");
        }
        int rows = checkRows(tensor, shape[0], maxRows);
        Datatype datatype = checkDatatype(tensor, rows * schema.size());
        FeatureBatch batch = new FeatureBatch(schema);
        for (int row = 0; row < rows; row++) {
            batch.addRow();
        }
        for (int i = 0; i < tensor.data().size(); i++) {
            setValue(batch, i / schema.size(), i % schema.size(), tensor, datatype, i);
        }
        return batch;
    }

    private static FeatureBatch fromFeatureTensors(List<Tensor> inputs, FeatureSchema schema, int maxRows) {
        Tensor[] byFeature = new Tensor[schema.size()];
        for (Tensor tensor : inputs) {
            int feature = schema.indexOf(tensor.name());
            if (feature == FeatureSchema.NOT_A_FEATURE) {
                throw ApiError.badRequest("UnknownFeature", "input '" + V1Protocol.abbreviate(tensor.name())
                        + "' is not a feature of the model " + Features.describe(schema));
            }
            if (byFeature[feature] != null) {
                throw ApiError.badRequest("DuplicateFeature", "input '" + tensor.name() + "' is given twice");
            }
            byFeature[feature] = tensor;
        }
        long rowCount = -1;
        for (int feature = 0; feature < byFeature.length; feature++) {
            Tensor tensor = byFeature[feature];
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
        FeatureBatch batch = new FeatureBatch(schema);
        for (int row = 0; row < rows; row++) {
            batch.addRow();
        }
        for (int feature = 0; feature < byFeature.length; feature++) {
            Tensor tensor = byFeature[feature];
            Datatype datatype = checkDatatype(tensor, rows);
            for (int row = 0; row < rows; row++) {
                setValue(batch, row, feature, tensor, datatype, row);
            }
        }
        return batch;
    }

    private static int checkRows(Tensor tensor, long rows, int maxRows) {
        if (rows == 0) {
            throw ApiError.badRequest("WrongShape", "input '" + tensor.name() + "' has no rows");
        }
        if (rows > maxRows) {
            throw ApiError.tooLarge("more than " + maxRows + " rows in one request");
        }
        return (int) rows;
    }

    private static Datatype checkDatatype(Tensor tensor, long elements) {
        Datatype datatype = Datatype.of(tensor.datatype());
        if (datatype == null || datatype == Datatype.BOOL) {
            throw ApiError.badRequest("WrongType", "input '" + tensor.name() + "': datatype "
                    + V1Protocol.abbreviate(tensor.datatype()) + " is not served; use FP32, FP64, an INT type or BYTES");
        }
        if (tensor.data().size() != elements) {
            throw ApiError.badRequest("WrongShape", "input '" + tensor.name() + "' has " + tensor.data().size()
                    + " values but its shape " + Arrays.toString(tensor.shape()) + " needs " + elements);
        }
        return datatype;
    }

    private static void setValue(FeatureBatch batch, int row, int feature, Tensor tensor, Datatype datatype, int index) {
        TensorData data = tensor.data();
        switch (data.kind(index)) {
            case NULL -> batch.setMissing(row, feature);
            case NUMBER -> {
                double value = data.number(index);
                if (!datatype.isNumeric() || (datatype == Datatype.INTEGER && value != Math.rint(value))) {
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
                batch.setString(row, feature, data.string(index));
            }
        }
    }

    /** The data of the answer's {@value #OUTPUT} output (the only one this server writes). */
    @Override
    public float[] predictions(Buffer answer, int rows, int outputWidth) throws IOException {
        float[] out = new float[rows * outputWidth];
        boolean found = Json.readFields(answer.getBytes(), (field, json) -> {
            if (!"outputs".equals(field) || json.currentToken() != JsonToken.START_ARRAY) {
                json.skipChildren();
                return false;
            }
            boolean predict = false;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                predict |= readOutput(json, out);
            }
            return predict;
        });
        if (!found) {
            throw new IOException("the answer has no output '" + OUTPUT + "'");
        }
        return out;
    }

    /** Reads one output object; its data lands in {@code out} if it is {@value #OUTPUT}. */
    private static boolean readOutput(JsonParser json, float[] out) throws IOException {
        String name = null;
        float[] data = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if ("name".equals(field)) {
                name = json.getValueAsString();
            } else if ("data".equals(field)) {
                data = new float[out.length];
                Json.readNumbers(json, data);
            } else {
                json.skipChildren();
            }
        }
        if (OUTPUT.equals(name) && data != null) {
            System.arraycopy(data, 0, out, 0, out.length);
            return true;
        }
        return false;
    }

    @Override
    public Buffer encode(Request request, ServedModel model, float[] predictions) {
        int rows = request.batch().rows();
        int width = model.outputWidth();
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", model.name());
            json.writeStringField("model_version", model.version());
            if (request.id() != null) {
                json.writeStringField("id", request.id());
            }
            json.writeArrayFieldStart("outputs");
            json.writeStartObject();
            json.writeStringField("name", OUTPUT);
            json.writeStringField("datatype", "FP32");
            json.writeArrayFieldStart("shape");
            json.writeNumber(rows);
            if (width > 1) {
                json.writeNumber(width);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("data");
            for (int i = 0; i < rows * width; i++) {
                json.writeNumber(predictions[i]);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
