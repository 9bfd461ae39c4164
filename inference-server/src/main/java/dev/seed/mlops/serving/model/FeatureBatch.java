package dev.seed.mlops.serving.model;

import dev.seed.mlops.features.Values;
import java.util.Arrays;

/**
 * Request rows turned into model input: a row-major float matrix in the manifest's feature order, with
 * categorical values replaced by their codes and missing values as NaN. Decoders fill it value by value;
 * every rule about what a value may be lives here, so V1 and V2 requests are judged alike.
 */
public final class FeatureBatch {

    private static final int INITIAL_ROWS = 4;

    private final FeatureSchema schema;
    private final int width;
    private float[] values;
    /** Which NaNs were unknown categories rather than missing values; drift counts them in their own bin. */
    private boolean[] unknownCategory;
    /** For a model with transforms: every value as the client sent it, coded as the features module reads it. */
    private double[] exact;
    private int rows;

    public FeatureBatch(FeatureSchema schema) {
        this.schema = schema;
        this.width = schema.size();
        this.values = new float[INITIAL_ROWS * width];
        this.exact = schema.keepsExactValues() ? new double[values.length] : null;
    }

    /** Appends a row of missing values and returns its index; the decoder then sets each feature. */
    public int addRow() {
        if ((rows + 1) * width > values.length) {
            values = Arrays.copyOf(values, values.length * 2);
            if (unknownCategory != null) {
                unknownCategory = Arrays.copyOf(unknownCategory, values.length);
            }
            if (exact != null) {
                exact = Arrays.copyOf(exact, values.length);
            }
        }
        Arrays.fill(values, rows * width, (rows + 1) * width, Float.NaN);
        if (exact != null) {
            Arrays.fill(exact, rows * width, (rows + 1) * width, Values.MISSING);
        }
        return rows++;
    }

    /**
     * NaN is a missing value (as XGBoost takes it); infinities and numbers beyond the float range the model
     * computes in are refused, as the trainer refuses them in training data.
     */
    public void setNumber(int row, int feature, double value) {
        if (Double.isNaN(value)) {
            setMissing(row, feature);
        } else if (Double.isInfinite((float) value)) {
            throw invalid("NonFinite", row, feature, "is " + value + "; send finite numbers within the 32-bit float"
                    + " range (null or NaN for a missing value)");
        } else if (schema.isCategorical(feature)) {
            setCategoryCode(row, feature, value);
        } else {
            values[row * width + feature] = (float) value;
            setExact(row, feature, value);
        }
    }

    private void setExact(int row, int feature, double value) {
        if (exact != null) {
            exact[row * width + feature] = value;
        }
    }

    public void setString(int row, int feature, String value) {
        if (!schema.isCategorical(feature)) {
            throw invalid("WrongType", row, feature, "is numeric but got the string \"" + abbreviate(value) + "\"");
        }
        int code = schema.categoryCode(feature, value);
        if (code != FeatureSchema.UNKNOWN_CATEGORY) {
            values[row * width + feature] = code;
            setExact(row, feature, code);
            return;
        }
        if (!schema.acceptsMissing(feature)) {
            throw invalid("UnknownCategory", row, feature, "does not know the category \"" + abbreviate(value)
                    + "\" and this model cannot take it as missing");
        }
        if (unknownCategory == null) {
            unknownCategory = new boolean[values.length];
        }
        unknownCategory[row * width + feature] = true;
        values[row * width + feature] = Float.NaN;
        setExact(row, feature, Values.UNKNOWN);
    }

    public void setMissing(int row, int feature) {
        if (!schema.acceptsMissing(feature)) {
            throw invalid("MissingValue", row, feature, "does not accept missing values (null or NaN)");
        }
        values[row * width + feature] = Float.NaN;
        setExact(row, feature, Values.MISSING);
    }

    /** A number for a categorical feature is taken as an already encoded category code. */
    private void setCategoryCode(int row, int feature, double code) {
        int categories = schema.categoryCount(feature);
        if (code != Math.rint(code) || code < 0 || code >= categories) {
            throw invalid("WrongType", row, feature, "is categorical: send one of its category names or a code 0.."
                    + (categories - 1) + ", not " + code);
        }
        values[row * width + feature] = (float) code;
        setExact(row, feature, code);
    }

    private InvalidInputException invalid(String reason, int row, int feature, String problem) {
        return new InvalidInputException(reason, "row " + row + ": feature '" + schema.name(feature) + "' " + problem);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** The row-major matrix; only the first {@code rows() * width()} entries are rows. */
    public float[] values() {
        return values;
    }

    public float value(int row, int feature) {
        return values[row * width + feature];
    }

    /**
     * A value as the client sent it (a number at full precision, a category's code, {@link Values#UNKNOWN} for an
     * unknown category, NaN when missing); only for a schema that {@link FeatureSchema#keepsExactValues keeps them}.
     */
    public double exactValue(int row, int feature) {
        return exact[row * width + feature];
    }

    public boolean isUnknownCategory(int row, int feature) {
        return unknownCategory != null && unknownCategory[row * width + feature];
    }

    public FeatureSchema schema() {
        return schema;
    }
}
