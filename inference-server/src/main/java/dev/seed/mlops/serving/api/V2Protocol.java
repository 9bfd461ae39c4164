package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.tensor.Features;
import dev.seed.mlops.serving.tensor.InputTensor;
import dev.seed.mlops.serving.tensor.TensorBatches;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Open Inference Protocol (KServe V2) infer; the request layouts served are {@link TensorBatches}'.
 * The answer has one output, {@value #OUTPUT}, FP32 of shape [rows] (or [rows, classes] for multiclass).
 */
final class V2Protocol implements InferenceProtocol {

    static final String OUTPUT = "predict";

    @Override
    public Request decode(byte[] body, FeatureSchema schema, int maxRows) throws IOException {
        try (JsonParser json = Json.parser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "the body must be a JSON object with \"inputs\"");
            }
            List<InputTensor> inputs = null;
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
            if (inputs == null) {
                throw ApiError.badRequest("WrongShape", "\"inputs\" must be a non-empty array of tensors");
            }
            return new Request(TensorBatches.toBatch(inputs, schema, maxRows), id);
        }
    }

    private static String skip(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    private static List<InputTensor> readInputs(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"inputs\" must be an array of tensors");
        }
        List<InputTensor> inputs = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(readTensor(json, inputs.size()));
        }
        return inputs;
    }

    private static InputTensor readTensor(JsonParser json, int index) throws IOException {
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
        return new InputTensor(name, shape, datatype, data);
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
                            + Features.abbreviate(String.valueOf(json.getValueAsString())) + "'");
                }
                json.skipChildren();
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
