package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.routing.AnswerReader;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * How one inference protocol (KServe V1, Open Inference Protocol V2) reads requests and writes answers, and reads
 * another version's answer back for shadow comparison.
 */
interface InferenceProtocol extends AnswerReader {

    /**
     * Reads a request body into model input.
     *
     * @throws ApiError or {@link dev.seed.mlops.serving.model.InvalidInputException} for a body the model cannot take
     * @throws com.fasterxml.jackson.core.JsonProcessingException for a body that is not JSON
     */
    Request decode(byte[] body, FeatureSchema schema, int maxRows) throws IOException;

    Buffer encode(Request request, ServedModel model, float[] predictions);

    /** A decoded request: the rows, and the request id to echo (V2), if any. */
    record Request(FeatureBatch batch, String id) {
    }
}
