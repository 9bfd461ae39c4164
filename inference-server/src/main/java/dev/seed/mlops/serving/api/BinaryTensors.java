package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.tensor.Datatype;
import dev.seed.mlops.serving.tensor.Features;
import dev.seed.mlops.serving.tensor.InputTensor;
import dev.seed.mlops.serving.tensor.RawTensors;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Open Inference Protocol's binary tensor data extension over HTTP: a JSON header of
 * {@value #HEADER} bytes, then the raw tensors of the inputs that give {@code parameters.binary_data_size},
 * in the order of the inputs.
 */
final class BinaryTensors {

    static final String HEADER = "Inference-Header-Content-Length";

    private BinaryTensors() {
    }

    /**
     * The value of {@value #HEADER}, or {@link InferenceProtocol.Reply#JSON_ONLY} without one.
     *
     * @throws ApiError 400 for a value that is not a length
     */
    static int jsonLength(String header) {
        if (header == null) {
            return InferenceProtocol.Reply.JSON_ONLY;
        }
        try {
            int length = Integer.parseInt(header.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("WrongSize", HEADER + " must be a byte count, not '"
                + Features.abbreviate(header) + "'");
    }

    /** The inputs with their values: JSON data as it is, binary ones read in place from their part of the body. */
    static List<InputTensor> attach(List<TensorHeader> inputs, Buffer body, int jsonLength) {
        List<InputTensor> tensors = new ArrayList<>(inputs.size());
        int binaryLength = jsonLength == InferenceProtocol.Reply.JSON_ONLY ? 0 : body.length() - jsonLength;
        long offset = 0;
        for (TensorHeader input : inputs) {
            if (input.binarySize() == TensorHeader.NOT_BINARY) {
                tensors.add(new InputTensor(input.name(), input.shape(), input.datatype(), input.data()));
                continue;
            }
            if (jsonLength == InferenceProtocol.Reply.JSON_ONLY) {
                throw ApiError.badRequest("WrongSize", "input '" + input.name() + "' has binary_data_size but the"
                        + " request has no " + HEADER + " header to say where the JSON ends");
            }
            if (input.binarySize() > binaryLength - offset) {
                throw ApiError.badRequest("WrongSize", "input '" + input.name() + "' has binary_data_size "
                        + input.binarySize() + " but only " + (binaryLength - offset)
                        + " bytes of binary data are left for it");
            }
            Datatype datatype = Datatype.of(input.datatype());
            if (datatype == null) {
                throw ApiError.badRequest("WrongType", "input '" + input.name() + "': datatype "
                        + Features.abbreviate(input.datatype()) + " is not a datatype of the protocol");
            }
            ByteBuffer raw = body.getByteBuf().nioBuffer(jsonLength + (int) offset, (int) input.binarySize());
            tensors.add(new InputTensor(input.name(), input.shape(), input.datatype(),
                    RawTensors.read(raw, datatype, input.shape(), input.name())));
            offset += input.binarySize();
        }
        if (offset != binaryLength) {
            throw ApiError.badRequest("WrongSize", "the body has " + binaryLength + " bytes of binary data after its"
                    + " JSON but the inputs' binary_data_size add up to " + offset);
        }
        return tensors;
    }

    /** {@code parameters.binary_data_size} of a tensor, or {@link TensorHeader#NOT_BINARY}; consumes the object. */
    static long readSize(JsonParser json, int index) throws IOException {
        long size = TensorHeader.NOT_BINARY;
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return size;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("binary_data_size".equals(field)) {
                if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || json.getLongValue() < 0) {
                    throw ApiError.badRequest("WrongSize", "tensor " + index
                            + ": binary_data_size must be a non-negative integer");
                }
                size = json.getLongValue();
            } else {
                json.skipChildren();
            }
        }
        return size;
    }

    /** A boolean parameter of a parameters object, or null when it is absent; consumes the object. */
    static Boolean readFlag(JsonParser json, String name) throws IOException {
        Boolean flag = null;
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals(field) && (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)) {
                flag = value == JsonToken.VALUE_TRUE;
            } else {
                json.skipChildren();
            }
        }
        return flag;
    }

    /** Reads {@code out.length} FP32 values at {@code offset} of an answer. */
    static void readFloats(Buffer answer, int offset, float[] out) throws IOException {
        if (answer.length() - offset != out.length * 4L) {
            throw new IOException("the answer has " + (answer.length() - offset) + " bytes of binary data where "
                    + out.length + " FP32 predictions were expected");
        }
        ByteBuffer raw = answer.getByteBuf().nioBuffer(offset, out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().get(out);
    }
}
