package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.tensor.TensorBatches;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataResponse.TensorMetadata;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;

/**
 * ModelMetadata, as HTTP's {@code GET /v2/models/{model}} describes the model: one input per feature (FP32, or BYTES
 * for a categorical one, of any length) and the output {@value TensorBatches#OUTPUT}, FP32.
 */
final class ModelDescription {

    private ModelDescription() {
    }

    static ModelMetadataResponse of(ServedModel model) {
        FeatureSchema schema = model.schema();
        ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                .setName(model.name())
                .addVersions(model.version())
                .setPlatform(model.artifact().manifest().format());
        for (int f = 0; f < schema.size(); f++) {
            metadata.addInputs(TensorMetadata.newBuilder().setName(schema.name(f))
                    .setDatatype(schema.isCategorical(f) ? "BYTES" : "FP32").addShape(-1));
        }
        TensorMetadata.Builder output = TensorMetadata.newBuilder().setName(TensorBatches.OUTPUT).setDatatype("FP32")
                .addShape(-1);
        if (model.outputWidth() > 1) {
            output.addShape(model.outputWidth());
        }
        return metadata.addOutputs(output).build();
    }
}
