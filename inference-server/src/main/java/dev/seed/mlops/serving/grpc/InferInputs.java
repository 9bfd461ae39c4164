package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.tensor.TensorBatches;
import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest.InferInputTensor;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest.InferRequestedOutputTensor;
import dev.seed.mlops.serving.tensor.Datatype;
import dev.seed.mlops.serving.tensor.Features;
import dev.seed.mlops.serving.tensor.InputTensor;
import dev.seed.mlops.serving.tensor.RawTensors;
import dev.seed.mlops.serving.tensor.TensorValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The input tensors of a ModelInferRequest, typed contents or raw_input_contents (read in place, no copy), in the
 * form HTTP's V2 tensors take, so both protocols turn tensors into rows by the same rules (TensorBatches).
 */
final class InferInputs {

    private static final int MAX_DIMENSIONS = 8;

    private InferInputs() {
    }

    /** @throws ApiError 400 naming the input for tensors the protocol does not allow */
    static List<InputTensor> read(ModelInferRequest request) {
        if (request.getInputsCount() == 0) {
            throw ApiError.badRequest("WrongShape", "the request has no inputs");
        }
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw ApiError.badRequest("WrongShape", "raw_input_contents has " + request.getRawInputContentsCount()
                    + " entries for " + request.getInputsCount() + " inputs; send one per input, in their order");
        }
        checkRequestedOutputs(request);
        List<InputTensor> tensors = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            String label = input.getName().isEmpty() ? Integer.toString(i) : Features.abbreviate(input.getName());
            long[] shape = shape(input, label);
            Datatype datatype = Datatype.of(input.getDatatype());
            TensorValues values;
            if (datatype == null) {
                values = NONE; // refused with the datatype's name when the tensor becomes rows
            } else if (raw) {
                if (input.hasContents()) {
                    throw ApiError.badRequest("WrongShape", "input '" + label + "' has contents while the request"
                            + " carries raw_input_contents; send every input one way");
                }
                values = RawTensors.read(request.getRawInputContents(i).asReadOnlyByteBuffer(), datatype, shape, label);
            } else {
                values = TypedContents.of(label, datatype, input.getContents());
            }
            tensors.add(new InputTensor(input.getName(), shape, input.getDatatype(), values));
        }
        return tensors;
    }

    private static long[] shape(InferInputTensor input, String name) {
        if (input.getShapeCount() > MAX_DIMENSIONS) {
            throw ApiError.badRequest("WrongShape", "input '" + name + "' has " + input.getShapeCount()
                    + " dimensions; at most " + MAX_DIMENSIONS + " are served");
        }
        long[] shape = new long[input.getShapeCount()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = input.getShape(d);
            if (shape[d] < 0) {
                throw ApiError.badRequest("WrongShape", "input '" + name + "' has the negative size " + shape[d]
                        + " in its shape");
            }
        }
        return shape;
    }

    private static void checkRequestedOutputs(ModelInferRequest request) {
        for (InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!TensorBatches.OUTPUT.equals(output.getName())) {
                throw ApiError.badRequest("UnknownOutput", "the model has one output, '" + TensorBatches.OUTPUT + "', not '"
                        + Features.abbreviate(output.getName()) + "'");
            }
        }
    }

    private static final TensorValues NONE = new TensorValues() {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public Kind kind(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public double number(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public String string(int index) {
            throw new IndexOutOfBoundsException(index);
        }
    };
}
