package dev.seed.mlops.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading another version's answer back for shadow comparison: what each protocol writes, and what is refused. */
class AnswerReadingTest {

    private static Buffer json(String text) {
        return Buffer.buffer(text);
    }

    @Test
    void v1AnswersAreReadAsOneValueOrOneArrayOfClassesPerRow() throws IOException {
        assertThat(new V1Protocol().predictions(json("{\"predictions\": [0.25, 0.75]}"), 2, 1))
                .containsExactly(0.25f, 0.75f);
        assertThat(new V1Protocol().predictions(json("{\"x\": {\"y\": [1]}, \"predictions\": [[0.1, 0.2, 0.7], [1, 0, 0]]}"),
                2, 3)).containsExactly(0.1f, 0.2f, 0.7f, 1f, 0f, 0f);
    }

    @Test
    void v2AnswersAreReadFromThePredictOutput() throws IOException {
        String answer = "{\"model_name\": \"m\", \"outputs\": [{\"name\": \"other\", \"data\": [9, 9]},"
                + " {\"name\": \"predict\", \"datatype\": \"FP32\", \"shape\": [1, 2], \"data\": [0.4, 0.6]}]}";
        assertThat(new V2Protocol().predictions(json(answer), 1, 2)).containsExactly(0.4f, 0.6f);
    }

    /** A shadow mirror of a request that asked for binary output gets binary output back. */
    @Test
    void v2BinaryAnswersAreReadAfterTheirJson() throws IOException {
        String header = "{\"model_name\": \"m\", \"outputs\": [{\"name\": \"predict\", \"datatype\": \"FP32\","
                + " \"shape\": [2], \"parameters\": {\"binary_data_size\": 8}}]}";
        Buffer answer = Buffer.buffer(header).appendIntLE(Float.floatToIntBits(0.25f))
                .appendIntLE(Float.floatToIntBits(0.5f));
        assertThat(new V2Protocol().predictions(answer, 2, 1)).containsExactly(0.25f, 0.5f);
        Buffer truncated = Buffer.buffer(header).appendIntLE(Float.floatToIntBits(0.25f));
        assertThatThrownBy(() -> new V2Protocol().predictions(truncated, 2, 1)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"predictions\": [0.5]}", "{\"predictions\": [0.5, 0.5, 0.5]}",
        "{\"predictions\": [0.5, \"a\"]}", "{\"predictions\": 0.5}", "{\"error\": \"boom\"}", "{\"predictions\": [0.5, 0.5"})
    void v1AnswersOfAnotherShapeAreRefused(String answer) {
        assertThatThrownBy(() -> new V1Protocol().predictions(json(answer), 2, 1)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"outputs\": []}", "{\"outputs\": [{\"name\": \"other\", \"data\": [1, 2]}]}",
        "{\"outputs\": [{\"name\": \"predict\", \"data\": [1]}]}", "{\"outputs\": {\"name\": \"predict\"}}"})
    void v2AnswersWithoutThePredictionsOfTheRequestAreRefused(String answer) {
        assertThatThrownBy(() -> new V2Protocol().predictions(json(answer), 2, 1)).isInstanceOf(IOException.class);
    }
}
