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
     * @param jsonLength the Inference-Header-Content-Length of a body with binary tensors after its JSON, or
     *                   {@link Reply#JSON_ONLY} for a JSON body
     * @throws ApiError or {@link dev.seed.mlops.serving.model.InvalidInputException} for a body the model cannot take
     * @throws com.fasterxml.jackson.core.JsonProcessingException for a body that is not JSON
     */
    Request decode(Buffer body, int jsonLength, FeatureSchema schema, int maxRows) throws IOException;

    Reply encode(Request request, ServedModel model, float[] predictions);

    /**
     * A decoded request: the rows, the request's id (a V2 body's, until the handler settles it), and whether the client asked for the
     * predictions as a binary tensor.
     */
    record Request(FeatureBatch batch, String id, boolean binaryOutput) {

        Request withId(String requestId) {
            return new Request(batch, requestId, binaryOutput);
        }
    }

    /** An answer body and, when binary tensors follow its JSON, the JSON's length. */
    record Reply(Buffer body, int jsonLength) {

        static final int JSON_ONLY = -1;

        static Reply json(Buffer body) {
            return new Reply(body, JSON_ONLY);
        }
    }
}
