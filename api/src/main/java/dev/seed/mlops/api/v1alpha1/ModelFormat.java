package dev.seed.mlops.api.v1alpha1;

/** Model file formats the inference server loads. */
public enum ModelFormat {
    xgboost, onnx, torchscript
}
