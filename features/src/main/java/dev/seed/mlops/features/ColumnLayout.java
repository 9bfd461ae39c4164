package dev.seed.mlops.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of a pipeline row in slot order: the raw inputs first, then what each transform adds. */
final class ColumnLayout {
    private final List<TypedColumn> columns = new ArrayList<>();
    private final List<Boolean> modelFeature = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();

    /** Adds a column and returns its slot. */
    int add(String transform, TypedColumn column, boolean isModelFeature) {
        if (slots.containsKey(column.name())) {
            throw new InvalidTransformException(transform, "its output column '" + column.name()
                    + "' is already a column (a raw column or the output of an earlier transform); pick another name");
        }
        slots.put(column.name(), columns.size());
        columns.add(column);
        modelFeature.add(isModelFeature);
        return columns.size() - 1;
    }

    boolean has(String name) {
        return slots.containsKey(name);
    }

    /** The slot of a column a transform reads, which must exist already and have the type the transform takes. */
    int input(String transform, String name, ColumnType expected) {
        Integer slot = slots.get(name);
        if (slot == null) {
            throw new InvalidTransformException(transform, "column '" + name + "' is neither a feature of the schema"
                    + " nor the output of an earlier transform");
        }
        if (expected != null && columns.get(slot).type() != expected) {
            throw new InvalidTransformException(transform, "column '" + name + "' is " + columns.get(slot).type()
                    + " but this transform takes a " + expected + " column");
        }
        return slot;
    }

    TypedColumn column(int slot) {
        return columns.get(slot);
    }

    int size() {
        return columns.size();
    }

    List<TypedColumn> columns() {
        return List.copyOf(columns);
    }

    boolean isModelFeature(int slot) {
        return modelFeature.get(slot);
    }
}
