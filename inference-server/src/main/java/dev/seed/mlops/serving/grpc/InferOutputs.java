package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.tensor.TensorBatches;
import com.google.protobuf.UnsafeByteOperations;
import dev.seed.mlops.serving.grpc.protocol.InferTensorContents;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse.InferOutputTensor;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.tensor.Datatype;
import dev.seed.mlops.serving.tensor.RawTensors;

/**
 * The answer to a ModelInferRequest: the one output {@value TensorBatches#OUTPUT}, FP32 of shape [rows] (or
 * [rows, classes]), in the form the request used: raw_output_contents for a request with raw_input_contents
 * (what tritonclient sends, and the only form it reads), typed fp32_contents otherwise.
 */
final class InferOutputs {

    private InferOutputs() {
    }

    static ModelInferResponse answer(ModelInferRequest request, ServedModel model, float[] predictions, int rows) {
        int width = model.outputWidth();
        InferOutputTensor.Builder output = InferOutputTensor.newBuilder()
                .setName(TensorBatches.OUTPUT)
                .setDatatype(Datatype.FP32.name())
                .addShape(rows);
        if (width > 1) {
            output.addShape(width);
        }
        ModelInferResponse.Builder answer = ModelInferResponse.newBuilder()
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setId(request.getId());
        int count = rows * width;
        if (request.getRawInputContentsCount() > 0) {
            // The array is new and never written again: protobuf may keep it without a copy.
            answer.addRawOutputContents(UnsafeByteOperations.unsafeWrap(
                    RawTensors.write(predictions, count, Datatype.FP32)));
        } else {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            for (int i = 0; i < count; i++) {
                contents.addFp32Contents(predictions[i]);
            }
            output.setContents(contents);
        }
        return answer.addOutputs(output).build();
    }
}
