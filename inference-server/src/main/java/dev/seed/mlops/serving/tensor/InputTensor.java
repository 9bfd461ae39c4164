package dev.seed.mlops.serving.tensor;

/**
 * One input tensor of an infer request, whatever carried it (JSON data, a binary_data part, gRPC contents).
 *
 * @param datatype the name the client sent, checked when the tensor is turned into rows
 */
public record InputTensor(String name, long[] shape, String datatype, TensorValues values) {
}
