package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.tensor.Datatype;
import dev.seed.mlops.serving.tensor.Features;
import dev.seed.mlops.serving.tensor.InputTensor;
import dev.seed.mlops.serving.tensor.RawTensors;
import dev.seed.mlops.serving.tensor.TensorBatches;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Open Inference Protocol (KServe V2) infer; the request layouts served are {@link TensorBatches}'.
 * The answer has one output, {@value TensorBatches#OUTPUT}, FP32 of shape [rows] (or [rows, classes] for multiclass).
 */
final class V2Protocol implements InferenceProtocol {

    @Override
    public Request decode(Buffer body, int jsonLength, FeatureSchema schema, int maxRows) throws IOException {
        int headerLength = jsonLength == Reply.JSON_ONLY ? body.length() : jsonLength;
        if (headerLength > body.length()) {
            throw ApiError.badRequest("WrongSize", BinaryTensors.HEADER + " is " + jsonLength
                    + " but the body has only " + body.length() + " bytes");
        }
        try (JsonParser json = Json.parser(body.getBytes(0, headerLength))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "the body must be a JSON object with \"inputs\"");
            }
            List<TensorHeader> inputs = null;
            String id = null;
            OutputRequest outputs = OutputRequest.DEFAULT;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "inputs" -> inputs = readInputs(json);
                    case "id" -> id = value.isScalarValue() ? json.getText() : skip(json);
                    case "outputs" -> outputs = outputs.withPerOutput(readRequestedOutputs(json));
                    case "parameters" -> outputs = outputs.withAll(BinaryTensors.readFlag(json, "binary_data_output"));
                    default -> json.skipChildren();
                }
            }
            if (inputs == null) {
                throw ApiError.badRequest("WrongShape", "\"inputs\" must be a non-empty array of tensors");
            }
            // before the check for trailing content: binary data without its header length gets the better message
            List<InputTensor> tensors = BinaryTensors.attach(inputs, body, jsonLength);
            if (json.nextToken() != null) {
                throw ApiError.badRequest("MalformedJson", "content after the end of the JSON object");
            }
            return new Request(TensorBatches.toBatch(tensors, schema, maxRows), id, outputs.binary());
        }
    }

    private static String skip(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    private static List<TensorHeader> readInputs(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"inputs\" must be an array of tensors");
        }
        List<TensorHeader> inputs = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            inputs.add(readTensor(json, inputs.size()));
        }
        return inputs;
    }

    private static TensorHeader readTensor(JsonParser json, int index) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw ApiError.badRequest("WrongShape", "input " + index + " must be an object");
        }
        String name = null;
        String datatype = null;
        long[] shape = null;
        TensorData data = null;
        long binarySize = TensorHeader.NOT_BINARY;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "name" -> name = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "datatype" -> datatype = value == JsonToken.VALUE_STRING ? json.getText() : null;
                case "shape" -> shape = readShape(json, index);
                case "data" -> data = TensorData.read(json, name == null ? Integer.toString(index) : name);
                case "parameters" -> binarySize = BinaryTensors.readSize(json, index);
                default -> json.skipChildren();
            }
        }
        if (name == null || datatype == null || shape == null
                || (data == null) == (binarySize == TensorHeader.NOT_BINARY)) {
            throw ApiError.badRequest("WrongShape", "input " + index
                    + " needs a string name, a shape, a string datatype and either data or"
                    + " parameters.binary_data_size (not both)");
        }
        return new TensorHeader(name, shape, datatype, data, binarySize);
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

    /** Whether the requested output asks for binary data: true, false, or null when it does not say. */
    private static Boolean readRequestedOutputs(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"outputs\" must be an array");
        }
        Boolean binary = null;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "each requested output must be an object with a name");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if ("name".equals(field) && !TensorBatches.OUTPUT.equals(json.getValueAsString())) {
                    throw ApiError.badRequest("UnknownOutput", "the model has one output, '" + TensorBatches.OUTPUT + "', not '"
                            + Features.abbreviate(String.valueOf(json.getValueAsString())) + "'");
                } else if ("parameters".equals(field)) {
                    binary = BinaryTensors.readFlag(json, "binary_data");
                } else {
                    json.skipChildren();
                }
            }
        }
        return binary;
    }

    /** binary_data of the output if given, else the request's binary_data_output, else JSON. */
    private record OutputRequest(Boolean all, Boolean perOutput) {

        static final OutputRequest DEFAULT = new OutputRequest(null, null);

        OutputRequest withAll(Boolean binary) {
            return binary == null ? this : new OutputRequest(binary, perOutput);
        }

        OutputRequest withPerOutput(Boolean binary) {
            return binary == null ? this : new OutputRequest(all, binary);
        }

        boolean binary() {
            return perOutput != null ? perOutput : Boolean.TRUE.equals(all);
        }
    }

    /**
     * The data of the answer's {@value TensorBatches#OUTPUT} output (the only one this server writes), sent as JSON data or as a
     * binary tensor after the JSON (the answer to a request that asked for binary output).
     */
    @Override
    public float[] predictions(Buffer answer, int rows, int outputWidth) throws IOException {
        float[] out = new float[rows * outputWidth];
        try (JsonParser json = Json.parser(answer.getBytes())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            OutputData found = OutputData.NONE;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() == JsonToken.START_ARRAY && "outputs".equals(field)) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        found = found.or(readOutput(json, out));
                    }
                } else {
                    json.skipChildren();
                }
            }
            if (found == OutputData.BINARY) {
                BinaryTensors.readFloats(answer, (int) json.currentLocation().getByteOffset(), out);
            } else if (found == OutputData.NONE) {
                throw new IOException("the answer has no output '" + TensorBatches.OUTPUT + "'");
            }
        }
        return out;
    }

    private enum OutputData {
        NONE, JSON, BINARY;

        OutputData or(OutputData other) {
            return other == NONE ? this : other;
        }
    }

    /** Reads one output object; its JSON data lands in {@code out} if it is {@value TensorBatches#OUTPUT}. */
    private static OutputData readOutput(JsonParser json, float[] out) throws IOException {
        String name = null;
        float[] data = null;
        boolean binary = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if ("name".equals(field)) {
                name = json.getValueAsString();
            } else if ("data".equals(field)) {
                data = new float[out.length];
                Json.readNumbers(json, data);
            } else if ("parameters".equals(field)) {
                binary = BinaryTensors.readSize(json, 0) != TensorHeader.NOT_BINARY;
            } else {
                json.skipChildren();
            }
        }
        if (!TensorBatches.OUTPUT.equals(name)) {
            return OutputData.NONE;
        }
        if (data != null) {
            System.arraycopy(data, 0, out, 0, out.length);
            return OutputData.JSON;
        }
        return binary ? OutputData.BINARY : OutputData.NONE;
    }

    @Override
    public Reply encode(Request request, ServedModel model, float[] predictions) {
        int rows = request.batch().rows();
        int width = model.outputWidth();
        byte[] raw = request.binaryOutput() ? RawTensors.write(predictions, rows * width, Datatype.FP32) : null;
        Buffer header = Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", model.name());
            json.writeStringField("model_version", model.version());
            if (request.id() != null) {
                json.writeStringField("id", request.id());
            }
            json.writeArrayFieldStart("outputs");
            json.writeStartObject();
            json.writeStringField("name", TensorBatches.OUTPUT);
            json.writeStringField("datatype", "FP32");
            json.writeArrayFieldStart("shape");
            json.writeNumber(rows);
            if (width > 1) {
                json.writeNumber(width);
            }
            json.writeEndArray();
            if (raw != null) {
                json.writeObjectFieldStart("parameters");
                json.writeNumberField("binary_data_size", raw.length);
                json.writeEndObject();
            } else {
                json.writeArrayFieldStart("data");
                for (int i = 0; i < rows * width; i++) {
                    json.writeNumber(predictions[i]);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
        if (raw == null) {
            return Reply.json(header);
        }
        int jsonLength = header.length();
        return new Reply(header.appendBytes(raw), jsonLength);
    }
}
