package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.tensor.TensorValues;
import java.io.IOException;
import java.util.Arrays;

/** The JSON "data" of a V2 tensor, flattened in row-major order whether it was sent flat or nested. */
final class TensorData implements TensorValues {

    private double[] numbers = new double[16];
    private String[] strings;
    private Kind[] kinds = new Kind[16];
    private int size;

    /** Reads the array the parser is at, and any arrays nested in it. */
    static TensorData read(JsonParser json, String tensor) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "input '" + tensor + "': data must be an array");
        }
        TensorData data = new TensorData();
        data.readArray(json, tensor);
        return data;
    }

    private void readArray(JsonParser json, String tensor) throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            switch (token) {
                case START_ARRAY -> readArray(json, tensor);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add(Kind.NUMBER, json.getDoubleValue(), null);
                case VALUE_STRING -> add(Kind.STRING, 0, json.getText());
                case VALUE_NULL -> add(Kind.NULL, 0, null);
                default -> throw ApiError.badRequest("WrongType", "input '" + tensor
                        + "': data holds " + V1Protocol.describe(token) + "; only numbers, strings and null are served");
            }
        }
    }

    private void add(Kind kind, double number, String string) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
            if (strings != null) {
                strings = Arrays.copyOf(strings, size * 2);
            }
        }
        if (string != null) {
            if (strings == null) {
                strings = new String[kinds.length];
            }
            strings[size] = string;
        }
        kinds[size] = kind;
        numbers[size] = number;
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Kind kind(int index) {
        return kinds[index];
    }

    @Override
    public double number(int index) {
        return numbers[index];
    }

    @Override
    public String string(int index) {
        return strings[index];
    }
}
