package dev.seed.mlops.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A column a pipeline reads or writes.
 *
 * @param name       its name (in requests and the source data for a raw column)
 * @param type       numeric or categorical
 * @param categories for a categorical column, its vocabulary: a value is coded as its index here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypedColumn(String name, ColumnType type, List<String> categories) {
    public TypedColumn {
        categories = categories == null ? null : List.copyOf(categories);
        if (type == ColumnType.categorical && categories == null) {
            categories = List.of();
        }
    }

    public static TypedColumn numeric(String name) {
        return new TypedColumn(name, ColumnType.numeric, null);
    }

    public static TypedColumn categorical(String name, List<String> categories) {
        return new TypedColumn(name, ColumnType.categorical, categories);
    }

    @JsonIgnore
    public boolean isCategorical() {
        return type == ColumnType.categorical;
    }
}
