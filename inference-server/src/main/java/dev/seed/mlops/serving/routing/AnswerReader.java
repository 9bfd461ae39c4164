package dev.seed.mlops.serving.routing;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Reads the predictions out of another version's answer, in the protocol the request was made in. */
@FunctionalInterface
public interface AnswerReader {

    /**
     * @return {@code rows * outputWidth} predictions, row by row
     * @throws IOException or a runtime exception when the answer is not a prediction of that shape
     */
    float[] predictions(Buffer answer, int rows, int outputWidth) throws IOException;
}
