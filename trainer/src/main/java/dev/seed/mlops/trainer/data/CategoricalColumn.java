package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.FeatureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings from a finite set, stored as codes into a dictionary of the distinct values in order of appearance. */
public final class CategoricalColumn implements Column {
    public static final int MISSING = -1;

    private final String name;
    private final List<String> dictionary;
    private final Map<String, Integer> codesByValue = new HashMap<>();
    private int[] codes;
    private int size;

    public CategoricalColumn(String name) {
        this(name, new ArrayList<>(), new int[1024], 0);
    }

    private CategoricalColumn(String name, List<String> dictionary, int[] codes, int size) {
        this.name = name;
        this.dictionary = dictionary;
        this.codes = codes;
        this.size = size;
        for (int i = 0; i < dictionary.size(); i++) {
            codesByValue.put(dictionary.get(i), i);
        }
    }

    /** Adds a value; null or empty means missing. */
    public void add(String value) {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        codes[size++] = value == null || value.isEmpty() ? MISSING : codesByValue.computeIfAbsent(value, this::newCode);
    }

    private int newCode(String value) {
        dictionary.add(value);
        return dictionary.size() - 1;
    }

    /** The code of the value at a row, or {@link #MISSING}. */
    public int code(int row) {
        return codes[row];
    }

    /** The distinct values; a code indexes this list. */
    public List<String> dictionary() {
        return List.copyOf(dictionary);
    }

    public String value(int row) {
        return codes[row] == MISSING ? null : dictionary.get(codes[row]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FeatureType type() {
        return FeatureType.categorical;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    @Override
    public String format(int row) {
        String value = value(row);
        return value == null ? "" : value;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] selected = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, new ArrayList<>(dictionary), selected, rows.length);
    }
}
